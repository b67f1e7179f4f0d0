package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Async servlets (Servlet 6 §2.3.3.3) behind the caching filters: the view starts async and a
 * worker thread writes the body only after every filter has returned (a latch counted down
 * by the outermost filter proves the order, no sleeps). What a filter cannot hold back it
 * must pass through whole, and it must never store it.
 */
class AsyncPassThroughTest {
    private static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;
    private static final String RETURNED = "test.filtersReturned";

    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("async-pass-through").build()).build();
    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final AtomicInteger renders = new AtomicInteger();
    private final List<Throwable> workerFailures = new CopyOnWriteArrayList<>();
    private WebApp app;

    @BeforeEach
    void clear() {
        caches.defaultCache().clear();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        worker.shutdownNow();
        caches.close();
    }

    /** Outermost: tells the view's worker that the whole filter chain has returned. */
    private static final class FiltersReturned implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            try {
                chain.doFilter(req, resp);
            } finally {
                if (req.getAttribute(RETURNED) instanceof CountDownLatch latch) {
                    latch.countDown();
                }
            }
        }
    }

    /** How the async view writes its body. */
    private enum Mode {
        /** {@code startAsync()}; everything written to the container's own response after the filters returned. */
        CONTAINER_RESPONSE,
        /** {@code startAsync(req, resp)}; a first part written before returning, the rest through the filters' wrapper. */
        WRAPPED_RESPONSE,
        /** A first part through the writer the view was given, then {@code startAsync()} and the container's writer. */
        WRITER_THEN_CONTAINER_RESPONSE
    }

    private HttpServlet asyncView(Mode mode) {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                int n = renders.incrementAndGet();
                CountDownLatch returned = new CountDownLatch(1);
                req.setAttribute(RETURNED, returned);
                resp.setContentType("text/plain");
                if (mode != Mode.CONTAINER_RESPONSE) {
                    resp.getWriter().write("begun " + n + ", ");
                }
                AsyncContext async = mode == Mode.WRAPPED_RESPONSE ? req.startAsync(req, resp) : req.startAsync();
                worker.execute(() -> finish(async, returned, n));
            }
        };
    }

    private void finish(AsyncContext async, CountDownLatch returned, int n) {
        try {
            boolean after = returned.await(10, TimeUnit.SECONDS);
            async.getResponse().getWriter().write(after ? "render " + n + " written after the filters returned"
                    : "the filters never returned");
        } catch (Throwable e) {
            workerFailures.add(e);
        } finally {
            async.complete();
        }
    }

    private WebApp start(Mode mode, Filter... filters) throws Exception {
        WebApp.Builder b = WebApp.builder().setup(Holders.asyncFilter(new FiltersReturned(), "/*"));
        for (Filter f : filters) {
            b.setup(Holders.asyncFilter(f, "/*"));
        }
        app = b.setup(Holders.asyncServlet(asyncView(mode), "/*")).start();
        return app;
    }

    @Test
    void cacheFilter_asyncViewWritingAfterTheFilterReturned_isSentWhole_andNotStored() throws Exception {
        PageCache pages = PageCache.builder(caches.defaultCache()).build();
        WebApp web = start(Mode.CONTAINER_RESPONSE, new CacheFilter(pages));
        HttpResponse<String> first = web.get("/p");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("render 1 written after the filters returned");
        assertThat(first.headers().firstValue(STATUS)).hasValue("MISS");
        HttpResponse<String> second = web.get("/p");
        assertThat(second.body()).as("the view ran again").isEqualTo("render 2 written after the filters returned");
        assertThat(second.headers().firstValue(STATUS)).hasValue("MISS");
        assertThat(renders).hasValue(2);
        assertThat(pages.stats().stored()).isZero();
        assertThat(workerFailures).isEmpty();
    }

    @Test
    void cacheFilter_asyncViewWritingThroughTheWrappedResponse_isSentWhole_andNotStored() throws Exception {
        PageCache pages = PageCache.builder(caches.defaultCache()).build();
        WebApp web = start(Mode.WRAPPED_RESPONSE, new CacheFilter(pages));
        assertThat(web.get("/p").body()).isEqualTo("begun 1, render 1 written after the filters returned");
        assertThat(web.get("/p").body()).isEqualTo("begun 2, render 2 written after the filters returned");
        assertThat(renders).hasValue(2);
        assertThat(pages.stats().stored()).isZero();
        assertThat(workerFailures).isEmpty();
    }

    @Test
    void twoPhasePair_asyncView_isSentWhole_andNotStored() throws Exception {
        PageCache pages = PageCache.builder(caches.defaultCache()).build();
        WebApp web = start(Mode.WRAPPED_RESPONSE, new UpdateCacheFilter(), new FetchFromCacheFilter(pages));
        assertThat(web.get("/p").body()).isEqualTo("begun 1, render 1 written after the filters returned");
        HttpResponse<String> second = web.get("/p");
        assertThat(second.body()).isEqualTo("begun 2, render 2 written after the filters returned");
        assertThat(second.headers().firstValue(STATUS)).hasValue("MISS");
        assertThat(pages.stats().stored()).isZero();
        assertThat(workerFailures).isEmpty();
    }

    @Test
    void neverCacheFilter_patchesAnAsyncViewsHeaders_beforeItsBodyGoesOut() throws Exception {
        WebApp web = start(Mode.CONTAINER_RESPONSE, new NeverCacheFilter());
        HttpResponse<String> r = web.get("/p");
        assertThat(r.body()).isEqualTo("render 1 written after the filters returned");
        assertThat(r.headers().allValues("Cache-Control"))
                .containsExactly("max-age=0, no-cache, no-store, must-revalidate, private");
        assertThat(workerFailures).isEmpty();
    }

    @Test
    void conditionalGetFilter_asyncView_getsNoETag_andIsSentWhole() throws Exception {
        WebApp web = start(Mode.WRAPPED_RESPONSE, new ConditionalGetFilter());
        HttpResponse<String> r = web.get("/p", "If-None-Match", "*");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("begun 1, render 1 written after the filters returned");
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(workerFailures).isEmpty();
    }

    /**
     * Legal servlet code that works without the filter: the view writes a first part with the
     * writer it was given, starts async without wrappers, and finishes with the container
     * response's writer. Behind a filter that holds the body back, the held part must not put
     * the container response into output-stream mode (Servlet 6 §5.5: getWriter after
     * getOutputStream throws), or the rest of the page is lost.
     */
    @Test
    void cacheFilter_asyncViewUsingItsWriterThenTheContainersWriter_isSentWhole() throws Exception {
        PageCache pages = PageCache.builder(caches.defaultCache()).build();
        WebApp web = start(Mode.WRITER_THEN_CONTAINER_RESPONSE, new CacheFilter(pages));
        assertThat(web.get("/p").body()).isEqualTo("begun 1, render 1 written after the filters returned");
        assertThat(workerFailures).isEmpty();
    }
}
