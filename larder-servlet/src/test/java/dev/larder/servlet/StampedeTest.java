package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stampede control: requests for a page that another request is rendering wait for it instead
 * of rendering again. Latches, not sleeps: the leader is held inside the view until every
 * follower is waiting.
 */
class StampedeTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("stampede").build()).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final AtomicInteger renders = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private WebApp app;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        pool.shutdownNow();
        app.close();
        caches.close();
    }

    private PageCache start(Duration wait, String cacheControl) throws Exception {
        caches.defaultCache().clear();
        PageCache pages = PageCache.builder(caches.defaultCache()).stampedeWait(wait).build();
        app = WebApp.builder().filter(new CacheFilter(pages), "/*").view("/*", (req, resp) -> {
            int n = renders.incrementAndGet();
            if (n == 1) {
                entered.countDown();
                await(release);
            }
            if (cacheControl != null) {
                resp.setHeader("Cache-Control", cacheControl);
            }
            resp.getWriter().write("render " + n);
        }).start();
        return pages;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Future<HttpResponse<String>>> followers(int n) {
        List<Future<HttpResponse<String>>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.submit(() -> app.get("/hot")));
        }
        return out;
    }

    @Test
    void concurrentMisses_renderOnce_andEveryoneGetsThatPage() throws Exception {
        PageCache pages = start(Duration.ofSeconds(10), null);
        Future<HttpResponse<String>> leader = pool.submit(() -> app.get("/hot"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<HttpResponse<String>>> followers = followers(6);
        Waiters.await(pages, 6);
        release.countDown();
        assertThat(leader.get().body()).isEqualTo("render 1");
        for (Future<HttpResponse<String>> f : followers) {
            assertThat(f.get().body()).isEqualTo("render 1");
            assertThat(f.get().headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("HIT");
        }
        assertThat(renders).hasValue(1);
        assertThat(pages.stats().collapsed()).isEqualTo(6);
    }

    @Test
    void waiterThatTimesOut_rendersOnItsOwn() throws Exception {
        start(Duration.ofMillis(200), null);
        Future<HttpResponse<String>> leader = pool.submit(() -> app.get("/hot"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> follower = app.get("/hot");
        assertThat(follower.body()).isEqualTo("render 2");
        assertThat(follower.headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("MISS");
        release.countDown();
        assertThat(leader.get().body()).isEqualTo("render 1");
    }

    @Test
    void leadersPageThatMayNotBeStored_isNotHandedToWaiters() throws Exception {
        PageCache pages = start(Duration.ofSeconds(10), "private");
        Future<HttpResponse<String>> leader = pool.submit(() -> app.get("/hot"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<HttpResponse<String>>> followers = followers(3);
        Waiters.await(pages, 3);
        release.countDown();
        assertThat(leader.get().body()).isEqualTo("render 1");
        for (Future<HttpResponse<String>> f : followers) {
            assertThat(f.get().body()).isNotEqualTo("render 1").startsWith("render ");
        }
        assertThat(renders).hasValue(4);
        assertThat(pages.stats().collapsed()).isZero();
    }
}
