package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.LeakCheck;
import dev.larder.testkit.servers.RedisServer;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Passwords made of any character a URL reserves, written raw in the location: they reach the
 * server whole, and no error, cause or {@code toString()} prints them or a piece of them.
 */
class RedisSecretsTest {
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start("--requirepass", "right-secret");
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static CacheRegistry registry(String location) {
        return CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis").location(location)
                .option("connect-timeout", "1s").build()).build();
    }

    /** The password as the server must know it: Lettuce decodes escapes in a user-info. */
    private static String decoded(String password) {
        return password.replace("%40", "@");
    }

    private static void aliceHasPassword(String password) {
        redis.cli("ACL", "SETUSER", "alice", "reset", "on", ">" + password, "~*", "&*", "+@all");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void rightPasswordWrittenRaw_connects_andToStringHidesIt(String password) {
        aliceHasPassword(decoded(password));
        try (CacheRegistry caches = registry("redis://alice:" + password + "@127.0.0.1:" + redis.port() + "/0")) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            assertThat(cache.get("k")).isEqualTo("v");
            assertThat(cache.toString()).contains("redis://alice:***@127.0.0.1:" + redis.port() + "/0");
            LeakCheck.assertHidden(password, cache.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void wrongPassword_failsAtStartup_andNoPartOfItIsPrinted(String password) {
        aliceHasPassword("right-secret");
        String location = "redis://alice:" + password + "@127.0.0.1:" + redis.port();
        CacheConfigException e = catchThrowableOfType(CacheConfigException.class, () -> registry(location).close());
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("location='redis://alice:***@127.0.0.1:" + redis.port() + "'")
                .hasMessageContaining("WRONGPASS");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void wrongPasswordWithoutUser_failsAtStartup_andNoPartOfItIsPrinted(String password) {
        String location = "redis://:" + password + "@127.0.0.1:" + redis.port();
        CacheConfigException e = catchThrowableOfType(CacheConfigException.class, () -> registry(location).close());
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("location='redis://:***@127.0.0.1:" + redis.port() + "'");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void deadPort_failsAtStartup_andNoPartOfThePasswordIsPrinted(String password) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String location = "redis://:" + password + "@127.0.0.1:" + port + ", redis://u:" + password + "@127.0.0.1:" + port;
        CacheConfigException e = catchThrowableOfType(CacheConfigException.class, () -> registry(location).close());
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("redis://:***@127.0.0.1:" + port + ", redis://u:***@127.0.0.1:" + port)
                .hasMessageContaining("cannot connect");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void malformedLocationWithAPassword_isNamedWithoutIt(String password) {
        for (String bad : List.of("redis://:" + password + "@127.0.0.1:notaport", "redis://:" + password + "@",
                "redis://:" + password + "@127.0.0.1:1,127.0.0.1:2", "http://:" + password + "@127.0.0.1:1")) {
            CacheConfigException e = catchThrowableOfType(CacheConfigException.class, () -> registry(bad).close());
            LeakCheck.assertHidden(password, e);
            assertThat(e).as(bad).hasMessageContaining("larder.caches.default.location=");
        }
    }

    @Test
    void serverWithoutAScheme_inAList_isNamed() {
        CacheConfigException e = catchThrowableOfType(CacheConfigException.class,
                () -> registry("redis://127.0.0.1:1, 127.0.0.1:2").close());
        assertThat(e).hasMessageContaining("'127.0.0.1:2' is not a Redis URI");
    }
}
