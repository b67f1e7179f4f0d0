package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testing.FakeClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stale pages through Django's two-phase pair: the fetch filter's settings, the update filter's fallback. */
class TwoPhaseStalePagesTest {
    private static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1468749600));
    private final CacheRegistry caches = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().backend("locmem").location("two-phase-stale").build()).build();
    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>("none");
    private WebApp app;

    @AfterEach
    void stop() throws Exception {
        app.close();
        caches.close();
    }

    private WebApp start(Duration swr, Duration sie) throws Exception {
        PageCache pages = PageCache.builder(caches.defaultCache()).clock(clock).timeout(Duration.ofSeconds(60))
                .staleWhileRevalidate(swr).staleIfError(sie).build();
        app = WebApp.builder().filter(new UpdateCacheFilter(), "/*").filter(VaryOnHeadersFilter.cookie(), "/*")
                .filter(new FetchFromCacheFilter(pages), "/*").view("/*", (req, resp) -> {
                    int n = renders.incrementAndGet();
                    switch (failure.get()) {
                        case "throw" -> throw new IllegalStateException("down");
                        case "sendError" -> {
                            resp.sendError(502);
                            return;
                        }
                        default -> resp.getWriter().write("render " + n);
                    }
                }).start();
        return app;
    }

    private static String status(HttpResponse<?> r) {
        return r.headers().firstValue(STATUS).orElse(null);
    }

    @Test
    void staleIfError_throwingOrSendingAnError_isAnsweredWithTheStalePage() throws Exception {
        WebApp web = start(Duration.ZERO, Duration.ofSeconds(300));
        web.get("/p");
        clock.advanceSeconds(100);
        for (String mode : new String[] {"throw", "sendError"}) {
            failure.set(mode);
            HttpResponse<String> r = web.get("/p");
            assertThat(r.statusCode()).as(mode).isEqualTo(200);
            assertThat(r.body()).as(mode).isEqualTo("render 1");
            assertThat(status(r)).as(mode).isEqualTo("STALE");
            assertThat(r.headers().firstValue("Age")).as(mode).hasValue("100");
        }
        clock.advanceSeconds(300);
        assertThat(web.get("/p").statusCode()).isEqualTo(502);
    }

    @Test
    void staleWhileRevalidate_oneRequestRendersAgain_andStoresTheNewPage() throws Exception {
        WebApp web = start(Duration.ofSeconds(30), Duration.ZERO);
        web.get("/p");
        clock.advanceSeconds(70);
        HttpResponse<String> refresh = web.get("/p");
        assertThat(refresh.body()).isEqualTo("render 2");
        assertThat(status(refresh)).isEqualTo("MISS");
        HttpResponse<String> hit = web.get("/p");
        assertThat(hit.body()).isEqualTo("render 2");
        assertThat(status(hit)).isEqualTo("HIT");
    }
}
