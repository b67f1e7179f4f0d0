package dev.larder.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.SerializationException;
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
}
