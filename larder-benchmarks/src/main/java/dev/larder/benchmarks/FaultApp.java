package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheException;
import dev.larder.Timeout;
import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The application the fault runner loads and breaks: embedded Jetty with cheap views (a few
 * KB built in microseconds, so that the cache's own cost shows). {@code /page/*} is a page
 * under the per-site page cache on the shared page cache's store (stale pages served for
 * {@link #STALE_WHILE_REVALIDATE} while one request renders again, {@link #STALE_IF_ERROR} when
 * rendering fails); {@code /api/<backend>/*}
 * answers a JSON document through {@code cache.getOrSet} on that backend's cache. Under
 * {@code /off/} the same views answer with no cache in the path: the baseline.
 *
 * <p>The API view does what an application calling the direct API must do, since
 * {@code getOrSet} surfaces a backend's failure ({@link CacheException}): it answers from the
 * loader and counts the fallback ({@link #fallbacks}). Its {@code X-Larder-Cache} header says
 * {@code HIT} (the loader did not run: a fresh entry, or a stale one served under the
 * cache's stale windows), {@code MISS} or {@code FALLBACK}.
 */
final class FaultApp implements AutoCloseable {
    static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;
    /** Pages under {@code /page/u...} live this long, so that the load's one-off pages do not pile up in the store. */
    static final int SHORT_MAX_AGE = 5;
    static final int MAX_AGE = 60;
    static final Duration STALE_WHILE_REVALIDATE = Duration.ofSeconds(30);
    static final Duration STALE_IF_ERROR = Duration.ofMinutes(5);

    private final Server server;
    private final int port;
    private final PageCache pages;
    private final LongAdder fallbacks = new LongAdder();

    /** {@code apis}: the cache each {@code /api/<name>/*} answers through. */
    FaultApp(Cache pageStore, Map<String, Cache> apis) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        pages = PageCache.builder(pageStore).keyPrefix("faults").staleWhileRevalidate(STALE_WHILE_REVALIDATE)
                .staleIfError(STALE_IF_ERROR).build();
        context.addServlet(new ServletHolder(new PageView()), "/page/*");
        context.addServlet(new ServletHolder(new PageView()), "/off/page/*");
        context.addFilter(new FilterHolder(new CacheFilter(pages)), "/page/*", EnumSet.of(DispatcherType.REQUEST));
        apis.forEach((name, cache) -> {
            context.addServlet(new ServletHolder(new ApiView(cache, fallbacks)), "/api/" + name + "/*");
            context.addServlet(new ServletHolder(new ApiView(null, fallbacks)), "/off/api/" + name + "/*");
        });
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String base() {
        return url("");
    }

    PageCache pages() {
        return pages;
    }

    /** API answers served from the loader because the cache threw. */
    long fallbacks() {
        return fallbacks.sum();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** A document of about 3 KB made from its path: a view that costs microseconds. */
    static byte[] body(String path, String open, String row, String close) {
        StringBuilder text = new StringBuilder(3200).append(open);
        for (int i = 0; i < 40; i++) {
            text.append(row.formatted(path, i));
        }
        return text.append(close).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final class PageView extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
            byte[] page = body(path, "<!doctype html><html><body>\n", "<p>%s: row %d of a page.</p>\n", "</body></html>\n");
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "max-age=" + (path.startsWith("/u") ? SHORT_MAX_AGE : MAX_AGE));
            resp.setContentLength(page.length);
            resp.getOutputStream().write(page);
        }
    }

    /** {@code cache.getOrSet(path, render)}; with no cache, {@code render()}. */
    private static final class ApiView extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final Timeout TIMEOUT = Timeout.ofSeconds(MAX_AGE);
        private final transient Cache cache;
        private final transient LongAdder fallbacks;

        ApiView(Cache cache, LongAdder fallbacks) {
            this.cache = cache;
            this.fallbacks = fallbacks;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String key = req.getPathInfo() == null ? "/" : req.getPathInfo();
            boolean[] loaded = {false};
            byte[] json;
            String status;
            if (cache == null) {
                json = render(key);
                status = "OFF";
            } else {
                try {
                    json = cache.getOrSet(key, () -> {
                        loaded[0] = true;
                        return render(key);
                    }, key.startsWith("/u") ? Timeout.ofSeconds(SHORT_MAX_AGE) : TIMEOUT);
                    status = loaded[0] ? "MISS" : "HIT";
                } catch (CacheException e) {
                    fallbacks.increment();
                    json = render(key);
                    status = "FALLBACK";
                }
            }
            resp.setContentType("application/json");
            resp.setHeader(STATUS, status);
            resp.setContentLength(json.length);
            resp.getOutputStream().write(json);
        }

        private static byte[] render(String key) {
            return body(key, "{\"rows\":[\n", "{\"key\":\"%s\",\"row\":%d,\"text\":\"a row of the document\"},\n",
                    "{}]}\n");
        }
    }
}
