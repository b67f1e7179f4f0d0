package dev.larder.resilience;

import static dev.larder.resilience.Stores.config;
import static dev.larder.resilience.Stores.openBreaker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import dev.larder.testkit.servers.RedisServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The page cache fails open through the breaker: a frozen Redis costs a page no command timeout. */
class PageCacheBreakerTest {

    @Test
    void frozenRedis_withTheBreakerOpen_pagesAreRenderedWithoutWaitingForIt() throws Exception {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "command-timeout", "1s", "circuit-breaker.minimum-calls", "2")).build()) {
            PageCache pages = PageCache.builder(caches.defaultCache()).build();
            Server jetty = start(new CacheFilter(pages));
            HttpClient client = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
            redis.freeze();
            try {
                assertThat(get(client, base.resolve("/warm")).statusCode()).isEqualTo(200);
                openBreaker(caches.defaultCache(), 2);
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> r = get(client, base.resolve("/page"));
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("request " + i)
                            .isLessThan(Duration.ofMillis(200));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("rendered /page");
                    assertThat(r.headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("BYPASS");
                }
                assertThat(pages.stats().errors()).isGreaterThanOrEqualTo(20);
            } finally {
                redis.thaw();
                jetty.stop();
            }
        }
    }

    private static Server start(CacheFilter filter) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("rendered " + req.getRequestURI());
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
