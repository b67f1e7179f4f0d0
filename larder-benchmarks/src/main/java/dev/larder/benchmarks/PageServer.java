package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Jetty server with the page-load paths side by side:
 * {@code /raw} writes the page's bytes with no Larder in the path; {@code /slow} renders it
 * with about 5 ms of CPU work; {@code /cached/*}, {@code /references/*} and {@code /shared/*}
 * are that same view behind a {@link CacheFilter} over local memory (copying on read, and
 * with {@code store-references}) and over a shared backend. {@code /fill/*} is a fast view
 * behind the local cache, to fill it with many pages.
 */
final class PageServer implements AutoCloseable {
    static final int PAGE_BYTES = 4096;
    static final long WORK_NANOS = 5_000_000;

    private final Server server;
    private final int port;

    PageServer(Cache local, Cache references, Cache shared, Cache near) throws Exception {
        // Threads that end take their allocation counts with them (Allocations): keep them for the run.
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setIdleTimeout((int) Duration.ofHours(1).toMillis());
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        byte[] page = page();
        context.addServlet(new ServletHolder(new PageServlet(page, false)), "/raw");
        context.addServlet(new ServletHolder(new PageServlet(page, true)), "/slow");
        context.addServlet(new ServletHolder(new PageServlet(page, true)), "/cached/*");
        context.addServlet(new ServletHolder(new PageServlet(page, true)), "/shared/*");
        context.addServlet(new ServletHolder(new PageServlet(page, true)), "/references/*");
        context.addServlet(new ServletHolder(new PageServlet(page, true)), "/near/*");
        context.addServlet(new ServletHolder(new PageServlet(page, false)), "/fill/*");
        addCache(context, local, "/cached/*");
        addCache(context, local, "/fill/*");
        addCache(context, references, "/references/*");
        addCache(context, shared, "/shared/*");
        addCache(context, near, "/near/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    private static void addCache(ServletContextHandler context, Cache cache, String path) {
        PageCache pages = PageCache.builder(cache).keyPrefix(path.substring(1, path.indexOf('/', 1))).build();
        context.addFilter(new FilterHolder(new CacheFilter(pages)), path, EnumSet.of(DispatcherType.REQUEST));
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A 4 KiB HTML page. */
    static byte[] page() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Larder</title></head><body>\n");
        for (int i = 0; html.length() < PAGE_BYTES - 20; i++) {
            html.append("<p>Row ").append(i).append(" of the cached page.</p>\n");
        }
        html.setLength(PAGE_BYTES - 15);
        html.append("</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Writes the page, after about 5 ms of CPU (hashing) when {@code slow}: a view that renders. */
    private static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient byte[] page;
        private final boolean slow;

        PageServlet(byte[] page, boolean slow) {
            this.page = page;
            this.slow = slow;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (slow) {
                work();
            }
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "max-age=600");
            resp.setContentLength(page.length);
            resp.getOutputStream().write(page);
        }

        private void work() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long end = System.nanoTime() + WORK_NANOS;
                while (System.nanoTime() < end) {
                    sha.update(page);
                }
                if (sha.digest()[0] == 42 && page.length == 0) {
                    throw new IllegalStateException("unreachable; keeps the digest live");
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
