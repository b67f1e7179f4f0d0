package dev.larder.testkit.servers;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests real servers as constructor or method parameters: {@link RedisServer},
 * {@link RedisReplicaSet}, {@link RedisSentinels}, {@link RedisCluster}, {@link MemcachedServers}
 * (three servers), and {@link TestDatabase} with {@link UseDatabase}. Each is started once per
 * run, on first use, shared by every test class that asks, and stopped when the run ends. A test
 * that kills or restarts a server should start one of its own instead ({@code RedisServer.start()}).
 *
 * <pre>{@code
 * @ExtendWith(LarderServers.class)
 * class RedisContractTest extends CacheContract {
 *     private final RedisServer redis;
 *     RedisContractTest(RedisServer redis) { this.redis = redis; }
 *     protected CacheConfig.Builder store(String name) {
 *         return CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix(name);
 *     }
 * }
 * }</pre>
 *
 * <p>A server that is not installed or not reachable fails the test with the command that
 * installs it; nothing is skipped.
 */
public final class LarderServers implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LarderServers.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisServer.class || type == RedisReplicaSet.class || type == RedisSentinels.class
                || type == RedisCluster.class || type == MemcachedServers.class
                || (type == TestDatabase.class && parameter.isAnnotated(UseDatabase.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        try {
            if (type == RedisServer.class) {
                return shared(context, "redis", RedisServer.class, RedisServer::start);
            }
            if (type == RedisReplicaSet.class) {
                return shared(context, "redis-replicas", RedisReplicaSet.class, RedisReplicaSet::start);
            }
            if (type == RedisSentinels.class) {
                return shared(context, "redis-sentinel", RedisSentinels.class, RedisSentinels::start);
            }
            if (type == RedisCluster.class) {
                return shared(context, "redis-cluster", RedisCluster.class, RedisCluster::start);
            }
            if (type == MemcachedServers.class) {
                return shared(context, "memcached", MemcachedServers.class, () -> MemcachedServers.start(3));
            }
            TestDatabase.Kind kind = parameter.findAnnotation(UseDatabase.class).orElseThrow().value();
            return shared(context, "db-" + kind, TestDatabase.class, () -> TestDatabase.create(kind));
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T shared(ExtensionContext context, String key, Class<T> type, Supplier<T> start) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> start.get(), type);
    }
}
