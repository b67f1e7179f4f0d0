package dev.larder.memcached;

import dev.larder.CacheBackendException;
import dev.larder.CacheException;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheValueTypeException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedClientException;
import net.rubyeye.xmemcached.exception.MemcachedException;
import net.rubyeye.xmemcached.exception.MemcachedServerException;

/**
 * A cache on a pool of Memcached servers. {@code add}, {@code touch}, {@code incr} and
 * {@code decr} are the server's own, atomic commands; {@code getMany} is one multi-get per
 * server. Counters are the server's unsigned 64-bit integers: a negative value cannot be
 * incremented and a decrement stops at zero. A value over the cache's {@code max-value-size}
 * (by default what the servers' item size leaves room for) is refused before it is sent, and
 * one the server refuses all the same fails; either way the key's old value is removed, so no
 * stale value outlives a failed write. {@code clear()} is
 * {@code flush_all}: every key on every server, this cache's or not.
 *
 * <p>{@code setIfUnchanged} cannot be atomic here: Memcached's compare-and-set covers one key,
 * and the expected keys and the written key may live on different servers. It reads the
 * expected keys with {@code gets}, writes, then reads their CAS tokens again; if any token moved,
 * the write is taken back (deleted) and the call returns false. So a write survives only if no
 * expected key changed from the check until after the write, but a reader can see it for the
 * moment before it is taken back. A written key that is also expected is written with the
 * server's own compare-and-set. With an expired timeout (a conditional delete) the key is
 * removed once the check holds, with no second check: a removal cannot be taken back.
 */
final class MemcachedBackend implements CacheBackend {
    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .stores().atomicAdd().atomicIncr().outOfProcess().serverClock().unsignedCounters()
            .refusesLongKeys().build();

    private final String alias;
    private final String location;
    private final MemcachedClient client;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final Expiry expiry;
    private final long timeoutMillis;
    private final long itemSizeMax;

    MemcachedBackend(String alias, String location, MemcachedClient client, ValueCodec codec, StatsCounter stats,
                     Expiry expiry, long timeoutMillis, long itemSizeMax) {
        this.alias = alias;
        this.location = location;
        this.client = client;
        this.codec = codec;
        this.stats = stats;
        this.expiry = expiry;
        this.timeoutMillis = timeoutMillis;
        this.itemSizeMax = itemSizeMax;
    }

    /** A call to the client that may fail the way xmemcached calls do. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws TimeoutException, InterruptedException, MemcachedException;
    }

    @Override
    public Object get(CacheKey key) {
        MemcachedKeys.check(key);
        return decode(key, call("get", () -> client.get(key.value(), timeoutMillis, RawBytes.INSTANCE)));
    }

    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<String, CacheKey> byName = new LinkedHashMap<>();
        for (CacheKey key : keys) {
            MemcachedKeys.check(key);
            byName.put(key.value(), key);
        }
        Map<String, byte[]> found = call("get (multi)", () -> client.get(byName.keySet(), timeoutMillis, RawBytes.INSTANCE));
        Map<CacheKey, Object> values = new HashMap<>();
        found.forEach((name, bytes) -> {
            CacheKey key = byName.get(name);
            Object value = decode(key, bytes);
            if (value != null) {
                values.put(key, value);
            }
        });
        return values;
    }

    /**
     * The value of an item, or null. The server caps items at its item size, so a read is
     * bounded anyway; an item over this cache's own, lower limit is a miss like everywhere.
     */
    private Object decode(CacheKey key, byte[] bytes) {
        if (bytes == null || codec.storedTooLarge(key, bytes.length)) {
            return null;
        }
        return codec.decode(key, unpad(bytes));
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        MemcachedKeys.check(key);
        set(key, codec.encode(key, value), timeout);
    }

    private void set(CacheKey key, byte[] bytes, Timeout timeout) {
        String problem = store(key, bytes, timeout);
        if (problem != null) {
            throw new CacheBackendException("cache '" + alias + "': cannot store key '" + key + "' in memcached '"
                    + location + "': " + problem + "; its old value was removed");
        }
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        entries.keySet().forEach(MemcachedKeys::check);
        List<CacheKey> failed = new ArrayList<>();
        Map<CacheKey, byte[]> encoded = codec.encodeEach(entries, failed);
        encoded.forEach((key, bytes) -> {
            if (store(key, bytes, timeout) != null) {
                failed.add(key);
            }
        });
        return failed;
    }

    /**
     * Stores, or removes for an expired timeout. Returns null when stored, or why the server
     * refused the value, after removing the key's old value (Django's rule: no stale survivor).
     */
    private String store(CacheKey key, byte[] bytes, Timeout timeout) {
        if (timeout.isExpired()) {
            call("delete", () -> client.delete(key.value(), timeoutMillis));
            return null;
        }
        String problem = null;
        try {
            refusable("set", () -> client.set(key.value(), expiry.of(timeout), bytes, RawBytes.INSTANCE, timeoutMillis));
        } catch (ServerRefused e) {
            problem = e.getMessage() + " (" + bytes.length + " bytes; the server's item size is " + itemSizeMax + " bytes)";
        }
        if (problem != null) {
            stats.recordError();
            call("delete", () -> client.delete(key.value(), timeoutMillis));
        }
        return problem;
    }

    @Override
    public boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        MemcachedKeys.check(key);
        Map<String, GetsResponse<byte[]>> before = gets(expected.keySet());
        for (Map.Entry<CacheKey, Object> e : expected.entrySet()) {
            GetsResponse<byte[]> found = before.get(e.getKey().value());
            Object held = found == null ? null : decode(e.getKey(), found.getValue());
            if (!Objects.deepEquals(held, e.getValue())) {
                return false;
            }
        }
        // Encoded inside the window on purpose: the checks on either side cover it too.
        byte[] bytes = codec.encode(key, value);
        if (timeout.isExpired()) {
            // A conditional delete: a removal cannot be taken back, so a second check could only
            // turn a removal that happened into a false "nothing done". Check, then remove.
            call("delete", () -> client.delete(key.value(), timeoutMillis));
            return true;
        }
        GetsResponse<byte[]> own = before.get(key.value());
        if (own != null) {
            // The written key is itself expected: the server's compare-and-set writes it only if
            // nobody wrote it since it was checked.
            boolean swapped;
            try {
                swapped = refusable("cas", () -> client.cas(key.value(), expiry.of(timeout), bytes, RawBytes.INSTANCE,
                        timeoutMillis, own.getCas()));
            } catch (ServerRefused e) {
                swapped = false;
            }
            if (!swapped) {
                return false;
            }
        } else {
            set(key, bytes, timeout);
        }
        Map<String, GetsResponse<byte[]>> after = gets(expected.keySet());
        for (CacheKey k : expected.keySet()) {
            if (k.equals(key)) {
                // Its token moved with this write; its value was checked before it.
                continue;
            }
            GetsResponse<byte[]> now = after.get(k.value());
            if (now == null || now.getCas() != before.get(k.value()).getCas()) {
                call("delete", () -> client.delete(key.value(), timeoutMillis));
                return false;
            }
        }
        return true;
    }

    private Map<String, GetsResponse<byte[]>> gets(Collection<CacheKey> keys) {
        List<String> names = new ArrayList<>(keys.size());
        for (CacheKey key : keys) {
            MemcachedKeys.check(key);
            names.add(key.value());
        }
        Map<String, GetsResponse<byte[]>> found = call("gets (multi)",
                () -> client.gets(names, timeoutMillis, RawBytes.INSTANCE));
        return found == null ? Map.of() : found;
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        MemcachedKeys.check(key);
        byte[] bytes = codec.encode(key, value);
        if (timeout.isExpired()) {
            // "Would it have been added?" An add that keeps nothing changes nothing.
            return !hasKey(key);
        }
        try {
            return refusable("add", () -> client.add(key.value(), expiry.of(timeout), bytes, RawBytes.INSTANCE, timeoutMillis));
        } catch (ServerRefused e) {
            stats.recordError();
            throw new CacheBackendException("cache '" + alias + "': cannot add key '" + key + "' to memcached '"
                    + location + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(CacheKey key) {
        MemcachedKeys.check(key);
        return call("delete", () -> client.delete(key.value(), timeoutMillis));
    }

    @Override
    public void deleteMany(Collection<CacheKey> keys) {
        keys.forEach(MemcachedKeys::check);
        for (CacheKey key : keys) {
            call("delete", () -> client.delete(key.value(), timeoutMillis));
        }
    }

    @Override
    public void clear() {
        call("flush_all", () -> {
            client.flushAll(timeoutMillis);
            return null;
        });
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        MemcachedKeys.check(key);
        if (timeout.isExpired()) {
            // Memcached's touch takes no past expiry; removing the entry is the same end.
            return call("delete", () -> client.delete(key.value(), timeoutMillis));
        }
        return call("touch", () -> client.touch(key.value(), expiry.of(timeout), timeoutMillis));
    }

    @Override
    public long incr(CacheKey key, long delta) {
        byte[] name = MemcachedKeys.check(key);
        boolean up = delta >= 0;
        // The unsigned magnitude; for Long.MIN_VALUE that is 2^63, which negation cannot give.
        long magnitude = up ? delta : -delta;
        Object result = counter(key, name, up, magnitude);
        if (result == CounterCommand.NOT_FOUND) {
            throw new CacheKeyNotFoundException(key.value());
        }
        long value = (Long) result;
        if (up && value < 0) {
            // Past Long.MAX_VALUE; Memcached counts on to 2^64. Put the counter back and refuse.
            counter(key, name, false, magnitude);
            throw new CacheValueTypeException("incr of key '" + key + "' by " + delta + " overflows long");
        }
        return value;
    }

    private Object counter(CacheKey key, byte[] name, boolean up, long magnitude) {
        CounterCommand command = new CounterCommand(key.value(), name, up, magnitude);
        String verb = up ? "incr" : "decr";
        try {
            refusable(verb, () -> {
                client.getConnector().send(command);
                if (!command.getLatch().await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    command.cancel();
                    throw new TimeoutException("timed out after " + timeoutMillis + " ms");
                }
                if (command.getException() instanceof MemcachedException e) {
                    throw e;
                }
                if (command.getException() != null) {
                    throw new MemcachedException(command.getException());
                }
                return null;
            });
        } catch (ClientRefused e) {
            throw new CacheValueTypeException("cannot " + verb + " key '" + key + "': memcached counts only"
                    + " non-negative integers, and this value is not one (" + e.getMessage() + ")");
        } catch (ServerRefused e) {
            throw failure(verb, e);
        }
        return command.getResult();
    }

    @Override
    public boolean hasKey(CacheKey key) {
        MemcachedKeys.check(key);
        return call("get", () -> client.get(key.value(), timeoutMillis, RawBytes.INSTANCE)) != null;
    }

    /** Each server's items, bytes, hits, misses and evictions, as {@code host:port name}. */
    @Override
    public Map<String, String> inspect() {
        Map<InetSocketAddress, Map<String, String>> all = call("stats", () -> client.getStats(timeoutMillis));
        Map<String, String> out = new TreeMap<>();
        all.forEach((server, stats) -> {
            String name = server.getAddress().getHostAddress() + ":" + server.getPort();
            for (String stat : List.of("curr_items", "bytes", "limit_maxbytes", "get_hits", "get_misses", "evictions", "version")) {
                if (stats.containsKey(stat)) {
                    out.put(name + " " + stat, stats.get(stat));
                }
            }
        });
        return out;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void close() {
        try {
            client.shutdown();
        } catch (IOException e) {
            throw new CacheBackendException("cache '" + alias + "': closing memcached '" + location + "' failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "memcached '" + location + "'";
    }

    /**
     * Memcached may leave a shortened counter padded with spaces ({@code decr} of 100 reads back
     * as {@code "99 "}); digits followed by spaces are a counter, so trim them.
     */
    static byte[] unpad(byte[] bytes) {
        int end = bytes.length;
        if (end == 0 || bytes[end - 1] != ' ' || !(bytes[0] == '-' || Character.isDigit(bytes[0]))) {
            return bytes;
        }
        while (end > 0 && bytes[end - 1] == ' ') {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    /** The server answered {@code SERVER_ERROR}, such as "object too large for cache". */
    private static final class ServerRefused extends RuntimeException {
        ServerRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server answered {@code CLIENT_ERROR}, such as "cannot increment non-numeric value". */
    private static final class ClientRefused extends RuntimeException {
        ClientRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private <T> T call(String command, Call<T> call) {
        return call(command, call, false);
    }

    /** A call whose refusal by the server ({@code SERVER_ERROR}, {@code CLIENT_ERROR}) the caller handles. */
    private <T> T refusable(String command, Call<T> call) {
        return call(command, call, true);
    }

    private <T> T call(String command, Call<T> call, boolean refusable) {
        try {
            return call.run();
        } catch (MemcachedServerException e) {
            if (refusable) {
                throw new ServerRefused(e.getMessage(), e);
            }
            throw failure(command, e);
        } catch (MemcachedClientException e) {
            if (refusable) {
                throw new ClientRefused(e.getMessage(), e);
            }
            throw failure(command, e);
        } catch (TimeoutException | MemcachedException e) {
            throw failure(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(command, e);
        } catch (RuntimeException e) {
            if (e instanceof CacheException) {
                throw e;
            }
            throw failure(command, e);
        }
    }

    private CacheBackendException failure(String command, Exception cause) {
        stats.recordError();
        return new CacheBackendException("cache '" + alias + "': memcached " + command + " on '" + location
                + "' failed: " + cause.getMessage(), cause);
    }
}
