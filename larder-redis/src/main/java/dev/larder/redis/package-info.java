/**
 * The {@code redis} backend: Larder's cache API on a Redis server, a primary with replicas,
 * a Sentinel-watched primary or a Redis Cluster, through Lettuce. Configure it by name
 * ({@code backend=redis}); {@link dev.larder.redis.RedisBackendFactory} lists its options.
 */
package dev.larder.redis;
