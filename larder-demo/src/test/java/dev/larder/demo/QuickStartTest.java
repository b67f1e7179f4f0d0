package dev.larder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {
    @Test
    void quickStart_cachesTheComputation_andTheHerdComputesOnce() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        QuickStart.Result result;
        try (CacheRegistry caches = CacheRegistry.load()) {
            assertThat(caches.defaultCache().toString()).contains("locmem 'demo'");
            result = QuickStart.run(caches.defaultCache(), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }
        assertThat(result.primes()).isEqualTo(283_146);
        assertThat(result.herdLoads()).isEqualTo(1);
        assertThat(result.counter()).isEqualTo(42);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("speed-up").contains("ran 1 time(s)");
    }
}
