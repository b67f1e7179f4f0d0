package dev.larder.redis;

import dev.larder.CacheConfigException;
import dev.larder.support.Secrets;
import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code location}: one or more Redis URIs and the topology they make. Several URIs
 * are Django's primary and replicas (writes to the first) unless the cache is a Cluster, when
 * they are seed nodes; a {@code redis-sentinel://} location is one URI naming the sentinels.
 *
 * @param topology what kind of deployment the URIs describe
 * @param uris     the parsed URIs, in the order given
 * <p>A password may hold any character: the user-info ends at the last {@code @} of its URI and
 * is percent-encoded before Lettuce parses it, and URIs are split only where the next one
 * begins, so {@code redis://:p@ss/w,rd@host} reaches {@code host} with the password
 * {@code p@ss/w,rd}. Escapes already in it ({@code %40}) are kept, as Lettuce decodes them.
 *
 * @param display  the location with passwords masked, for messages and logs
 * @param secrets  the passwords of the location, to redact from the client's messages
 */
record RedisLocation(Topology topology, List<RedisURI> uris, String display, Secrets secrets) {
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final Pattern BEFORE_URI = Pattern.compile("[,;\\s]+(?=[A-Za-z][A-Za-z0-9+.-]*://)");
    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[,;\\s]+$");
    private static final List<String> SCHEMES = List.of("redis://", "rediss://", "redis-socket://", "redis-sentinel://");

    enum Topology { STANDALONE, REPLICAS, SENTINEL, CLUSTER }

    /**
     * Parses a location.
     *
     * @throws CacheConfigException naming the property and the (masked) location when it is
     *                              empty or not a Redis URI list
     */
    static RedisLocation parse(String property, String location, boolean cluster) {
        String display = Secrets.mask(location);
        Secrets secrets = Secrets.in(location);
        if (location.isBlank()) {
            throw new CacheConfigException(property + " is not set: the redis backend needs a server, such as"
                    + " redis://127.0.0.1:6379 (several, comma-separated, for a primary and its replicas or Cluster seeds)");
        }
        List<String> parts = location.startsWith("redis-sentinel://") ? List.of(location.trim())
                : split(property, display, location);
        List<RedisURI> uris = new ArrayList<>();
        for (String part : parts) {
            uris.add(uri(property, display, secrets, part));
        }
        Topology topology;
        if (uris.get(0).getSentinels().isEmpty()) {
            topology = cluster ? Topology.CLUSTER : uris.size() == 1 ? Topology.STANDALONE : Topology.REPLICAS;
        } else {
            if (cluster) {
                throw new CacheConfigException(property + "='" + display + "' is a Sentinel location, but the option"
                        + " cluster=true asks for a Redis Cluster; Sentinel and Cluster do not mix");
            }
            topology = Topology.SENTINEL;
        }
        if (topology == Topology.CLUSTER && uris.stream().anyMatch(u -> u.getSocket() != null)) {
            throw new CacheConfigException(property + "='" + display + "': a Redis Cluster is reached over TCP, not unix sockets");
        }
        return new RedisLocation(topology, List.copyOf(uris), display, secrets);
    }

    /** The URIs of a list, split where each begins; a separator after a host starts a URI without a scheme. */
    private static List<String> split(String property, String display, String location) {
        List<String> parts = List.of(BEFORE_URI.split(TRAILING_SEPARATORS.matcher(location.trim()).replaceAll("")));
        for (String part : parts) {
            String hosts = part.substring(part.lastIndexOf('@') + 1);
            Matcher separator = SEPARATORS.matcher(hosts);
            if (separator.find()) {
                throw notAUri(property, display, hosts.substring(separator.end()));
            }
        }
        return parts;
    }

    private static CacheConfigException notAUri(String property, String display, String part) {
        return new CacheConfigException(property + "='" + display + "': '" + Secrets.mask(part) + "' is not a Redis URI;"
                + " use redis://host:port[/db], rediss:// (TLS), redis-socket:///path or redis-sentinel://host:port#master");
    }

    private static RedisURI uri(String property, String display, Secrets secrets, String part) {
        String lower = part.toLowerCase(Locale.ROOT);
        if (SCHEMES.stream().noneMatch(lower::startsWith)) {
            throw notAUri(property, display, part);
        }
        try {
            RedisURI uri = RedisURI.create(Secrets.encodeUserInfo(part));
            if (uri.getSocket() == null && uri.getSentinels().isEmpty() && (uri.getHost() == null || uri.getHost().isBlank())) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new CacheConfigException(property + "='" + display + "': '" + Secrets.mask(part)
                    + "' is not a valid Redis URI: " + secrets.redact(e.getMessage()), secrets.scrub(e));
        }
    }
}
