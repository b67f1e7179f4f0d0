package dev.larder.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.LeakCheck;
import dev.larder.testkit.servers.MemcachedServers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memcached's text protocol has no authentication, so a location holding a user name or
 * password (as a URL, user-info or parameter) is a mistake: it is refused, and no part of the
 * password is printed, even next to a running server.
 */
class MemcachedSecretsTest {
    private static MemcachedServers memcached;

    @BeforeAll
    static void start() {
        memcached = MemcachedServers.start(1);
    }

    @AfterAll
    static void stop() {
        memcached.close();
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void locationWithAPassword_isRefused_andNoPartOfItIsPrinted(String password) {
        String server = "127.0.0.1:" + memcached.port(0);
        for (String location : List.of("user:" + password + "@" + server, "memcached://user:" + password + "@" + server,
                server + "," + "user:" + password + "@" + server, server + "?password=" + password)) {
            CacheConfigException e = catchThrowableOfType(CacheConfigException.class, () -> CacheRegistry.builder()
                    .cache("default", CacheConfig.builder().backend("memcached").location(location).build()).build().close());
            LeakCheck.assertHidden(password, e);
            assertThat(e).as(location).hasMessageContaining("larder.caches.default.location='").hasMessageContaining(server)
                    .hasMessageContaining("***");
        }
    }
}
