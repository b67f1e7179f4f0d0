package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.testing.FakeClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stale pages (RFC 5861), black-box through Jetty and an HTTP client, on any backend. Pages are
 * fresh for 60 s ({@code max-age=60}); time moves by {@link FakeClock}. The view's behaviour is
 * switched per test through {@link #failure}: render, throw, or answer an error status.
 */
abstract class StalePagesContract {
    static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    /** How the next rendering ends. */
    enum Failure { NONE, THROW, WRITE_THEN_THROW, STATUS_503, SEND_ERROR_503, NOT_FOUND }

    protected final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1468749600));
    final AtomicInteger renders = new AtomicInteger();
    final AtomicReference<Failure> failure = new AtomicReference<>(Failure.NONE);
    final AtomicReference<String> cacheControl = new AtomicReference<>("max-age=60");
    /** When set, the rendering numbered {@link #holdRender} waits on it (the revalidating request). */
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int holdRender;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private WebApp app;
    private PageCache pages;

    /** A cache of the backend under test, empty. */
    protected abstract Cache cache();

    @BeforeEach
    void clearCache() {
        cache().clear();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        pool.shutdownNow();
        if (app != null) {
            app.close();
        }
    }

    PageCache pages() {
        return pages;
    }

    WebApp app(UnaryOperator<PageCache.Builder> settings) throws Exception {
        pages = settings.apply(PageCache.builder(cache()).clock(clock)).build();
        app = WebApp.builder().filter(new CacheFilter(pages), "/*").view("/*", (req, resp) -> {
            int n = renders.incrementAndGet();
            if (n == holdRender) {
                entered.countDown();
                await(release);
            }
            switch (failure.get()) {
                case THROW -> throw new IllegalStateException("the database is down");
                case WRITE_THEN_THROW -> {
                    resp.setContentType("text/plain");
                    // 3,000 bytes: held by the writer's own 8 KiB buffer, not flushed, and more than
                    // the page cache's buffer takes (1 KiB, below), so a flush would send them.
                    resp.getWriter().write("half a page ".repeat(250));
                    throw new IllegalStateException("the database went down mid-page");
                }
                case STATUS_503 -> resp.setStatus(503);
                case SEND_ERROR_503 -> {
                    resp.sendError(503, "down for maintenance");
                    return;
                }
                case NOT_FOUND -> resp.setStatus(404);
                case NONE -> { }
            }
            resp.setHeader("Cache-Control", cacheControl.get());
            resp.setHeader("ETag", "\"v" + n + "\"");
            String user = req.getHeader("X-User");
            if (user != null) {
                resp.setHeader("Vary", "X-User");
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("render " + n + (user == null ? "" : " for " + user));
        }).start();
        return app;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** {@code r} is the stale page with this body, answered as a success. */
    static void assertServedStale(HttpResponse<String> r, String body) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
        assertThat(header(r, STATUS)).isEqualTo("STALE");
    }

    /** Renders {@code /p} once, moves the clock {@code seconds} on, makes the view fail {@code how}, and asks again. */
    private HttpResponse<String> renderedThenFailing(UnaryOperator<PageCache.Builder> settings, long seconds, Failure how)
            throws Exception {
        WebApp web = app(settings);
        web.get("/p");
        clock.advanceSeconds(seconds);
        failure.set(how);
        return web.get("/p");
    }

    private static UnaryOperator<PageCache.Builder> windows(long swr, long sie) {
        return b -> b.staleWhileRevalidate(Duration.ofSeconds(swr)).staleIfError(Duration.ofSeconds(sie));
    }

    // --- stale-while-revalidate ---------------------------------------------------------------

    @Test
    void staleWhileRevalidate_concurrentRequests_renderOnce_whileTheOthersGetTheStalePageAtOnce() throws Exception {
        WebApp web = app(windows(30, 0));
        assertThat(web.get("/hot").body()).isEqualTo("render 1");
        clock.advanceSeconds(70);
        holdRender = 2;
        Future<HttpResponse<String>> leader = pool.submit(() -> web.get("/hot"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<HttpResponse<String>>> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(pool.submit(() -> web.get("/hot")));
        }
        // Every other request is answered while the leader is still held inside the view: no waiting.
        for (Future<HttpResponse<String>> f : others) {
            HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
            assertServedStale(r, "render 1");
            assertThat(header(r, "Age")).isEqualTo("70");
            assertThat(header(r, "Warning")).isNull();
        }
        assertThat(leader.isDone()).isFalse();
        release.countDown();
        HttpResponse<String> refreshed = leader.get(10, TimeUnit.SECONDS);
        assertThat(refreshed.body()).isEqualTo("render 2");
        assertThat(header(refreshed, STATUS)).isEqualTo("MISS");
        HttpResponse<String> after = web.get("/hot");
        assertThat(after.body()).isEqualTo("render 2");
        assertThat(header(after, STATUS)).isEqualTo("HIT");
        assertThat(renders).hasValue(2);
        assertThat(pages.stats().stale()).isEqualTo(6);
    }

    @Test
    void staleWhileRevalidate_conditionalRequest_isAnswered304_likeAHit() throws Exception {
        WebApp web = app(windows(30, 0));
        web.get("/p");
        clock.advanceSeconds(65);
        holdRender = 2;
        Future<HttpResponse<String>> leader = pool.submit(() -> web.get("/p"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> conditional = web.get("/p", "If-None-Match", "\"v1\"");
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(header(conditional, STATUS)).isEqualTo("STALE");
        assertThat(header(conditional, "ETag")).isEqualTo("\"v1\"");
        release.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS).body()).isEqualTo("render 2");
    }

    @Test
    void staleWhileRevalidate_pastTheWindow_isAMiss() throws Exception {
        WebApp web = app(windows(30, 0));
        web.get("/p");
        clock.advanceSeconds(91);
        HttpResponse<String> r = web.get("/p");
        assertThat(r.body()).isEqualTo("render 2");
        assertThat(header(r, STATUS)).isEqualTo("MISS");
    }

    @Test
    void freshPage_withWindows_isAnOrdinaryHit() throws Exception {
        WebApp web = app(windows(30, 300));
        web.get("/p");
        clock.advanceSeconds(59);
        HttpResponse<String> r = web.get("/p");
        assertThat(header(r, STATUS)).isEqualTo("HIT");
        assertThat(header(r, "Age")).isEqualTo("59");
        assertThat(header(r, "Cache-Control")).isEqualTo("max-age=60");
    }

    @Test
    void staleWhileRevalidate_isServedOnlyToTheVariantItWasRenderedFor() throws Exception {
        WebApp web = app(windows(30, 0));
        assertThat(web.get("/p", "X-User", "ann").body()).isEqualTo("render 1 for ann");
        clock.advanceSeconds(70);
        holdRender = 3;
        assertThat(web.get("/p", "X-User", "bob").body()).isEqualTo("render 2 for bob");
        Future<HttpResponse<String>> leader = pool.submit(() -> web.get("/p", "X-User", "ann"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> ann = web.get("/p", "X-User", "ann");
        assertThat(ann.body()).isEqualTo("render 1 for ann");
        assertThat(header(ann, STATUS)).isEqualTo("STALE");
        release.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS).body()).isEqualTo("render 3 for ann");
    }

    // --- stale-if-error -----------------------------------------------------------------------

    @Test
    void staleIfError_viewThrows_theStalePageIsServed_andNothingReplacesIt() throws Exception {
        WebApp web = app(windows(0, 300));
        web.get("/p");
        clock.advanceSeconds(100);
        failure.set(Failure.THROW);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = web.get("/p");
            assertServedStale(r, "render 1");
            assertThat(header(r, "Age")).isEqualTo("100");
        }
        failure.set(Failure.NONE);
        HttpResponse<String> recovered = web.get("/p");
        assertThat(recovered.body()).isEqualTo("render 4");
        assertThat(header(recovered, STATUS)).isEqualTo("MISS");
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
    }

    @Test
    void staleIfError_viewAnswers503_theStalePageIsServed() throws Exception {
        HttpResponse<String> r = renderedThenFailing(windows(0, 300), 100, Failure.STATUS_503);
        assertServedStale(r, "render 1");
    }

    @Test
    void staleIfError_viewSendsError503_theStalePageIsServed_notTheErrorPage() throws Exception {
        HttpResponse<String> r = renderedThenFailing(windows(0, 300), 100, Failure.SEND_ERROR_503);
        assertServedStale(r, "render 1");
    }

    @Test
    void staleIfError_pastTheWindow_theFailureIsAnswered() throws Exception {
        HttpResponse<String> r = renderedThenFailing(windows(0, 300), 361, Failure.SEND_ERROR_503);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("render 1");
    }

    @Test
    void staleWhileRevalidateWithoutIfError_aFailedRevalidation_isAnswered() throws Exception {
        HttpResponse<String> r = renderedThenFailing(windows(30, 0), 70, Failure.STATUS_503);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(header(r, STATUS)).isEqualTo("MISS");
    }

    @Test
    void bothWindows_aFailedRevalidation_isReplacedByTheStalePage() throws Exception {
        HttpResponse<String> r = renderedThenFailing(windows(30, 300), 70, Failure.THROW);
        assertServedStale(r, "render 1");
    }

    @Test
    void staleIfError_a404_isNoError_andIsAnsweredAsRendered() throws Exception {
        HttpResponse<String> r = renderedThenFailing(windows(0, 300), 100, Failure.NOT_FOUND);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("render 2");
    }

    // --- the response's own directives ----------------------------------------------------------

    @Test
    void responseDirective_staleIfError_isHonoured_withoutAConfiguredWindow() throws Exception {
        cacheControl.set("max-age=60, stale-if-error=300");
        HttpResponse<String> r = renderedThenFailing(b -> b, 200, Failure.THROW);
        assertThat(r.body()).isEqualTo("render 1");
        assertThat(header(r, STATUS)).isEqualTo("STALE");
        assertThat(header(r, "Cache-Control")).isEqualTo("max-age=60, stale-if-error=300");
    }

    @Test
    void responseDirective_ofZero_beatsTheConfiguredWindow() throws Exception {
        cacheControl.set("max-age=60, stale-if-error=0");
        assertThat(renderedThenFailing(windows(30, 300), 100, Failure.STATUS_503).statusCode()).isEqualTo(503);
    }

    @Test
    void responseDirective_malformed_isIgnored() throws Exception {
        // The configured 30 s while revalidating keeps the page past its freshness, on any store.
        cacheControl.set("max-age=60, stale-if-error=forever");
        assertThat(renderedThenFailing(windows(30, 0), 100, Failure.STATUS_503).statusCode()).isEqualTo(503);
    }

    @Test
    void privateResponse_isNeverStored_soNeverServedStale() throws Exception {
        cacheControl.set("private, max-age=60, stale-if-error=300");
        assertThat(renderedThenFailing(windows(30, 300), 100, Failure.STATUS_503).statusCode()).isEqualTo(503);
    }

    @Test
    void aRenderingNowPrivate_dropsTheStoredPage_soItIsNeverServedStaleAgain() throws Exception {
        WebApp web = app(windows(300, 300));
        web.get("/p");
        clock.advanceSeconds(100);
        cacheControl.set("private, max-age=60");
        HttpResponse<String> revalidated = web.get("/p");
        assertThat(revalidated.body()).isEqualTo("render 2");
        HttpResponse<String> next = web.get("/p");
        assertThat(header(next, STATUS)).as("the public copy is gone, not served stale").isNotEqualTo("STALE");
        assertThat(next.body()).isEqualTo("render 3");
        failure.set(Failure.STATUS_503);
        assertThat(web.get("/p").statusCode()).as("nor in place of a failure").isEqualTo(503);
    }

    @Test
    void staleIfError_aViewThatFailsWithUnflushedText_servesTheStalePage_notTheHalfPage() throws Exception {
        HttpResponse<String> r = renderedThenFailing(b -> windows(0, 300).apply(b).maxPageBytes(1_024), 100,
                Failure.WRITE_THEN_THROW);
        assertServedStale(r, "render 1");
    }
}
