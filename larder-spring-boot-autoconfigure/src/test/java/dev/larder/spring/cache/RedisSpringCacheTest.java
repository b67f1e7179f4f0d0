package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spring's cache contract on a real Redis server, and what needs the stored bytes themselves. */
@ExtendWith(LarderServers.class)
class RedisSpringCacheTest extends SpringCacheContract {
    private final RedisServer redis;

    RedisSpringCacheTest(RedisServer redis) {
        this.redis = redis;
    }

    @Override
    protected CacheConfig.Builder store() {
        return CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("spring-contract");
    }

    /** The Redis key Larder stored {@code key} under, found by its Larder key at the end. */
    private String redisKey(Object key) {
        String[] found = redis.cli("--scan", "--pattern", "*:" + SpringKeys.toLarderKey(key)).split("\r?\n");
        assertThat(found).hasSize(1);
        return found[0].trim();
    }

    private byte[] rawValue(String redisKey) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            return c.sync().get(redisKey.getBytes(StandardCharsets.UTF_8));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theNullMarker_isNotJavaSerialisation() {
        String key = randomKey();
        cache.put(key, null);
        byte[] stored = rawValue(redisKey(key));
        assertThat(stored).isNotEmpty();
        for (int i = 0; i + 1 < stored.length; i++) {
            // 0xACED starts every Java serialisation stream.
            assertThat((stored[i] & 0xff) == 0xAC && (stored[i + 1] & 0xff) == 0xED).as("0xACED at %d", i).isFalse();
        }
        assertThat(cache.get(key).get()).isNull();
    }

    @Test
    void putIfAbsent_overAnEntryThatDoesNotDecode_storesAndReturnsNull() {
        String key = randomKey();
        cache.put(key, "old");
        String redisKey = redisKey(key);
        // A tag byte no serializer writes: the entry is there for SET NX, and a miss for get.
        redis.cli("SET", redisKey, "\u007fnot a Larder value");
        assertThat(cache.get(key)).isNull();
        assertThat(cache.putIfAbsent(key, "new")).isNull();
        assertThat(cache.get(key).get()).isEqualTo("new");
        assertThat(cache.failOpenCalls()).isZero();
    }
}
