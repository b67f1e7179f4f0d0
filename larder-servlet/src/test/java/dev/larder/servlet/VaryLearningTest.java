package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The URL's header list only grows, even when a request learns from a stale lookup. Latches:
 * alice's rendering (Vary: Cookie) is held until an anonymous request, which looked the URL
 * up before alice's page existed, is waiting on her; her page does not fit it, so it renders
 * its own (no Vary) and stores it with the lookup it made before alice's list was written.
 */
class VaryLearningTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("vary-learning").build()).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final CountDownLatch aliceRendering = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private WebApp app;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        pool.shutdownNow();
        app.close();
        caches.close();
    }

    @Test
    void anonymousPageLearnedFromAStaleLookup_doesNotShrinkTheList_soAliceStillGetsHerPage() throws Exception {
        PageCache pages = PageCache.builder(caches.defaultCache()).stampedeWait(Duration.ofSeconds(10)).build();
        app = WebApp.builder().filter(new CacheFilter(pages), "/*").view("/*", (req, resp) -> {
            String user = PageCacheContract.cookie(req);
            if (user.equals("alice")) {
                resp.setHeader("Vary", "Cookie");
                aliceRendering.countDown();
                await(release);
            }
            resp.getWriter().write("page for " + user);
        }).start();
        Future<HttpResponse<String>> alice = pool.submit(() -> app.get("/p", "Cookie", "user=alice"));
        assertThat(aliceRendering.await(10, TimeUnit.SECONDS)).isTrue();
        Future<HttpResponse<String>> anonymous = pool.submit(() -> app.get("/p"));
        Waiters.await(pages, 1); // the anonymous request waits on alice's
        release.countDown();
        assertThat(alice.get().body()).isEqualTo("page for alice");
        assertThat(anonymous.get().body()).isEqualTo("page for anonymous");

        HttpResponse<String> aliceAgain = app.get("/p", "Cookie", "user=alice");
        assertThat(aliceAgain.body()).isEqualTo("page for alice");
        assertThat(aliceAgain.headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("HIT");
        assertThat(app.get("/p").body()).isEqualTo("page for anonymous");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
