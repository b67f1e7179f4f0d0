package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** After a long outage the client must not wait Lettuce's default 30 s before reconnecting. */
class ReconnectDelayTest {

    @Test
    void reconnectDelay_growsFromMillisecondsButNeverPastOneSecond() {
        ClientResources resources = SharedResources.acquire();
        try {
            Delay delay = resources.reconnectDelay();
            assertThat(delay.createDelay(1)).isLessThan(Duration.ofMillis(100));
            for (long attempt = 1; attempt <= 100; attempt++) {
                assertThat(delay.createDelay(attempt)).as("attempt " + attempt).isLessThanOrEqualTo(Duration.ofSeconds(1));
            }
            assertThat(delay.createDelay(100)).as("after a long outage").isEqualTo(Duration.ofSeconds(1));
        } finally {
            SharedResources.release();
        }
    }
}
