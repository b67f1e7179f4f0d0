package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stale pages over local memory, whose expiry follows the test's clock. */
class LocMemStalePagesTest extends StalePagesContract {
    private final CacheRegistry caches = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().backend("locmem").location("stale-pages").build()).build();

    @Override
    protected Cache cache() {
        return caches.defaultCache();
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }

    @Test
    void withoutWindows_aPagePastItsFreshness_isAMiss_asBefore() throws Exception {
        WebApp web = app(b -> b);
        web.get("/p");
        clock.advanceSeconds(61);
        failure.set(Failure.STATUS_503);
        HttpResponse<String> r = web.get("/p");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(header(r, STATUS)).isEqualTo("MISS");
    }

    @Test
    void aPageWithWindows_isKeptThroughTheLongerWindow_andNoLonger() throws Exception {
        WebApp web = app(b -> b.staleWhileRevalidate(java.time.Duration.ofSeconds(30))
                .staleIfError(java.time.Duration.ofSeconds(300)));
        web.get("/p");
        clock.advanceSeconds(359);
        failure.set(Failure.THROW);
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("STALE");
        clock.advanceSeconds(1);
        failure.set(Failure.NONE);
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("MISS");
    }
}
