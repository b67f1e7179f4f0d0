package dev.larder.memcached;

import dev.larder.CacheConfigException;
import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Secrets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;

/**
 * {@code memcached}: a cache on one or more Memcached servers through xmemcached.
 *
 * <p>Location: {@code host:port}, several separated by commas, semicolons or spaces
 * ({@code 10.0.0.5:11211,10.0.0.6:11211}). Keys are spread over the servers by Ketama
 * consistent hashing, so adding a server moves only about a 1/n share of the keys. A server
 * that goes down is not replaced by another: calls for its keys fail (within the command
 * timeout) until it is back, rather than being written to a neighbour whose copies would be
 * stale once it returns.
 *
 * <p>Options: {@code command-timeout} (default {@code 500ms}), {@code connect-timeout}
 * (default {@code 2s}). Every server is asked for its version and item size when the cache is
 * created, so a wrong address fails at startup naming it. The largest value
 * ({@code max-value-size}) is by default the smallest item size of the servers ({@code -I},
 * 1 MiB unless set) less {@value #ITEM_OVERHEAD} bytes, room for the key and the item's header;
 * a larger one is refused at startup, since the servers would refuse the values. The text
 * protocol has no authentication: a location with a user or password is refused, without
 * printing it.
 */
public final class MemcachedBackendFactory implements CacheBackendFactory {
    public static final String NAME = "memcached";
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final long DEFAULT_ITEM_SIZE = 1024 * 1024;
    /**
     * What an item holds besides its value: a header of about 60 bytes (flags and CAS
     * included) and a key of up to 250; measured on memcached 1.6, where a 1 MiB item takes a
     * value of 1048516 bytes under a one-byte key and 1048267 under a 250-byte one.
     */
    static final int ITEM_OVERHEAD = 512;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("command-timeout", "connect-timeout");
    }

    /** What a server with memcached's default item size takes; the real default is read from the servers. */
    @Override
    public long defaultMaxValueSize() {
        return DEFAULT_ITEM_SIZE - ITEM_OVERHEAD;
    }

    @Override
    public CacheBackend create(BackendContext context) {
        String property = context.property("location");
        List<InetSocketAddress> servers = servers(property, context.location());
        Duration commandTimeout = context.options().duration("command-timeout", Duration.ofMillis(500));
        Duration connectTimeout = context.options().duration("connect-timeout", Duration.ofSeconds(2));
        // servers() accepts only host:port lists, so from here the location holds no secret.
        long itemSize = checkServers(property, context.location(), servers, connectTimeout);
        ValueCodec codec = codecFor(context, itemSize);
        MemcachedClient client = connect(property, context.location(), servers, commandTimeout, connectTimeout);
        try {
            return new MemcachedBackend(context.alias(), context.location(), client, codec, context.stats(),
                    new Expiry(Clock.systemUTC()), commandTimeout.toMillis(), itemSize);
        } catch (RuntimeException e) {
            shutdownQuietly(client);
            throw e;
        }
    }

    /** The context's codec, limited to what the servers take unless {@code max-value-size} says less. */
    private static ValueCodec codecFor(BackendContext context, long itemSize) {
        long fits = itemSize - ITEM_OVERHEAD;
        ValueCodec codec = context.codec();
        Optional<String> configured = context.options().string("max-value-size");
        if (configured.isPresent()) {
            if (codec.maxValueSize() > fits) {
                throw context.options().error("max-value-size", configured.get(), "is more than the memcached servers"
                        + " take: at most " + fits + " bytes (their item size of " + itemSize + " bytes, memcached -I,"
                        + " less " + ITEM_OVERHEAD + " for the key and the item's header)");
            }
            return codec;
        }
        return codec.withMaxValueSize(fits);
    }

    static List<InetSocketAddress> servers(String property, String location) {
        if (location.isBlank()) {
            throw new CacheConfigException(property + " is not set: the memcached backend needs servers, such as"
                    + " 127.0.0.1:11211 (several, comma-separated)");
        }
        String display = Secrets.mask(location);
        if (location.contains("@") || location.contains("://") || !display.equals(location)) {
            // A separator inside a password would cut it into "servers" quoted below: name none.
            throw new CacheConfigException(property + "='" + display + "' is not a list of host:port; memcached's text"
                    + " protocol takes no scheme, user name or password");
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String part : SEPARATORS.split(location.trim())) {
            int colon = part.lastIndexOf(':');
            if (part.startsWith("unix:") || colon <= 0 || colon == part.length() - 1) {
                throw new CacheConfigException(property + "='" + location + "': '" + part + "' is not host:port"
                        + (part.startsWith("unix:") ? " (unix sockets are not supported by this backend)" : ""));
            }
            int port;
            try {
                port = Integer.parseInt(part.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CacheConfigException(property + "='" + location + "': '" + part + "' has no valid port", e);
            }
            if (port < 1 || port > 65535) {
                throw new CacheConfigException(property + "='" + location + "': port " + port + " of '" + part
                        + "' is out of range");
            }
            servers.add(InetSocketAddress.createUnresolved(part.substring(0, colon), port));
        }
        return servers;
    }

    private static MemcachedClient connect(String property, String location, List<InetSocketAddress> servers,
                                           Duration commandTimeout, Duration connectTimeout) {
        List<InetSocketAddress> resolved = new ArrayList<>();
        for (InetSocketAddress s : servers) {
            InetSocketAddress r = new InetSocketAddress(s.getHostString(), s.getPort());
            if (r.isUnresolved()) {
                throw new CacheConfigException(property + "='" + location + "': host '" + s.getHostString() + "' is unknown");
            }
            resolved.add(r);
        }
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(resolved);
        builder.setSessionLocator(new KetamaMemcachedSessionLocator());
        builder.setCommandFactory(new TextCommandFactory());
        // Keep a dead server's keys on it (failing) instead of moving them to a neighbour.
        builder.setFailureMode(true);
        builder.setConnectionPoolSize(1);
        builder.setOpTimeout(commandTimeout.toMillis());
        builder.setConnectTimeout(connectTimeout.toMillis());
        // xmemcached waits this long times the failed attempts so far before reconnecting (a
        // linear back-off with no cap): 100 ms keeps it under 3.5 s after a minute's outage,
        // where 500 ms reached 7.5 s, and caching resumes that much sooner.
        builder.setHealSessionInterval(100);
        builder.setTranscoder(RawBytes.INSTANCE);
        try {
            return builder.build();
        } catch (IOException e) {
            throw new CacheConfigException(property + "='" + location + "': cannot start a memcached client: " + e, e);
        }
    }

    /**
     * Asks every server for its settings over a connection of its own, before the client is
     * made, so that a server that does not answer is named; returns the smallest item size.
     */
    static long checkServers(String property, String location, List<InetSocketAddress> servers, Duration timeout) {
        long itemSize = Long.MAX_VALUE;
        for (InetSocketAddress server : servers) {
            String name = server.getHostString() + ":" + server.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.getHostString(), server.getPort()), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                socket.getOutputStream().write("stats settings\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String size = null;
                for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                    if (line.startsWith("STAT item_size_max ")) {
                        size = line.substring("STAT item_size_max ".length());
                    } else if (line.startsWith("ERROR") || line.startsWith("SERVER_ERROR")) {
                        throw new IOException("answered " + line + ": not a memcached server");
                    }
                }
                itemSize = Math.min(itemSize, parseSize(size));
            } catch (IOException e) {
                throw new CacheConfigException(property + "='" + location + "': memcached server " + name
                        + " does not answer: " + e.getMessage(), e);
            }
        }
        return itemSize;
    }

    private static long parseSize(String raw) {
        try {
            return raw == null ? DEFAULT_ITEM_SIZE : Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_ITEM_SIZE;
        }
    }

    private static void shutdownQuietly(MemcachedClient client) {
        try {
            client.shutdown();
        } catch (IOException ignored) {
            // startup already failed; that error is the one to report
        }
    }
}
