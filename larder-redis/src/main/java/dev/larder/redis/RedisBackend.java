package dev.larder.redis;

import dev.larder.CacheBackendException;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheValueTooLargeException;
import dev.larder.CacheValueTypeException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Pages;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cache on Redis. Every call is one command (or one pipelined batch) on a shared connection;
 * reads may go to a replica. {@code add} is {@code SET NX}; {@code incr} is a script that
 * fails on a missing key and otherwise runs {@code INCRBY} in the same step, so no expiry can
 * slip in between (Django checks {@code EXISTS} first, a separate command). {@code clear}
 * removes this cache's keys only, by prefix with {@code SCAN} and {@code UNLINK}, unless
 * the cache was configured to {@code FLUSHDB}.
 */
final class RedisBackend implements CacheBackend {
    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .stores().atomicAdd().atomicIncr().outOfProcess().serverClock().atomicConditionalSet().listsKeys().build();
    /**
     * A Cluster spreads keys over nodes, and a script may touch only one slot: a conditional set
     * whose keys share a slot (one key compared with itself, as JCache's entries are) still runs
     * as one script; others check, then write.
     */
    private static final Capabilities CLUSTER_CAPABILITIES = Capabilities.builder()
            .stores().atomicAdd().atomicIncr().outOfProcess().serverClock().listsKeys().build();
    /** Redis refuses expiries past the end of its clock's range; for a cache, a century is forever. */
    private static final long FOREVER_MILLIS = Duration.ofDays(36_500).toMillis();
    private static final int SCAN_BATCH = 1000;

    private final String alias;
    private final RedisNodes nodes;
    private final RedisLocation location;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final ClearPolicy clear;
    private final String keyPattern;
    private final IncrScript incrScript = new IncrScript();
    private final ConditionalSetScript conditionalSet = new ConditionalSetScript();
    private final long awaitMillis;
    private final long commandMillis;
    private final int waitReplicas;

    RedisBackend(String alias, RedisNodes nodes, RedisLocation location, ValueCodec codec, StatsCounter stats,
                 ClearPolicy clear, String keyPattern, Duration commandTimeout, int waitReplicas) {
        this.alias = alias;
        this.nodes = nodes;
        this.location = location;
        this.codec = codec;
        this.stats = stats;
        this.clear = clear;
        this.keyPattern = keyPattern;
        // Lettuce times commands out itself; this is only a backstop should a future never complete.
        this.awaitMillis = commandTimeout.toMillis() * 2 + 1000;
        this.commandMillis = commandTimeout.toMillis();
        this.waitReplicas = waitReplicas;
    }

    @Override
    public Object get(CacheKey key) {
        return decode(key, await("GETRANGE", readUpToLimit(nodes.reader(), key)));
    }

    /**
     * One {@code GETRANGE} per key, all sent before any reply is awaited: one round trip, as
     * {@code MGET} would be, but no reply can be longer than the limit.
     */
    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        RedisClusterAsyncCommands<String, byte[]> reader = nodes.reader();
        Map<CacheKey, RedisFuture<byte[]>> replies = new LinkedHashMap<>();
        for (CacheKey key : keys) {
            replies.put(key, readUpToLimit(reader, key));
        }
        Map<CacheKey, Object> found = new HashMap<>();
        for (Map.Entry<CacheKey, RedisFuture<byte[]>> e : replies.entrySet()) {
            Object value = decode(e.getKey(), await("GETRANGE", e.getValue()));
            if (value != null) {
                found.put(e.getKey(), value);
            }
        }
        return found;
    }

    /**
     * The value's first {@code max-value-size + 1} bytes: a value planted by another program,
     * however large, keeps the shared connection no longer than the largest value this cache
     * stores (a plain {@code GET} of 64 MB holds it past the command timeout, failing every
     * caller queued behind). About as fast as {@code GET}; a script checking {@code STRLEN}
     * first costs four times as much.
     */
    private RedisFuture<byte[]> readUpToLimit(RedisClusterAsyncCommands<String, byte[]> reader, CacheKey key) {
        return reader.getrange(key.value(), 0, codec.maxValueSize());
    }

    /** A bounded read's value: empty is a missing key, since no value is stored empty. */
    Object decode(CacheKey key, byte[] bytes) {
        if (bytes == null || bytes.length == 0 || codec.storedTooLarge(key, bytes.length)) {
            return null;
        }
        return codec.decode(key, bytes);
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        if (timeout.isExpired()) {
            write("DEL", nodes.writer().del(key.value()));
            return;
        }
        write("SET", expires(timeout) ? nodes.writer().set(key.value(), bytes, SetArgs.Builder.px(timeout.toMillis()))
                : nodes.writer().set(key.value(), bytes));
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        List<CacheKey> tooLarge = new ArrayList<>(0);
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        codec.encodeEach(entries, tooLarge).forEach((key, bytes) -> encoded.put(key.value(), bytes));
        if (encoded.isEmpty()) {
            return tooLarge;
        }
        RedisClusterAsyncCommands<String, byte[]> writer = nodes.writer();
        if (timeout.isExpired()) {
            write("DEL", writer.del(encoded.keySet().toArray(String[]::new)));
        } else if (!expires(timeout)) {
            write("MSET", writer.mset(encoded));
        } else {
            // One SET PX per key, all sent before any reply is awaited: one round trip.
            SetArgs px = SetArgs.Builder.px(timeout.toMillis());
            List<RedisFuture<String>> replies = new ArrayList<>(encoded.size());
            encoded.forEach((k, v) -> replies.add(writer.set(k, v, px)));
            RedisFuture<Long> acks = waitForReplicas();
            for (RedisFuture<String> reply : replies) {
                await("SET", reply);
            }
            awaitAcks(acks);
        }
        return tooLarge;
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        if (timeout.isExpired()) {
            // "Would it have been added?" An add that keeps nothing changes nothing.
            return await("EXISTS", nodes.writer().exists(key.value())) == 0;
        }
        SetArgs args = expires(timeout) ? SetArgs.Builder.nx().px(timeout.toMillis()) : SetArgs.Builder.nx();
        return "OK".equals(write("SET NX", nodes.writer().set(key.value(), bytes, args)));
    }

    /**
     * One script run: the value's {@code SET}, or with an expired timeout its {@code DEL}
     * (ARGV[2] "-1"), only while every expected key holds its bytes. A Cluster cannot run it
     * over keys of several slots, so there the default reads, then writes.
     */
    /** Whether every key hashes to one Cluster slot, so that one script may touch them all. */
    private static boolean oneSlot(CacheKey key, java.util.Collection<CacheKey> others) {
        int slot = io.lettuce.core.cluster.SlotHash.getSlot(key.value());
        for (CacheKey other : others) {
            if (io.lettuce.core.cluster.SlotHash.getSlot(other.value()) != slot) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        if (!capabilities().atomicConditionalSet() && !oneSlot(key, expected.keySet())) {
            return CacheBackend.super.setIfUnchanged(key, value, timeout, expected);
        }
        byte[] bytes = codec.encode(key, value);
        String[] keys = new String[expected.size() + 1];
        byte[][] args = new byte[expected.size() + 2][];
        keys[0] = key.value();
        // A delete sends no value: it was encoded only so that a bad one fails as set's does.
        args[0] = timeout.isExpired() ? new byte[0] : bytes;
        args[1] = ConditionalSetScript.expiry(timeout.isExpired() ? -1 : expires(timeout) ? timeout.toMillis() : 0);
        if (!encodeExpected(expected, keys, args)) {
            return false;
        }
        boolean stored = runConditionalSet(keys, args);
        if (stored) {
            awaitAcks(waitForReplicas());
        }
        return stored;
    }

    /** Fills in the expected keys and values; false when a value is over the limit, which no key can hold. */
    private boolean encodeExpected(Map<CacheKey, Object> expected, String[] keys, byte[][] args) {
        int i = 1;
        for (Map.Entry<CacheKey, Object> e : expected.entrySet()) {
            keys[i] = e.getKey().value();
            try {
                args[i + 1] = codec.encode(e.getKey(), e.getValue());
            } catch (CacheValueTooLargeException tooLarge) {
                // A read would call such a value a miss.
                return false;
            }
            i++;
        }
        return true;
    }

    private boolean runConditionalSet(String[] keys, byte[][] args) {
        try {
            return conditionalSet.run(nodes.writer(), keys, args, awaitMillis);
        } catch (ExecutionException e) {
            throw failure("EVALSHA (set if unchanged)", e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw interruptedOrTimedOut("EVALSHA (set if unchanged)", e);
        }
    }

    @Override
    public boolean delete(CacheKey key) {
        return write("DEL", nodes.writer().del(key.value())) > 0;
    }

    @Override
    public void deleteMany(Collection<CacheKey> keys) {
        write("DEL", nodes.writer().del(keys.stream().map(CacheKey::value).toArray(String[]::new)));
    }

    @Override
    public void clear() {
        try {
            clear.clear(nodes.admin(), SCAN_BATCH);
        } catch (RuntimeException e) {
            throw failure("clear", e);
        }
    }

    /**
     * The keys {@code clear()} removes by prefix, by {@code SCAN} with its pattern and batch on
     * the primary (every primary of a Cluster), never a replica that may lag; a step at a time
     * as the iterator advances. A key may be listed twice if the server resizes its table
     * meanwhile ({@code SCAN}'s guarantee).
     */
    @Override
    public Iterator<CacheKey> keys() {
        if (keyPattern == null) {
            throw new UnsupportedOperationException("cache '" + alias + "' on " + this + " cannot list its keys: it has"
                    + " a custom key function and no key-prefix, so nothing tells its keys from others in the database");
        }
        KeyScan scan = new KeyScan(nodes.admin(), keyPattern, SCAN_BATCH);
        return new Pages<>(() -> {
            try {
                List<String> keys = scan.next();
                return keys == null ? null : keys.stream().map(CacheKey::of).toList();
            } catch (RuntimeException e) {
                throw failure("SCAN", e);
            }
        });
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        RedisClusterAsyncCommands<String, byte[]> writer = nodes.writer();
        if (timeout.isExpired()) {
            return write("DEL", writer.del(key.value())) > 0;
        }
        if (!expires(timeout)) {
            // PERSIST answers false for a key that had no expiry; it is still there.
            return write("PERSIST", writer.persist(key.value())) || await("EXISTS", writer.exists(key.value())) > 0;
        }
        return write("PEXPIRE", writer.pexpire(key.value(), timeout.toMillis()));
    }

    @Override
    public long incr(CacheKey key, long delta) {
        Long result;
        try {
            result = incrScript.run(nodes.writer(), key.value(), delta, awaitMillis);
        } catch (ExecutionException e) {
            throw incrFailure(key, delta, e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw interruptedOrTimedOut("INCRBY", e);
        }
        if (result == null) {
            throw new CacheKeyNotFoundException(key.value());
        }
        awaitAcks(waitForReplicas());
        return result;
    }

    @Override
    public boolean hasKey(CacheKey key) {
        return await("EXISTS", nodes.reader().exists(key.value())) > 0;
    }

    /**
     * The server's view: keys in the database (summed over a Cluster's primaries), memory, and
     * its keyspace hits, misses and evictions (of the primary, or of one Cluster node).
     */
    @Override
    public Map<String, String> inspect() {
        Map<String, String> out = new java.util.TreeMap<>();
        try {
            out.put("topology", location.topology().name().toLowerCase(java.util.Locale.ROOT));
            out.put("keys in database", Long.toString(nodes.admin().dbsize()));
            String info = nodes.admin().info();
            for (String line : info.split("\r?\n")) {
                int colon = line.indexOf(':');
                String name = colon > 0 ? line.substring(0, colon) : "";
                if (List.of("redis_version", "used_memory_human", "maxmemory_policy", "keyspace_hits", "keyspace_misses",
                        "evicted_keys", "expired_keys", "connected_clients").contains(name)) {
                    out.put(name, line.substring(colon + 1).trim());
                }
            }
        } catch (RuntimeException e) {
            throw failure("INFO", e);
        }
        return out;
    }

    @Override
    public Capabilities capabilities() {
        return location.topology() == RedisLocation.Topology.CLUSTER ? CLUSTER_CAPABILITIES : CAPABILITIES;
    }

    @Override
    public void close() {
        try {
            nodes.close();
        } finally {
            SharedResources.release();
        }
    }

    @Override
    public String toString() {
        return "redis " + location.topology().name().toLowerCase(java.util.Locale.ROOT) + " '" + location.display() + "'";
    }

    private static boolean expires(Timeout timeout) {
        return !timeout.isNever() && timeout.toMillis() < FOREVER_MILLIS;
    }

    private RuntimeException incrFailure(CacheKey key, long delta, Throwable cause) {
        if (cause instanceof RedisCommandExecutionException e && e.getMessage() != null) {
            String message = e.getMessage();
            if (message.contains("overflow")) {
                return new CacheValueTypeException("incr of key '" + key + "' by " + delta + " overflows long");
            }
            if (message.contains("not an integer")) {
                return new CacheValueTypeException("cannot incr key '" + key + "': it holds a value that is not an integer");
            }
        }
        return failure("INCRBY", cause);
    }

    /**
     * Awaits a write and, with {@code wait-for-replicas}, a {@code WAIT} sent right behind it
     * on the same connection, so that a read from a replica afterwards sees the write.
     */
    private <T> T write(String command, RedisFuture<T> future) {
        RedisFuture<Long> acks = waitForReplicas();
        T result = await(command, future);
        awaitAcks(acks);
        return result;
    }

    private RedisFuture<Long> waitForReplicas() {
        return waitReplicas == 0 ? null : nodes.writer().waitForReplication(waitReplicas, commandMillis);
    }

    /** Best effort: a replica that does not answer in time delays the write, it does not fail it. */
    private void awaitAcks(RedisFuture<Long> acks) {
        if (acks != null) {
            await("WAIT", acks);
        }
    }

    private <T> T await(String command, RedisFuture<T> future) {
        try {
            return future.get(awaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(command, e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw interruptedOrTimedOut(command, e);
        }
    }

    private CacheBackendException interruptedOrTimedOut(String command, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return failure(command, e);
    }

    private CacheBackendException failure(String command, Throwable cause) {
        stats.recordError();
        return new CacheBackendException("cache '" + alias + "': redis " + command + " on '" + location.display()
                + "' failed: " + location.secrets().redact(cause.getMessage()), location.secrets().scrub(cause));
    }
}
