package dev.larder.redis;

import dev.larder.CacheConfigException;
import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code location}: one or more Redis URIs and the topology they make. Several URIs
 * are Django's primary and replicas (writes to the first) unless the cache is a Cluster, when
 * they are seed nodes; a {@code redis-sentinel://} location is one URI naming the sentinels.
 *
 * @param topology what kind of deployment the URIs describe
 * @param uris     the parsed URIs, in the order given
 * @param display  the location with passwords masked, for messages and logs
 */
record RedisLocation(Topology topology, List<RedisURI> uris, String display) {
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final Pattern USER_PASSWORD = Pattern.compile("://([^:@/]*):[^@/]*@");
    private static final Pattern PASSWORD_ONLY = Pattern.compile("://[^:@/]+@");
    private static final List<String> SCHEMES = List.of("redis://", "rediss://", "redis-socket://", "redis-sentinel://");

    enum Topology { STANDALONE, REPLICAS, SENTINEL, CLUSTER }

    /**
     * Parses a location.
     *
     * @throws CacheConfigException naming the property and the (masked) location when it is
     *                              empty or not a Redis URI list
     */
    static RedisLocation parse(String property, String location, boolean cluster) {
        String display = mask(location);
        if (location.isBlank()) {
            throw new CacheConfigException(property + " is not set: the redis backend needs a server, such as"
                    + " redis://127.0.0.1:6379 (several, comma-separated, for a primary and its replicas or Cluster seeds)");
        }
        List<String> parts = location.startsWith("redis-sentinel://") ? List.of(location.trim())
                : List.of(SEPARATORS.split(location.trim()));
        List<RedisURI> uris = new ArrayList<>();
        for (String part : parts) {
            uris.add(uri(property, display, part));
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
        return new RedisLocation(topology, List.copyOf(uris), display);
    }

    private static RedisURI uri(String property, String display, String part) {
        String lower = part.toLowerCase(Locale.ROOT);
        if (SCHEMES.stream().noneMatch(lower::startsWith)) {
            throw new CacheConfigException(property + "='" + display + "': '" + mask(part) + "' is not a Redis URI;"
                    + " use redis://host:port[/db], rediss:// (TLS), redis-socket:///path or redis-sentinel://host:port#master");
        }
        try {
            RedisURI uri = RedisURI.create(part);
            if (uri.getSocket() == null && uri.getSentinels().isEmpty() && (uri.getHost() == null || uri.getHost().isBlank())) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new CacheConfigException(property + "='" + display + "': '" + mask(part) + "' is not a valid Redis URI: "
                    + e.getMessage(), e);
        }
    }

    /** The location with every password replaced by {@code ***}. */
    static String mask(String location) {
        String masked = USER_PASSWORD.matcher(location).replaceAll("://$1:***@");
        return PASSWORD_ONLY.matcher(masked).replaceAll("://***@");
    }
}
