package dev.larder.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.SerializationException;
import dev.larder.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    /** A custom serializer with a bug: it throws whatever it throws. */
    static final class Broken implements Serializer {
        @Override
        public byte[] serialize(Object value) {
            throw new IllegalStateException("broken serializer");
        }

        @Override
        public Object deserialize(byte[] bytes) {
            throw new ArrayIndexOutOfBoundsException(7);
        }
    }

    private final StatsCounter stats = new StatsCounter();
    private final ValueCodec codec = new ValueCodec("pages", new Broken(), stats);

    @Test
    void anyFailureOfACustomSerializer_atEncode_isASerializationExceptionNamingCacheAndKey() {
        assertThatThrownBy(() -> codec.encode(CacheKey.of(":1:", "k"), "v"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cache 'pages'").hasMessageContaining(":1:k")
                .hasMessageContaining("broken serializer")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void anyFailureOfACustomSerializer_atDecode_isAMissCountedAsAnError() {
        assertThat(codec.decode(CacheKey.of(":1:", "k"), new byte[] {1, 2})).isNull();
        assertThat(stats.snapshot().errors()).isEqualTo(1);
    }

    @Test
    void manyUndecodableEntries_areAllCounted_butLoggedOnce() {
        LogCapture log = LogCapture.of("dev.larder.serial");
        try (log) {
            ValueCodec planted = new ValueCodec("shared", new dev.larder.serial.DefaultSerializer(), stats);
            for (int i = 0; i < 1000; i++) {
                assertThat(planted.decode(CacheKey.of(":1:", "k" + i), new byte[] {(byte) 0x7e})).isNull();
            }
        }
        assertThat(stats.snapshot().errors()).isEqualTo(1000);
        List<String> lines = log.messages();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("cache 'shared'", ":1:k0", "unknown type tag 0x7e");
    }
}
