package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testkit.servers.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Anyone who can write to the shared Redis is an attacker: what they put under a JCache key is
 * a miss, never a crash and never an object of a class the configuration did not allow.
 */
class RedisHostileBytesTest {
    private static RedisServer redis;
    private static CacheManager manager;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        manager = SharedStores.node(SharedStores.redis(redis.uri()));
    }

    @AfterAll
    static void stop() {
        manager.close();
        redis.close();
    }

    static final class Gadget implements java.io.Serializable {
        static final Set<String> MADE = new HashSet<>();

        private void readObject(java.io.ObjectInputStream in) {
            MADE.add("instantiated");
        }
    }

    /** SET with binary bytes, in the Redis protocol itself: redis-cli's arguments cannot hold a NUL. */
    private static void rawSet(String key, byte[] value) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redis.port())) {
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            command.write(("*3\r\n$3\r\nSET\r\n$" + k.length + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            command.write(k);
            command.write(("\r\n$" + value.length + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            command.write(value);
            command.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(command.toByteArray());
            byte[] reply = new byte[5];
            int n = socket.getInputStream().read(reply);
            assertThat(new String(reply, 0, n, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void garbageAndForeignObjects_underJCacheKeys_areMisses() throws Exception {
        Cache<String, String> cache = manager.createCache("hostile", new MutableConfiguration<>());
        cache.put("good", "value");
        rawSet("jcache:hostile:1:s:garbage", new byte[] {0, 1, (byte) 0xff, 'n', 'o', 't'});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Gadget());
        }
        rawSet("jcache:hostile:1:s:gadget", bytes.toByteArray());
        assertThat(cache.get("garbage")).isNull();
        assertThat(cache.get("gadget")).isNull();
        assertThat(cache.containsKey("gadget")).isFalse();
        assertThat(Gadget.MADE).isEmpty();
        Set<String> listed = new HashSet<>();
        cache.forEach(e -> listed.add(e.getKey()));
        assertThat(listed).containsExactly("good");
        cache.put("garbage", "mended");
        assertThat(cache.get("garbage")).isEqualTo("mended");
    }

    @Test
    @Timeout(30) // the failure this guards against is a write retrying forever
    void conditionalWrites_overValuesThatReencodeDifferently_stillLand() {
        // A hash map made with room for 64 iterates B before a; read back into a map sized for
        // two, it iterates a before B, so its bytes never match what was stored.
        java.util.HashMap<String, Integer> roomy = new java.util.HashMap<>(64);
        roomy.put("B", 1);
        roomy.put("a", 2);
        MutableConfiguration<String, Object> config = new MutableConfiguration<String, Object>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR));
        Cache<String, Object> cache = manager.createCache("unstable", config);
        cache.put("k", roomy);
        assertThat(cache.replace("k", roomy, "next")).isTrue();
        assertThat(cache.get("k")).isEqualTo("next");
        cache.put("m", roomy);
        Object result = cache.invoke("m", (entry, args) -> {
            entry.setValue("done");
            return null;
        });
        assertThat(result).isNull();
        assertThat(cache.get("m")).isEqualTo("done");
        assertThat(cache.remove("m")).isTrue();
    }

    @Test
    @Timeout(30) // the failure this guards against is a write retrying forever
    void conditionalWrites_overUndecodableBytes_replaceThem() throws Exception {
        // A created-expiry policy makes every write read first and write conditionally.
        MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR));
        Cache<String, String> cache = manager.createCache("hostile-cas", config);
        rawSet("jcache:hostile-cas:1:s:a", new byte[] {0, 1, 2});
        rawSet("jcache:hostile-cas:1:s:b", new byte[] {0, 1, 2});
        rawSet("jcache:hostile-cas:1:s:c", new byte[] {0, 1, 2});
        cache.put("a", "1");
        assertThat(cache.putIfAbsent("b", "2")).isTrue();
        Boolean existed = cache.invoke("c", (entry, args) -> {
            boolean before = entry.exists();
            entry.setValue("3");
            return before;
        });
        assertThat(existed).isFalse();
        assertThat(cache.getAll(java.util.Set.of("a", "b", "c"))).containsOnly(
                java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"), java.util.Map.entry("c", "3"));
    }
}
