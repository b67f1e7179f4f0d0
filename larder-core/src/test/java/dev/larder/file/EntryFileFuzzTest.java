package dev.larder.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.serial.DefaultSerializer;
import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import dev.larder.testing.fuzz.StoredBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The file backend's entry files from a directory others can write. {@link EntryFile} itself
 * throws only its {@link EntryFile.CorruptException}, and {@link EntryFile.TooLargeException}
 * for a body that inflates past the reader's limit (here 1 MiB, the cache's
 * {@code max-value-size}), where inflating stops: 64 bytes per byte of file + 4 MiB, and
 * 50 ms + 10 µs a byte. Through a real file cache with the same limit, a planted file is a
 * value or a miss, never an exception, within the same bounds.
 */
class EntryFileFuzzTest {
    static final long FAR_FUTURE = Long.MAX_VALUE;
    static final int LIMIT = 1 << 20;
    static final Bounded PARSE = Bounded.named("EntryFile.expiresAt+value")
            .documented(EntryFile.CorruptException.class, EntryFile.TooLargeException.class)
            .allocation(64, 4 << 20).time(Duration.ofMillis(50), 10_000);
    static final Bounded PLANTED = Bounded.named("file cache get of a planted file").allocation(64, 4 << 20)
            .time(Duration.ofMillis(50), 10_000);
    static final DefaultSerializer SERIALIZER = new DefaultSerializer();
    static final Path DIR;
    static final CacheRegistry CACHES;
    // Each undecodable file is logged; the count is what matters here.
    static final Logger DECODE_WARNINGS = Logger.getLogger("dev.larder.serial");
    static final Logger FILE_WARNINGS = Logger.getLogger("dev.larder.file");

    static {
        DECODE_WARNINGS.setLevel(Level.OFF);
        FILE_WARNINGS.setLevel(Level.OFF);
        try {
            DIR = Files.createTempDirectory("larder-entry-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.setProperty("larder.caches.default.backend", "file");
        props.setProperty("larder.caches.default.location", DIR.toString());
        props.setProperty("larder.caches.default.options.max-value-size", Integer.toString(LIMIT));
        CACHES = CacheRegistry.fromProperties(props);
    }

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<byte[]> valid = Arbitraries.oneOf(StoredBytes.valid(SERIALIZER::serialize), Arbitraries.bytes().array(byte[].class)
                .ofMaxSize(4000), Arbitraries.integers().between(1025, 100_000).map(n -> new byte[n]))
                .map(v -> EntryFile.encode(v, FAR_FUTURE));
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(20, valid),
                Tuple.of(60, Shapes.mutatedBytes(valid)),
                Tuple.of(5, Arbitraries.integers().between(1 << 16, 1 << 22).map(n -> EntryFile.encode(new byte[n],
                        FAR_FUTURE))),
                Tuple.of(1, StoredBytes.hugeRandom()));
    }

    @Provide
    Arbitrary<byte[]> planted() {
        return StoredBytes.any(SERIALIZER::serialize).map(v -> EntryFile.encode(v, FAR_FUTURE));
    }

    @Property
    void entryFile_ofAnyBytes_isAValueOrCorrupt(@ForAll("files") byte[] file) throws Exception {
        byte[] value = PARSE.call(file.length, () -> {
            EntryFile.expiresAt(file, file.length);
            return EntryFile.value(file, LIMIT);
        });
        if (value != null) {
            assertThat(EntryFile.value(EntryFile.encode(value, 0), LIMIT)).isEqualTo(value);
        }
    }

    @Property
    void fileCache_plantedFile_isAValueOrAMiss(@ForAll("planted") byte[] file) throws IOException {
        Cache cache = CACHES.defaultCache();
        Files.write(DIR.resolve(FileBackend.md5Hex(":1:planted") + FileBackend.SUFFIX), file);
        PLANTED.call(file.length, () -> cache.get("planted"));
    }

    @AfterContainer
    static void summary() {
        System.out.println(PARSE.summary());
        System.out.println(PLANTED.summary());
        CACHES.close();
    }
}
