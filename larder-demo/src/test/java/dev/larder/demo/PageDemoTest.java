package dev.larder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageDemoTest {
    @Test
    void pageDemo_servesTheRepeatFromTheCache_keepsUsersApart_andNeverStoresACookie() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PageDemo.Result result;
        try (CacheRegistry caches = CacheRegistry.load()) {
            caches.defaultCache().clear();
            result = PageDemo.run(caches.defaultCache(), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }
        assertThat(result.hitStatus()).isEqualTo("HIT");
        assertThat(result.age()).isNotNull();
        assertThat(result.alice()).isEqualTo("hello alice");
        assertThat(result.bob()).isEqualTo("hello bob");
        assertThat(result.cookieStatuses()).isEqualTo("MISS, MISS");
        // /report once, /me for alice and bob, /login twice: six requests rendered five times.
        assertThat(result.renders()).isEqualTo(5);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("X-Larder-Cache: HIT");
    }
}
