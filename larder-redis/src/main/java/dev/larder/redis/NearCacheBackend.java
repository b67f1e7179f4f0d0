package dev.larder.redis;

import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.ImmutableValues;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A Redis cache with a near cache: reads are served from this process's memory when it holds
 * the key, and otherwise read from Redis on a tracking connection ({@link Tracker}) and kept.
 * Redis pushes an invalidation when another client changes a key this process read, so an
 * entry lives here until the key changes, its Redis expiry or {@code max-local-age} passes, or
 * the bound evicts it. This process's own writes go to Redis as without a near cache and drop
 * the local entry once Redis has acknowledged them, taking with it the marker of any read
 * still in flight, so a read after a write returns, in this process, what was written.
 *
 * <p>Whenever invalidations may have been lost (a tracking connection closed or silent, the
 * Cluster's topology changed), the local tier is flushed before it serves again, and until a
 * tracker is armed reads go to Redis as without a near cache.
 */
final class NearCacheBackend implements CacheBackend {
    private final RedisBackend redis;
    private final LocalTier tier;
    private final Tracking tracking;
    private final NearCacheSettings settings;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final long awaitMillis;
    private final Capabilities capabilities;
    /** Runs after a fill's reply arrived and before it is kept: tests hold the fill race open with it. */
    volatile java.util.function.Consumer<CacheKey> beforeKeep = key -> { };

    NearCacheBackend(RedisBackend redis, LocalTier tier, Tracking tracking, NearCacheSettings settings, ValueCodec codec,
                     StatsCounter stats, Duration commandTimeout) {
        this.redis = redis;
        this.tier = tier;
        this.tracking = tracking;
        this.settings = settings;
        this.codec = codec;
        this.stats = stats;
        this.awaitMillis = commandTimeout.toMillis() * 2 + 1000;
        this.capabilities = Capabilities.Builder.from(redis.capabilities()).nearCache().build();
    }

    @Override
    public Object peek(CacheKey key) {
        LocalTier.Entry e = tier.get(key);
        if (e == null) {
            return null;
        }
        stats.recordLocalHit();
        return valueOf(key, e);
    }

    @Override
    public Object get(CacheKey key) {
        Object local = peek(key);
        if (local != null) {
            return local;
        }
        Pending p = send(key);
        return p == null ? redis.get(key) : finish(p);
    }

    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<CacheKey, Object> found = new HashMap<>();
        List<Pending> pending = new ArrayList<>(0);
        List<CacheKey> past = new ArrayList<>(0);
        for (CacheKey key : keys) {
            Object local = peek(key);
            if (local != null) {
                found.put(key, local);
                continue;
            }
            Pending p = send(key);
            if (p == null) {
                past.add(key);
            } else {
                pending.add(p);
            }
        }
        // Every read is on its way before any reply is awaited: still one round trip.
        int finished = 0;
        try {
            Map<CacheKey, Object> rest = past.isEmpty() ? Map.of() : redis.getMany(past);
            for (Pending p : pending) {
                put(found, p.key, finish(p));
                finished++;
            }
            found.putAll(rest);
            return found;
        } finally {
            // A failure part way leaves no marker behind to block the keys' fills.
            for (int i = finished; i < pending.size(); i++) {
                tier.abandon(pending.get(i).key, pending.get(i).fill);
            }
        }
    }

    private static void put(Map<CacheKey, Object> found, CacheKey key, Object value) {
        if (value != null) {
            found.put(key, value);
        }
    }

    private Object valueOf(CacheKey key, LocalTier.Entry e) {
        return e.encoded() ? codec.decode(key, (byte[]) e.value()) : e.value();
    }

    /** A read on a tracking connection, its marker placed before it was sent. */
    private record Pending(CacheKey key, Tracker tracker, LocalTier.Fill fill, RedisFuture<byte[]> bytes,
                           RedisFuture<Long> ttl) {
    }

    /**
     * Places the key's marker and sends its read (the value, bounded as every Redis read is, and
     * its remaining time to live) on the tracking connection of its node; null when there is no
     * armed tracker or another thread is already reading the key, and the read goes past.
     */
    private Pending send(CacheKey key) {
        Tracker tracker = tracking.route(key);
        Tracker.Armed armed = tracker == null ? null : tracker.armed();
        if (armed == null) {
            return null;
        }
        if (settings.broadcast() && !key.value().startsWith(settings.prefix())) {
            // BCAST tells of keys under the prefix only; one a custom key function put elsewhere
            // would never be invalidated.
            return null;
        }
        LocalTier.Fill fill = tier.begin(key, armed.epoch());
        if (fill == null) {
            return null;
        }
        try {
            RedisAsyncCommands<String, byte[]> async = armed.connection().async();
            return new Pending(key, tracker, fill, async.getrange(key.value(), 0, codec.maxValueSize()),
                    async.pttl(key.value()));
        } catch (RuntimeException e) {
            tier.abandon(key, fill);
            return null;
        }
    }

    /**
     * The reply, kept if the marker is still there. A failed read (the tracking connection just
     * closed, or a Cluster slot that moved: {@code MOVED}) is asked again past the near cache,
     * which surfaces a real failure as a read without a near cache would.
     */
    private Object finish(Pending p) {
        byte[] bytes;
        long ttl;
        try {
            bytes = p.bytes.get(awaitMillis, TimeUnit.MILLISECONDS);
            ttl = p.ttl.get(awaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            tier.abandon(p.key, p.fill);
            if (String.valueOf(e.getCause().getMessage()).startsWith("MOVED")) {
                tracking.topologyMoved();
            }
            return redis.get(p.key);
        } catch (TimeoutException e) {
            tier.abandon(p.key, p.fill);
            return redis.get(p.key);
        } catch (InterruptedException e) {
            tier.abandon(p.key, p.fill);
            Thread.currentThread().interrupt();
            return redis.get(p.key);
        }
        beforeKeep.accept(p.key);
        Object value;
        try {
            value = redis.decode(p.key, bytes);
        } catch (RuntimeException | Error e) {
            tier.abandon(p.key, p.fill);
            throw e;
        }
        // PTTL -2: the key expired or went between the two commands; keep nothing.
        if (value == null || ttl == -2) {
            tier.abandon(p.key, p.fill);
            return value;
        }
        long life = ttl < 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(ttl);
        LocalTier.Entry entry = ImmutableValues.isImmutable(value)
                ? new LocalTier.Entry(value, false, life) : new LocalTier.Entry(bytes, true, life);
        if (tier.complete(p.key, p.fill, entry)) {
            // A flush between the epoch's end and the swap could have missed it; take it back.
            Tracker.Armed now = p.tracker.armed();
            if (now == null || now.epoch() != p.fill.epoch) {
                tier.withdraw(p.key, entry);
            }
        }
        return value;
    }

    /**
     * A write of one key: to Redis, then (acknowledged or failed) the local copy and any read
     * in flight dropped, so this process reads what it wrote without waiting for the push.
     */
    private <T> T writing(CacheKey key, Supplier<T> write) {
        try {
            return write.get();
        } finally {
            tier.invalidate(key);
        }
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        writing(key, () -> {
            redis.set(key, value, timeout);
            return null;
        });
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        try {
            return redis.setMany(entries, timeout);
        } finally {
            tier.invalidateAll(entries.keySet());
        }
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        return writing(key, () -> redis.add(key, value, timeout));
    }

    @Override
    public boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        return writing(key, () -> redis.setIfUnchanged(key, value, timeout, expected));
    }

    @Override
    public boolean delete(CacheKey key) {
        return writing(key, () -> redis.delete(key));
    }

    @Override
    public void deleteMany(Collection<CacheKey> keys) {
        try {
            redis.deleteMany(keys);
        } finally {
            tier.invalidateAll(keys);
        }
    }

    @Override
    public void clear() {
        try {
            redis.clear();
        } finally {
            tier.flush();
        }
    }

    @Override
    public Iterator<CacheKey> keys() {
        return redis.keys();
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        return writing(key, () -> redis.touch(key, timeout));
    }

    @Override
    public long incr(CacheKey key, long delta) {
        return writing(key, () -> redis.incr(key, delta));
    }

    @Override
    public boolean hasKey(CacheKey key) {
        return tier.get(key) != null || redis.hasKey(key);
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /**
     * The server's view and the near cache's: its entries, its mode and each tracker's state.
     * The near cache's lines are there even when the server cannot answer, which is when an
     * operator most wants to see them; the server's failure is then a line of its own.
     */
    @Override
    public Map<String, String> inspect() {
        Map<String, String> out = new java.util.TreeMap<>();
        try {
            out.putAll(redis.inspect());
        } catch (dev.larder.CacheBackendException e) {
            out.put("server", "no answer: " + e.getMessage());
        }
        out.put("near cache entries", Long.toString(tier.size()));
        out.put("near cache mode", settings.broadcast() ? "bcast" : "default");
        out.putAll(tracking.state());
        return out;
    }

    @Override
    public void close() {
        try {
            tracking.close();
        } finally {
            redis.close();
        }
    }

    @Override
    public String toString() {
        return redis + " with a near cache";
    }
}
