package dev.larder.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import dev.larder.spring.boot.PageCacheCustomizer;
import dev.larder.testing.FakeClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@link CachePage}'s stale windows (RFC 5861) through a real Tomcat and a real HTTP client;
 * the page caches' clock is a {@link FakeClock}, moved by hand.
 */
@SpringBootTest(classes = StalePagesHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.page-cache.status-header=X-Larder-Cache", "larder.page-cache.stale-if-error=120" })
class StalePagesHttpTest {
    static final FakeClock CLOCK = new FakeClock(Instant.ofEpochSecond(1468749600));
    static final AtomicBoolean FAILING = new AtomicBoolean();

    @LocalServerPort
    int port;
    @Autowired
    Calls calls;
    @Autowired
    CacheRegistry registry;
    @Autowired
    FilterRegistrationBean<LarderHandlerFilter> larderCachePageFilter;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    Http http;

    @BeforeEach
    void fresh() {
        http = new Http(port);
        calls.reset();
        FAILING.set(false);
        registry.aliases().forEach(alias -> registry.cache(alias).clear());
    }

    private static String status(HttpResponse<?> r) {
        return r.headers().firstValue("X-Larder-Cache").orElse(null);
    }

    @Test
    void staleIfError_fromTheAnnotation_answersAFailingHandlerWithTheStalePage() {
        http.get("/stale/news");
        double staleBefore = staleCount();
        CLOCK.advanceSeconds(300);
        FAILING.set(true);
        HttpResponse<String> r = http.get("/stale/news");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("news 1");
        assertThat(status(r)).isEqualTo("STALE");
        assertThat(r.headers().firstValue("Age")).hasValue("300");
        assertThat(calls.of("stale/news")).isEqualTo(2);
        assertThat(staleCount() - staleBefore).isEqualTo(1);
    }

    private double staleCount() {
        return meters.get("larder.page.stale").tag("page-cache", "view:60s,swr=30s,sie=600s").functionCounter().count();
    }

    @Test
    void staleIfError_aThrowingHandler_isAnsweredWithTheStalePage() {
        http.get("/stale/throws");
        CLOCK.advanceSeconds(100);
        FAILING.set(true);
        HttpResponse<String> r = http.get("/stale/throws");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("throws 1");
        assertThat(status(r)).isEqualTo("STALE");
    }

    @Test
    void staleWhileRevalidate_fromTheAnnotation_rendersAgain_andTheNextRequestIsAHit() {
        http.get("/stale/news");
        CLOCK.advanceSeconds(70);
        HttpResponse<String> refresh = http.get("/stale/news");
        assertThat(refresh.body()).isEqualTo("news 2");
        HttpResponse<String> hit = http.get("/stale/news");
        assertThat(hit.body()).isEqualTo("news 2");
        assertThat(status(hit)).isEqualTo("HIT");
    }

    @Test
    void pastTheAnnotationsWindow_theFailureIsAnswered() {
        http.get("/stale/news");
        CLOCK.advanceSeconds(60 + 600 + 1);
        FAILING.set(true);
        assertThat(http.get("/stale/news").statusCode()).isEqualTo(503);
    }

    @Test
    void theProperty_isTheDefaultOfAnAnnotationThatNamesNoWindow() {
        // larder.page-cache.stale-if-error=120: stale at 100 s past freshness, not at 130 s.
        http.get("/stale/throws");
        CLOCK.advanceSeconds(60 + 100);
        FAILING.set(true);
        assertThat(status(http.get("/stale/throws"))).isEqualTo("STALE");
        CLOCK.advanceSeconds(30);
        assertThat(http.get("/stale/throws").statusCode()).isEqualTo(500);
    }

    @Test
    void eachConfiguration_isNamedWithItsWindows() {
        larderCachePageFilter.getFilter().prepare();
        assertThat(larderCachePageFilter.getFilter().namedPageCaches()).extracting(NamedPageCache::name)
                .contains("view:60s,swr=30s,sie=600s", "view:60s");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
    @Import(StaleController.class)
    static class App {
        @Bean
        Calls calls() {
            return new Calls();
        }

        @Bean
        PageCacheCustomizer fakeClock() {
            return builder -> builder.clock(CLOCK);
        }
    }

    @RestController
    static class StaleController {
        private final Calls calls;

        StaleController(Calls calls) {
            this.calls = calls;
        }

        @CachePage(timeout = "60", staleWhileRevalidate = "30", staleIfError = "10m")
        @GetMapping("/stale/news")
        String news() {
            int n = calls.count("stale/news");
            if (FAILING.get()) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the feed is down");
            }
            return "news " + n;
        }

        @CachePage("60")
        @GetMapping("/stale/throws")
        String throwing() {
            int n = calls.count("stale/throws");
            if (FAILING.get()) {
                throw new IllegalStateException("the database is down");
            }
            return "throws " + n;
        }
    }
}
