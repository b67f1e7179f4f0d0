package dev.larder.demo;

import dev.larder.Cache;
import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The page cache in one screen: an embedded Jetty server whose pages take a slow computation
 * to render, behind Larder's {@link CacheFilter}, asked by a real HTTP client. A repeat is
 * served from the cache; a page that varies on the cookie is kept per user; a page that sets
 * a cookie is never stored.
 */
final class PageDemo {
    /** What the run saw. */
    record Result(double missMillis, double hitMillis, String hitStatus, String age, String alice, String bob,
            String cookieStatuses, int renders) {
    }

    private PageDemo() {
    }

    static Result run(Cache cache, PrintStream out) throws Exception {
        AtomicInteger renders = new AtomicInteger();
        Server server = start(cache, renders);
        try {
            String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpClient client = HttpClient.newHttpClient();
            long t0 = System.nanoTime();
            get(client, base + "/report");
            double miss = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            HttpResponse<String> hit = get(client, base + "/report");
            double hitMillis = (System.nanoTime() - t0) / 1e6;
            out.printf("5. page cache (CacheFilter on an embedded Jetty): GET /report%n");
            out.printf(Locale.ROOT, "   first request, rendered: %8.1f ms  (X-Larder-Cache: MISS)%n", miss);
            out.printf(Locale.ROOT, "   second, from the cache:  %8.1f ms  (X-Larder-Cache: %s, Age: %s)%n%n",
                    hitMillis, status(hit), hit.headers().firstValue("Age").orElse("-"));

            String alice = get(client, base + "/me", "Cookie", "user=alice").body();
            String bob = get(client, base + "/me", "Cookie", "user=bob").body();
            String aliceAgain = get(client, base + "/me", "Cookie", "user=alice").body();
            out.printf("6. a page with Vary: Cookie: alice gets \"%s\", bob gets \"%s\", alice again \"%s\"%n%n",
                    alice, bob, aliceAgain);

            String cookies = status(get(client, base + "/login")) + ", " + status(get(client, base + "/login"));
            out.printf("7. a page that sets a cookie is never stored: %s%n%n", cookies);
            return new Result(miss, hitMillis, status(hit), hit.headers().firstValue("Age").orElse(null), alice, bob,
                    cookies, renders.get());
        } finally {
            server.stop();
        }
    }

    private static Server start(Cache cache, AtomicInteger renders) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Pages(renders)), "/*");
        PageCache pages = PageCache.builder(cache).keyPrefix("pages").build();
        context.addFilter(new FilterHolder(new CacheFilter(pages)), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        return server;
    }

    private static String status(HttpResponse<?> response) {
        return response.headers().firstValue(PageCache.DEFAULT_STATUS_HEADER).orElse("-");
    }

    private static HttpResponse<String> get(HttpClient client, String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The application's views: a slow report, a per-user page and a login page that sets a cookie. */
    private static final class Pages extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient AtomicInteger renders;

        Pages(AtomicInteger renders) {
            this.renders = renders;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            renders.incrementAndGet();
            resp.setContentType("text/plain;charset=utf-8");
            switch (req.getRequestURI()) {
                case "/report" -> resp.getWriter().write("primes below 2,000,000: " + QuickStart.countPrimes(2_000_000));
                case "/me" -> {
                    resp.setHeader("Vary", "Cookie");
                    resp.getWriter().write("hello " + user(req));
                }
                case "/login" -> {
                    resp.addCookie(new Cookie("session", "s-" + renders.get()));
                    resp.getWriter().write("welcome");
                }
                default -> resp.sendError(404);
            }
        }

        private static String user(HttpServletRequest req) {
            if (req.getCookies() != null) {
                for (Cookie c : req.getCookies()) {
                    if (c.getName().equals("user")) {
                        return c.getValue();
                    }
                }
            }
            return "stranger";
        }
    }
}
