package dev.larder.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.serial.DefaultSerializer;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.StoredBytes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A Memcached read as the backend makes it, on bytes anyone with access to the servers can
 * write: {@link MemcachedBackend#unpad} (counters that {@code decr} left padded with spaces)
 * then {@link ValueCodec#decode}, which turns a value it cannot read into a miss. Nothing is
 * thrown; at most 32 bytes allocated per stored byte + 1 MiB, 50 ms + 100 ns a byte.
 */
class MemcachedReadFuzzTest {
    static final ValueCodec CODEC = new ValueCodec("fuzz", new DefaultSerializer(), new StatsCounter(), 1 << 20);
    static final CacheKey KEY = CacheKey.of(":1:fuzz");
    static final Bounded READ = Bounded.named("Memcached read (unpad + ValueCodec.decode)").allocation(32, 1 << 20);

    @Provide
    Arbitrary<byte[]> stored() {
        Arbitrary<byte[]> counters = Arbitraries.oneOf(
                Arbitraries.strings().withChars("-0123456789").ofMinLength(1).ofMaxLength(25),
                Arbitraries.strings().numeric().ofMaxLength(20))
                .flatMap(digits -> Arbitraries.integers().between(0, 200_000)
                        .map(spaces -> (digits + " ".repeat(spaces)).getBytes(StandardCharsets.US_ASCII)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, StoredBytes.any(new DefaultSerializer()::serialize)),
                net.jqwik.api.Tuple.of(1, counters));
    }

    @Property
    void read_anyStoredBytes_isAValueOrAMiss_andBounded(@ForAll("stored") byte[] bytes) {
        Object value = READ.call(bytes.length, () -> {
            Object read = CODEC.decode(KEY, MemcachedBackend.unpad(bytes));
            Objects.hashCode(read);
            return read;
        });
        if (value instanceof Long && bytes.length > 0 && bytes[bytes.length - 1] == ' ') {
            assertThat(value).as("a padded counter reads as its digits")
                    .isEqualTo(Long.parseLong(new String(bytes, StandardCharsets.US_ASCII).strip()));
        }
    }

    @AfterContainer
    static void summary() {
        System.out.println(READ.summary());
    }
}
