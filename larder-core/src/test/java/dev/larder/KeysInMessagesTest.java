package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.serial.DefaultSerializer;
import dev.larder.spi.Serializer;
import dev.larder.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key is text a caller chose: in a log line or a message it is escaped and, when huge, shortened. */
class KeysInMessagesTest {
    private static final String FORGED = "user\n[ERROR] forged";
    private static final String HUGE = "k".repeat(1_000_000);

    private LogCapture logged;
    private CacheRegistry registry;

    /** Writes like the default serializer but cannot read anything back. */
    private static final class Unreadable implements Serializer {
        private final Serializer writer = new DefaultSerializer();

        @Override
        public byte[] serialize(Object value) {
            return writer.serialize(value);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            throw new SerializationException("corrupt on purpose");
        }
    }

    @BeforeEach
    void listen() {
        logged = LogCapture.of("dev.larder.serial");
    }

    @AfterEach
    void stop() {
        logged.close();
        if (registry != null) {
            registry.close();
        }
    }

    private Cache cache(Serializer serializer) {
        registry = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("locmem")
                .location("keys-in-messages-" + System.nanoTime()).serializer(serializer).build()).build();
        return registry.defaultCache();
    }

    @Test
    void decodeFailure_logsOneLine_withTheKeyEscaped() {
        Cache cache = cache(new Unreadable());
        cache.set(FORGED, List.of("v"));
        assertThat(cache.get(FORGED)).isNull();
        assertThat(logged.messages()).hasSize(1);
        assertThat(logged.messages().get(0)).doesNotContain("\n").contains("user\\n[ERROR] forged");
    }

    @Test
    void decodeFailure_ofAHugeKey_logsItsStartAndLength() {
        Cache cache = cache(new Unreadable());
        cache.set(HUGE, List.of("v"));
        assertThat(cache.get(HUGE)).isNull();
        assertThat(logged.messages()).hasSize(1);
        assertThat(logged.messages().get(0)).hasSizeLessThan(1_500).contains("…(1000003 chars)");
    }

    @Test
    void exceptionMessages_escapeAndShortenTheKey() {
        Cache cache = cache(new DefaultSerializer());
        assertThatThrownBy(() -> cache.incr(FORGED)).isInstanceOf(CacheKeyNotFoundException.class)
                .hasMessage("Key 'user\\n[ERROR] forged' not found");
        cache.set(FORGED, "text");
        assertThatThrownBy(() -> cache.get(FORGED, Integer.class)).isInstanceOf(CacheValueTypeException.class)
                .hasMessageNotContaining("\n").hasMessageContaining("user\\n[ERROR] forged");
        assertThatThrownBy(() -> cache.incr(FORGED)).isInstanceOf(CacheValueTypeException.class)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> cache.set(HUGE, null)).isInstanceOf(NullPointerException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_500));
        assertThatThrownBy(() -> cache.set(FORGED, new Object())).isInstanceOf(SerializationException.class)
                .hasMessageNotContaining("\n");
    }
}
