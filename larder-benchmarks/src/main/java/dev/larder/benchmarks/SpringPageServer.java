package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.servlet.PageCache;
import dev.larder.spring.web.CachePage;
import dev.larder.spring.web.ConvertedBodyFilter;
import dev.larder.spring.web.LarderHandlerFilter;
import jakarta.servlet.DispatcherType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * One Jetty server running a Spring MVC application whose controller renders the page of
 * {@link PageServer} with the same 5 ms of CPU: {@code /uncached} calls it every time,
 * {@code /cached} is the same method under {@link CachePage}, served by Larder's filter before
 * the {@code DispatcherServlet}, as the Spring Boot starter registers it.
 */
final class SpringPageServer implements AutoCloseable {
    private final Server server;
    private final int port;

    SpringPageServer(Cache cache) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(Mvc.class);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder dispatcher = new ServletHolder(new DispatcherServlet(spring));
        dispatcher.setInitOrder(1);
        context.addServlet(dispatcher, "/");
        LarderHandlerFilter pages = LarderHandlerFilter.pageCaching(() -> spring.getBean(HandlerMappingIntrospector.class),
                (alias, timeout, prefix) -> PageCache.builder(cache).pageTimeout(timeout).keyPrefix(prefix).build());
        context.addFilter(new FilterHolder(pages), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new ConvertedBodyFilter(() -> spring.getBean(HandlerMappingIntrospector.class),
                () -> true)), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {
        @Bean
        Pages pages() {
            return new Pages();
        }
    }

    @RestController
    static class Pages {
        private static final String PAGE = new String(PageServer.page(), java.nio.charset.StandardCharsets.UTF_8);

        @CachePage("10m")
        @GetMapping("/cached")
        ResponseEntity<String> cached() {
            return render();
        }

        @GetMapping("/uncached")
        ResponseEntity<String> uncached() {
            return render();
        }

        private static ResponseEntity<String> render() {
            work();
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "max-age=600").body(PAGE);
        }

        /** About 5 ms of CPU, as {@link PageServer}'s rendering view spends. */
        private static void work() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] bytes = PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                long end = System.nanoTime() + PageServer.WORK_NANOS;
                while (System.nanoTime() < end) {
                    sha.update(bytes);
                }
                if (sha.digest()[0] == 42 && bytes.length == 0) {
                    throw new IllegalStateException("unreachable; keeps the digest live");
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
