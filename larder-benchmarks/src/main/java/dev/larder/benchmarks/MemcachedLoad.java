package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.memcached.RawBytes;
import dev.larder.testkit.servers.MemcachedServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;

/**
 * Memcached, 1 KiB values, 50 client threads, 10,000 keys: Larder's {@code get} and {@code set}
 * against a raw xmemcached {@link MemcachedClient} issuing the same commands on the same stored
 * keys ({@code :1:key:<n>}) with the same bytes, flags and expiry. The raw client is built as
 * Larder's backend builds its own (Ketama hashing, text protocol, one connection, the same
 * timeouts), so what differs is Larder's own work. Starts its own {@code memcached}.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.MemcachedLoad [rounds] [seconds]}
 */
public final class MemcachedLoad {
    static final int THREADS = 50;
    static final int KEYS = 10_000;
    /** A day, so that no value expires during a long run and every get is a hit. */
    private static final Timeout TIMEOUT = Timeout.ofSeconds(86_400);
    /** What Larder sends for {@link #TIMEOUT}: a second more, so an entry lives at least its timeout. */
    private static final int EXPIRY = 86_401;
    /** Larder's backend defaults: {@code command-timeout} 500 ms, {@code connect-timeout} 2 s. */
    private static final long OP_TIMEOUT_MILLIS = 500;
    private static final long CONNECT_TIMEOUT_MILLIS = 2_000;

    private MemcachedLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("memcached");
        try (MemcachedServers memcached = MemcachedServers.start(1);
             CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("memcached")
                     .location(memcached.location()).timeout(TIMEOUT).build()).build()) {
            Cache cache = caches.defaultCache();
            MemcachedClient raw = rawClient(memcached.port(0));
            try {
                byte[] value = new byte[1024];
                Load.Keys all = Load.Keys.of(KEYS);
                all.fill(cache, value);
                String[] keys = all.names();
                String[] stored = all.stored();
                byte[] larderBytes = checkedStoredBytes(cache, raw, keys[0], stored[0], value);

                List<Load.Variant> gets = List.of(
                        new Load.Variant("larder get", () -> Load.throughput(THREADS, each,
                                (t, i) -> cache.get(keys[Load.pick(t, i, KEYS)]))),
                        new Load.Variant("xmemcached get", () -> Load.throughput(THREADS, each,
                                (t, i) -> raw.get(stored[Load.pick(t, i, KEYS)]))));
                List<Load.Variant> sets = List.of(
                        new Load.Variant("larder set", () -> Load.throughput(THREADS, each,
                                (t, i) -> cache.set(keys[Load.pick(t, i, KEYS)], value))),
                        new Load.Variant("xmemcached set", () -> Load.throughput(THREADS, each,
                                (t, i) -> raw.set(stored[Load.pick(t, i, KEYS)], EXPIRY, larderBytes))));
                System.err.println("warm-up");
                Load.rounds(1, List.of(gets.get(0), gets.get(1), sets.get(0), sets.get(1)));
                Map<String, double[]> getResults = Load.rounds(rounds, gets);
                Map<String, double[]> setResults = Load.rounds(rounds, sets);

                report.line("| comparison (memcached, " + THREADS + " threads, 1 KiB) | Larder ops/s | other ops/s"
                        + " | Larder / other, median (range) | target |");
                report.line("|---|---|---|---|---|");
                report.ratioRow("get: Larder / raw xmemcached", getResults, "larder get", "xmemcached get", ">= 0.9x");
                report.ratioRow("set: Larder / raw xmemcached", setResults, "larder set", "xmemcached set", ">= 0.9x");
            } finally {
                raw.shutdown();
            }
        }
    }


    /**
     * An xmemcached client as a user would build one for the same server, with the settings
     * Larder's {@code MemcachedBackendFactory} gives its own: Ketama hashing, the text protocol,
     * failure mode, one connection, 500 ms per command, 2 s to connect, and byte arrays
     * stored as they are.
     */
    static MemcachedClient rawClient(int port) throws IOException {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(new InetSocketAddress("127.0.0.1", port)));
        builder.setSessionLocator(new KetamaMemcachedSessionLocator());
        builder.setCommandFactory(new TextCommandFactory());
        builder.setFailureMode(true);
        builder.setConnectionPoolSize(1);
        builder.setOpTimeout(OP_TIMEOUT_MILLIS);
        builder.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        builder.setHealSessionInterval(500);
        builder.setTranscoder(RawBytes.INSTANCE);
        return builder.build();
    }

    /**
     * The bytes Larder stored under {@code key}, read with the raw client under
     * {@code storedKey}, after checking that both clients see the same entry: the raw client
     * finds it where Larder's key function puts it, and Larder reads back the value after the
     * raw client stored those bytes again.
     */
    private static byte[] checkedStoredBytes(Cache cache, MemcachedClient raw, String key, String storedKey, byte[] value)
            throws Exception {
        byte[] bytes = raw.get(storedKey);
        if (bytes == null) {
            throw new IllegalStateException("raw xmemcached finds nothing under '" + storedKey
                    + "', where Larder should have stored key '" + key + "'");
        }
        raw.set(storedKey, EXPIRY, bytes);
        if (!(cache.get(key) instanceof byte[] read) || !Arrays.equals(read, value)) {
            throw new IllegalStateException("Larder does not read back key '" + key + "' after raw xmemcached set it");
        }
        return bytes;
    }
}
