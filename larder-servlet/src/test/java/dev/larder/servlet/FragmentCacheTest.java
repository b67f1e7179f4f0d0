package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import dev.larder.testkit.servers.RedisServer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Django's {@code {% cache %}} fragment cache (spec §8), with the §12 key vectors; no server needed. */
class FragmentCacheTest {
    private final FakeClock clock = new FakeClock();
    private final CacheRegistry caches = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().backend("locmem").location("fragments-default").build()).build();
    private final AtomicInteger bodies = new AtomicInteger();

    @AfterEach
    void closeCaches() {
        caches.defaultCache().clear();
        caches.close();
    }

    /** A body that counts its runs and says which run it was. */
    private Supplier<String> body(String text) {
        return () -> text + " #" + bodies.incrementAndGet();
    }

    // --- keys: make_template_fragment_key (§8, §12 "Template fragment keys") ----------------

    @Test
    void key_withoutVaryValues_hashesTheEmptyString() {
        assertThat(FragmentCache.key("a.fragment")).isEqualTo("template.cache.a.fragment.d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void key_matchesDjangosVectors() {
        assertThat(FragmentCache.key("foo", "abc")).isEqualTo("template.cache.foo.493e283d571a73056196f1a68efd0f66");
        assertThat(FragmentCache.key("bar", "abc", "def")).isEqualTo("template.cache.bar.17c1a507a0cb58384f4c639067a93520");
        assertThat(FragmentCache.key("spam", "abc:def%")).isEqualTo("template.cache.spam.06c8ae8e8c430b69fb0a6443504153dc");
    }

    @Test
    void key_ofNumbers_usesTheirDecimalText_likePythonsStr() {
        assertThat(FragmentCache.key("foo", 1, 2, 3, 4, 5)).isEqualTo("template.cache.foo.7ae8fd2e0d25d651c683bdeebdb29461");
    }

    @Test
    void key_rejectsABlankName_namingIt() {
        assertThatThrownBy(() -> FragmentCache.key("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("''");
        assertThatThrownBy(() -> FragmentCache.key("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'   '");
    }

    @Test
    void key_rejectsANameWithASpace_namingIt() {
        assertThatThrownBy(() -> FragmentCache.key("side bar", "alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'side bar'");
    }

    @Test
    void render_rejectsABadName_beforeRunningTheBody() {
        FragmentCache fragments = new FragmentCache(caches.defaultCache());
        assertThatThrownBy(() -> fragments.render("side\tbar", Timeout.ofMinutes(5), body("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("side\tbar");
        assertThat(bodies).hasValue(0);
    }

    // --- render, vary, invalidate ---------------------------------------------------------

    @Test
    void render_runsTheBodyOnce_thenServesTheCachedText() {
        FragmentCache fragments = new FragmentCache(caches.defaultCache());
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("sidebar"))).isEqualTo("sidebar #1");
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("sidebar"))).isEqualTo("sidebar #1");
        assertThat(bodies).hasValue(1);
        assertThat(caches.defaultCache().get(FragmentCache.key("sidebar"))).isEqualTo("sidebar #1");
    }

    @Test
    void render_differentVaryValues_areSeparateEntries() {
        FragmentCache fragments = new FragmentCache(caches.defaultCache());
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("alice"), "alice", "en")).isEqualTo("alice #1");
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("bob"), "bob", "en")).isEqualTo("bob #2");
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("alice"), "alice", "es")).isEqualTo("alice #3");
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("alice"), "alice", "en")).isEqualTo("alice #1");
        assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("bob"), "bob", "en")).isEqualTo("bob #2");
        assertThat(bodies).hasValue(3);
    }

    @Test
    void render_expiresAfterItsTimeout() {
        FragmentCache fragments = new FragmentCache(caches.defaultCache());
        fragments.render("sidebar", Timeout.ofSeconds(10), body("sidebar"));
        clock.advanceSeconds(9);
        assertThat(fragments.render("sidebar", Timeout.ofSeconds(10), body("sidebar"))).isEqualTo("sidebar #1");
        clock.advanceSeconds(2);
        assertThat(fragments.render("sidebar", Timeout.ofSeconds(10), body("sidebar"))).isEqualTo("sidebar #2");
    }

    @Test
    void invalidate_removesTheFragment_soTheNextRenderRunsTheBody() {
        FragmentCache fragments = new FragmentCache(caches.defaultCache());
        fragments.render("sidebar", Timeout.NEVER, body("alice"), "alice");
        fragments.render("sidebar", Timeout.NEVER, body("bob"), "bob");
        assertThat(fragments.invalidate("sidebar", "alice")).isTrue();
        assertThat(fragments.invalidate("sidebar", "alice")).as("already gone").isFalse();
        assertThat(fragments.render("sidebar", Timeout.NEVER, body("alice"), "alice")).isEqualTo("alice #3");
        assertThat(fragments.render("sidebar", Timeout.NEVER, body("bob"), "bob")).as("bob's is untouched")
                .isEqualTo("bob #2");
    }

    // --- which cache (§8 "Cache selection") ------------------------------------------------

    @Test
    void of_picksTemplateFragments_whenConfigured() {
        try (CacheRegistry both = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("locmem").location("fragments-both-default").build())
                .cache("template_fragments", CacheConfig.builder().backend("locmem").location("fragments-both-tf").build())
                .build()) {
            FragmentCache.of(both).render("sidebar", Timeout.ofMinutes(5), body("sidebar"));
            assertThat(both.cache("template_fragments").get(FragmentCache.key("sidebar"))).isEqualTo("sidebar #1");
            assertThat(both.defaultCache().get(FragmentCache.key("sidebar"))).isNull();
            both.cache("template_fragments").clear();
        }
    }

    @Test
    void of_picksDefault_withoutTemplateFragments() {
        FragmentCache.of(caches).render("sidebar", Timeout.ofMinutes(5), body("sidebar"));
        assertThat(caches.defaultCache().get(FragmentCache.key("sidebar"))).isEqualTo("sidebar #1");
    }

    @Test
    void using_anUnknownAlias_failsNamingIt() {
        assertThatThrownBy(() -> FragmentCache.using(caches, "nope")).hasMessageContaining("'nope'");
    }

    // --- a dead cache never fails the page ---------------------------------------------------

    @Test
    void deadCache_stillRendersTheBodyEveryTime() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry remote = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                     .location(redis.uri()).option("command-timeout", "300ms").build()).build()) {
            FragmentCache fragments = FragmentCache.of(remote);
            assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("sidebar"))).isEqualTo("sidebar #1");
            assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("sidebar"))).as("cached while alive")
                    .isEqualTo("sidebar #1");
            redis.kill();
            for (int i = 2; i <= 4; i++) {
                assertThat(fragments.render("sidebar", Timeout.ofMinutes(5), body("sidebar"))).isEqualTo("sidebar #" + i);
            }
            assertThat(bodies).hasValue(4);
        }
    }
}
