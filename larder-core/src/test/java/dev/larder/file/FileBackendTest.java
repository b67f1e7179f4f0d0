package dev.larder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.SerializationException;
import dev.larder.spi.Serializer;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import dev.larder.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the file backend owes beyond the contract: files on disk, damage, culling cost. */
class FileBackendTest {
    @TempDir
    Path tmp;
    private final FakeClock clock = new FakeClock();
    private final List<CacheRegistry> registries = new ArrayList<>();

    @AfterEach
    void close() {
        registries.forEach(CacheRegistry::close);
    }

    private Cache cache(Path dir, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend("file").location(dir.toString());
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        CacheRegistry r = CacheRegistry.builder().clock(clock).cache("default", b.build()).build();
        registries.add(r);
        return r.defaultCache();
    }

    private static Path fileOf(Path dir, String storedKey) {
        return dir.resolve(FileBackend.md5Hex(storedKey) + FileBackend.SUFFIX);
    }

    private static List<Path> cacheFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(FileBackend.SUFFIX)).toList();
        }
    }

    @Test
    void directoryIsPrivate_andFilesToo() throws IOException {
        Path dir = tmp.resolve("a/b/cache");
        Cache cache = cache(dir);
        cache.set("k", "v");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(dir, ":1:k"))))
                .isEqualTo("rw-------");
    }

    @Test
    void existingDirectoryOthersCanRead_isKeptButWarnedAbout() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        LogCapture log = LogCapture.of("dev.larder.file");
        try (log) {
            cache(dir).set("k", "v");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
        assertThat(log.messages()).anySatisfy(w -> assertThat(w).contains("rwxr-xr-x").contains("chmod 700"));
    }

    @Test
    void fileName_isMd5OfTheStoredKey() {
        Cache cache = cache(tmp);
        cache.set("k", "v");
        assertThat(fileOf(tmp, ":1:k")).exists();
        assertThat(FileBackend.md5Hex(":1:k")).isEqualTo("86faa9ea774c6ce60e4513e14b3c0af9");
    }

    @Test
    void damagedFiles_areMissesCountedAndRemoved() throws IOException {
        Cache cache = cache(tmp);
        cache.set("garbage", "v");
        cache.set("truncated", "v");
        cache.set("empty", "v");
        cache.set("body", List.of("a list"));
        Files.write(fileOf(tmp, ":1:garbage"), "not a cache file at all".getBytes());
        byte[] whole = Files.readAllBytes(fileOf(tmp, ":1:truncated"));
        Files.write(fileOf(tmp, ":1:truncated"), java.util.Arrays.copyOf(whole, 9));
        Files.write(fileOf(tmp, ":1:empty"), new byte[0]);
        byte[] body = Files.readAllBytes(fileOf(tmp, ":1:body"));
        Files.write(fileOf(tmp, ":1:body"), java.util.Arrays.copyOf(body, body.length - 5));

        for (String key : List.of("garbage", "truncated", "empty", "body")) {
            assertThat(cache.get(key)).as(key).isNull();
        }
        assertThat(cache.stats().errors()).isEqualTo(4);
        assertThat(fileOf(tmp, ":1:garbage")).doesNotExist();
        assertThat(cache.hasKey("empty")).isFalse();
        cache.set("garbage", "fresh");
        assertThat(cache.get("garbage")).isEqualTo("fresh");
    }

    @Test
    void shortBodiesThatStillDecode_areMissesNotPrefixes() throws IOException {
        Cache cache = cache(tmp);
        cache.set("text", "hello world");
        cache.set("number", 12345L);
        for (String key : List.of("text", "number")) {
            Path file = fileOf(tmp, ":1:" + key);
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3));
        }
        assertThat(cache.get("text")).isNull();
        assertThatThrownBy(() -> cache.incr("number")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThat(cache.stats().errors()).isEqualTo(2);
        assertThat(cacheFiles(tmp)).isEmpty();
    }

    @Test
    void flippedBodyByte_isAMiss() throws IOException {
        Cache cache = cache(tmp);
        cache.set("text", "hello world");
        Path file = fileOf(tmp, ":1:text");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThat(cache.get("text")).isNull();
        assertThat(cache.stats().errors()).isEqualTo(1);
    }

    @Test
    void wholeFileWhoseValueDoesNotDecode_isRemovedAfterOneMiss() {
        Cache writer = cache(tmp);
        writer.set("k", List.of("v"));
        writer.set("n", 5L);
        CacheRegistry r = CacheRegistry.builder().clock(clock).cache("default", CacheConfig.builder().backend("file")
                .location(tmp.toString()).serializer(new Unreadable()).build()).build();
        registries.add(r);
        Cache reader = r.defaultCache();
        assertThat(reader.get("k")).isNull();
        assertThat(fileOf(tmp, ":1:k")).doesNotExist();
        assertThatThrownBy(() -> reader.incr("n")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThat(fileOf(tmp, ":1:n")).doesNotExist();
        assertThat(reader.stats().errors()).isEqualTo(2);
    }

    /** Writes nothing anyone could read back. */
    static final class Unreadable implements Serializer {
        @Override
        public byte[] serialize(Object value) {
            return new byte[] {1};
        }

        @Override
        public Object deserialize(byte[] bytes) {
            throw new SerializationException("unreadable on purpose");
        }
    }

    @Test
    void concurrentReaders_seeOneWholeValueOrTheOther() throws Exception {
        Cache cache = cache(tmp, "max-entries", "1000");
        String a = "a".repeat(256 * 1024);
        String b = "b".repeat(300 * 1024);
        cache.set("big", a);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    cache.set("big", i % 2 == 0 ? b : a);
                }
            });
            int reads = 0;
            while (!writer.isDone() || reads < 50) {
                Object seen = cache.get("big");
                assertThat(seen).as("read " + reads).isNotNull().isIn(a, b);
                reads++;
            }
            writer.get(30, TimeUnit.SECONDS);
            assertThat(cache.stats().errors()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clear_removesTemporaryFilesLeftByACrashedWriter() throws IOException {
        Cache cache = cache(tmp);
        Path leftover = Files.writeString(tmp.resolve(".tmp-123.part"), "half a value");
        cache.set("a", "1");
        cache.clear();
        assertThat(leftover).doesNotExist();
        assertThat(cacheFiles(tmp)).isEmpty();
    }

    @Test
    void otherIoErrors_surface() throws IOException {
        Cache cache = cache(tmp);
        Files.createDirectory(fileOf(tmp, ":1:k"));
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class)
                .hasMessageContaining("cannot read");
        assertThat(cache.stats().errors()).isEqualTo(1);
    }

    @Test
    void locationThatIsAFile_failsAtStartup() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("plain"), "x");
        assertThatThrownBy(() -> cache(notADir)).isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.location='" + notADir + "'")
                .hasMessageContaining("cannot be used as a cache directory");
    }

    @Test
    void removedDirectory_isMadeAgainOnTheNextWrite() throws IOException {
        Path dir = tmp.resolve("vanishing");
        Cache cache = cache(dir);
        cache.set("a", "1");
        Files.delete(fileOf(dir, ":1:a"));
        Files.delete(dir);
        assertThat(cache.get("a")).isNull();
        cache.set("b", "2");
        assertThat(cache.get("b")).isEqualTo("2");
    }

    @Test
    void clear_removesCacheFilesOnly() throws IOException {
        Cache cache = cache(tmp);
        Path foreign = Files.writeString(tmp.resolve("README.txt"), "keep me");
        cache.set("a", "1");
        cache.set("b", "2");
        cache.clear();
        assertThat(cacheFiles(tmp)).isEmpty();
        assertThat(foreign).exists();
    }

    @Test
    void writes_leaveNoTemporaryFiles() throws IOException {
        Cache cache = cache(tmp);
        cache.set("n0", 0);
        cache.set("n1", 0);
        for (int i = 0; i < 50; i++) {
            cache.set("k" + (i % 5), "v" + i);
            cache.add("a" + i, "v");
            cache.incr("n" + (i % 2), 1L);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void largeValues_areCompressedOnDisk() throws IOException {
        Cache cache = cache(tmp);
        String big = "abcdefgh".repeat(10_000);
        cache.set("big", big);
        assertThat(Files.size(fileOf(tmp, ":1:big"))).isLessThan(big.length() / 10);
        assertThat(cache.get("big")).isEqualTo(big);
    }

    @Test
    void culling_listsTheDirectoryOncePerCullNotPerWrite() throws IOException {
        Cache cache = cache(tmp, "max-entries", "100", "cull-frequency", "3");
        CacheDirectory directory = ((FileBackend) backendOf(cache)).directory();
        for (int i = 0; i < 1_000; i++) {
            cache.set("key" + i, i, Timeout.NEVER);
        }
        // One listing to count at the first write, then one per cull: a cull frees a third of
        // the store, so at most 1000 / 33 + 1 of them.
        assertThat(directory.listings()).isLessThanOrEqualTo(32);
        assertThat(cacheFiles(tmp)).hasSizeLessThanOrEqualTo(100);
        assertThat(cache.stats().evictions()).isGreaterThanOrEqualTo(900);
    }

    /**
     * Django 3.2's FileBasedCache with OPTIONS {'MAX_ENTRIES': m, 'CULL_FREQUENCY': f}: the number
     * of cache files after each of {@code cache.set('k%02d' % n, n, None)} for n = 1, 2, ...
     */
    @ParameterizedTest(name = "max-entries {0}, cull-frequency {1}")
    @CsvSource(delimiter = ';', value = {
            "3; 3; 1 2 3 3 3 3 3 3 3 3",
            "4; 2; 1 2 3 4 3 4 3 4 3 4 3 4",
            "5; 3; 1 2 3 4 5 5 5 5 5 5 5 5 5 5",
            "6; 2; 1 2 3 4 5 6 4 5 6 4 5 6 4 5 6 4",
            "10; 3; 1 2 3 4 5 6 7 8 9 10 8 9 10 8 9 10 8 9 10 8 9 10 8 9",
            "3; 1; 1 2 3 1 2 3 1 2 3 1",
            "4; 0; 1 2 3 4 1 2 3 4 1 2 3 4",
            "2; 2; 1 2 2 2 2 2 2 2"})
    void culling_leavesDjangosCount(int maxEntries, int cullFrequency, String django) throws IOException {
        Cache cache = cache(tmp, "max-entries", Integer.toString(maxEntries), "cull-frequency", Integer.toString(cullFrequency));
        List<String> counts = new ArrayList<>();
        for (int n = 1; n <= django.split(" ").length; n++) {
            cache.set(String.format("k%02d", n), n, Timeout.NEVER);
            counts.add(Integer.toString(cacheFiles(tmp).size()));
        }
        assertThat(String.join(" ", counts)).isEqualTo(django);
    }

    @Test
    void culling_fewerFilesThanTheCullFrequency_stillRemovesOne() throws IOException {
        // Django (MAX_ENTRIES=2, CULL_FREQUENCY=3): int(2 / 3) removes none, so it keeps 3 files:
        // 1 2 3 3 3 3. Here a cull removes at least one, and max-entries holds.
        Cache cache = cache(tmp, "max-entries", "2", "cull-frequency", "3");
        List<Integer> counts = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            cache.set("k" + n, n, Timeout.NEVER);
            counts.add(cacheFiles(tmp).size());
        }
        assertThat(counts).containsExactly(1, 2, 2, 2, 2, 2);
    }

    @Test
    void culling_countsFilesAlreadyThere() {
        Cache first = cache(tmp, "max-entries", "10");
        for (int i = 0; i < 10; i++) {
            first.set("old" + i, i, Timeout.NEVER);
        }
        Cache second = cache(tmp, "max-entries", "10");
        second.set("new", 1, Timeout.NEVER);
        int live = 0;
        for (int i = 0; i < 10; i++) {
            live += second.hasKey("old" + i) ? 1 : 0;
        }
        assertThat(live).isLessThan(10);
        assertThat(second.get("new")).isEqualTo(1L);
    }

    @Test
    void add_fromTwoCachesOnOneDirectory_hasOneWinner() throws Exception {
        Cache a = cache(tmp);
        Cache b = cache(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "lock" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Cache c = t % 2 == 0 ? a : b;
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return c.add(key, "v");
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void incr_fromTwoCachesOnOneDirectory_losesNoUpdate() throws Exception {
        Cache a = cache(tmp);
        Cache b = cache(tmp);
        a.set("n", 0L);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Cache c = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 100; i++) {
                        c.incr("n");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(b.get("n")).isEqualTo(800L);
    }

    @Test
    void expiredFile_isRemovedWhenRead() {
        Cache cache = cache(tmp);
        cache.set("k", "v", Timeout.ofSeconds(5));
        clock.advanceSeconds(5);
        assertThat(cache.get("k")).isNull();
        assertThat(fileOf(tmp, ":1:k")).doesNotExist();
    }

    private static dev.larder.spi.CacheBackend backendOf(Cache cache) {
        try {
            var m = cache.getClass().getDeclaredMethod("backend");
            m.setAccessible(true);
            return (dev.larder.spi.CacheBackend) m.invoke(cache);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void largeValue_isStreamedToItsFile_notCopiedWhole() throws IOException {
        Cache cache = cache(tmp);
        byte[] random = new byte[32 << 20];
        new java.util.Random(7).nextBytes(random);
        byte[] zeros = new byte[32 << 20];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (byte[] value : List.of(random, zeros)) {
            long before = threads.getCurrentThreadAllocatedBytes();
            cache.set("big", value);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // The serialised value (one copy with its tag) and small buffers; before streaming,
            // a set allocated over four times the value (deflated copy, file-sized buffer).
            assertThat(allocated).as("bytes allocated by a set of 32 MiB").isLessThan(value.length * 3L / 2);
            assertThat((byte[]) cache.get("big")).isEqualTo(value);
        }
        assertThat(Files.size(fileOf(tmp, ":1:big"))).as("zeros are stored deflated").isLessThan(1 << 20);
    }
}
