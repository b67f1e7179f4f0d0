package dev.larder.redis;

import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One dedicated RESP3 connection to one Redis node with {@code CLIENT TRACKING} on: the near
 * cache's reads of that node's keys travel on it, and the node pushes an {@code invalidate}
 * message on it when a key it read changes (in {@code BCAST} mode: any key under the cache's
 * prefix). Replies and pushes share the one socket, so they arrive in the order the server
 * sent them.
 *
 * <p>The connection never reconnects by itself: when it closes, misses its heartbeat, or is
 * replaced, the server's memory of what it read is gone and invalidations may have been lost,
 * so the tracker disarms, the whole local tier is flushed, and only a new connection with
 * tracking on again re-arms it ({@link #beat(Executor)}). Fills carry the epoch they started in; one
 * that ends in another epoch keeps nothing.
 */
final class Tracker {
    private static final System.Logger LOG = System.getLogger(Tracker.class.getName());

    /** An armed connection and the epoch it was armed in. */
    record Armed(StatefulRedisConnection<String, byte[]> connection, long epoch) {
    }

    private final String alias;
    private final String node;
    private final Supplier<RedisURI> uri;
    private final RedisClient client;
    private final TrackingArgs tracking;
    private final LocalTier tier;
    private final StatsCounter stats;
    private final AtomicLong epochs;
    /** Masks the location's password in failure messages, which may quote the URI. */
    private final java.util.function.UnaryOperator<String> redact;
    private volatile Armed armed;
    private volatile RedisFuture<String> ping;
    private volatile String lastFailure;
    private boolean everArmed;
    private final AtomicBoolean arming = new AtomicBoolean();

    Tracker(String alias, String node, Supplier<RedisURI> uri, RedisClient client, TrackingArgs tracking, LocalTier tier,
            StatsCounter stats, AtomicLong epochs, java.util.function.UnaryOperator<String> redact) {
        this.redact = redact;
        this.alias = alias;
        this.node = node;
        this.uri = uri;
        this.client = client;
        this.tracking = tracking;
        this.tier = tier;
        this.stats = stats;
        this.epochs = epochs;
    }

    /** The armed connection, or null while there is none (reads then go past the near cache). */
    Armed armed() {
        return armed;
    }

    String node() {
        return node;
    }

    /**
     * Connects and turns tracking on; the local tier is flushed before the new connection
     * serves, since whatever was cached under an earlier connection may have missed its
     * invalidation. Lettuce's exceptions propagate (the factory names them at startup).
     */
    synchronized void arm() {
        if (armed != null) {
            return;
        }
        StatefulRedisConnection<String, byte[]> c = client.connect(RedisNodes.CODEC, uri.get());
        try {
            c.addListener(this::onPush);
            c.sync().clientTracking(tracking);
        } catch (RuntimeException e) {
            c.closeAsync();
            throw e;
        }
        if (everArmed) {
            tier.flush();
        }
        everArmed = true;
        ping = null;
        armed = new Armed(c, epochs.incrementAndGet());
        if (lastFailure != null) {
            LOG.log(Level.INFO, "cache '" + alias + "': near cache tracking " + node + " again");
            lastFailure = null;
        }
    }

    /**
     * Disarms and flushes: the connection is gone, replaced or silent. Called from the event loop
     * (the connection closed) and from the heartbeat; only a call naming the armed connection
     * counts, so a late report about an earlier connection cannot close its successor.
     */
    void lose(Object connection, String reason) {
        Armed was;
        synchronized (this) {
            was = armed;
            if (was == null || was.connection() != connection) {
                return;
            }
            armed = null;
            epochs.incrementAndGet();
        }
        tier.flush();
        was.connection().closeAsync();
        if (lastFailure == null) {
            LOG.log(Level.WARNING, "cache '" + alias + "': near cache lost its tracking connection to " + node + " ("
                    + reason + "); serving from Redis until it is back");
        }
        lastFailure = reason;
    }

    /**
     * One heartbeat: re-arms a disarmed tracker, or checks that the last {@code PING} was
     * answered and sends the next. A reply on the tracking connection also means every
     * invalidation the server queued before it has arrived, so an unanswered one is a
     * connection that may be silently losing them (a network partition keeps TCP open).
     */
    void beat(Executor connector) {
        Armed a = armed;
        if (a == null) {
            // Connecting may block for the connect timeout: never on the heartbeat's thread, so a
            // dead node cannot delay the other trackers' checks.
            if (arming.compareAndSet(false, true)) {
                connector.execute(this::tryArm);
            }
            return;
        }
        RedisFuture<String> last = ping;
        if (!a.connection().isOpen()) {
            lose(a.connection(), "connection closed");
        } else if (last != null && !last.isDone()) {
            lose(a.connection(), "no reply to the heartbeat PING");
        } else if (last != null && last.toCompletableFuture().isCompletedExceptionally()) {
            lose(a.connection(), "heartbeat PING failed");
        } else {
            ping = a.connection().async().ping();
        }
    }

    private void tryArm() {
        try {
            arm();
        } catch (RuntimeException | Error e) {
            lastFailure = redact.apply(String.valueOf(e.getMessage()));
        } finally {
            arming.set(false);
        }
    }

    /**
     * {@code invalidate} pushes: the keys that changed, or none (a {@code FLUSHDB},
     * {@code FLUSHALL}, or the server dropping keys from its tracking table) for all of them.
     */
    private void onPush(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent();
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (!(keys instanceof List<?> list)) {
            tier.flush();
            return;
        }
        List<CacheKey> changed = new ArrayList<>(list.size());
        for (Object k : list) {
            if (k instanceof ByteBuffer b) {
                changed.add(CacheKey.of(StringCodec.UTF8.decodeKey(b)));
            }
        }
        tier.invalidateAll(changed);
        stats.recordInvalidations(changed.size());
    }

    String state() {
        return armed != null ? "tracking" : "disconnected" + (lastFailure == null ? "" : " (" + lastFailure + ")");
    }

    void close() {
        Armed a;
        synchronized (this) {
            a = armed;
            armed = null;
            epochs.incrementAndGet();
        }
        if (a != null) {
            a.connection().close();
        }
    }
}
