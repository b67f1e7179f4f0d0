package dev.larder.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.servlet.PageCache;
import dev.larder.servlet.PageCacheStats;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The per-site cache on every path ({@code url-patterns} left at {@code /*}) with Actuator on the
 * same port: Actuator's paths are excluded by default, so a health check is never answered
 * from a stored page, while a page beside it is stored.
 */
@SpringBootTest(classes = PagesApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.page-cache.enabled=true", "larder.page-cache.status-header=X-Larder-Cache",
                "management.endpoints.web.exposure.include=health" })
class PageCacheActuatorExclusionHttpTest {
    @LocalServerPort
    int port;
    @Autowired
    PageCache larderPageCache;

    @Test
    void actuatorHealth_isNeverStoredNorCounted_whileAPageIsStored() {
        Http http = new Http(port);
        PageCacheStats before = larderPageCache.stats();
        HttpResponse<String> first = http.get("/actuator/health");
        HttpResponse<String> second = http.get("/actuator/health");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("\"status\":\"UP\"");
        assertThat(second.headers().firstValue("X-Larder-Cache")).isEmpty();
        assertThat(larderPageCache.stats()).isEqualTo(before);

        http.get("/site/plain");
        HttpResponse<String> page = http.get("/site/plain");
        assertThat(page.headers().firstValue("X-Larder-Cache")).hasValue("HIT");
        assertThat(larderPageCache.stats().stored()).isEqualTo(before.stored() + 1);
    }

    @Test
    void anEncodedOrDoubledSlashActuatorPath_isExcludedToo() {
        Http http = new Http(port);
        PageCacheStats before = larderPageCache.stats();
        http.get("/%61ctuator/health");
        http.get("/actuator;x=1/health");
        assertThat(larderPageCache.stats()).isEqualTo(before);
    }
}
