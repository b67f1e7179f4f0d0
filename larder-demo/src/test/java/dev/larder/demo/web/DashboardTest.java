package dev.larder.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.demo.web.DemoClient.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /dashboard/data} and the dashboard's clear button, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    DemoClient client;

    @BeforeEach
    void client() {
        client = new DemoClient(port);
    }

    @Test
    void dashboardData_hasEverySection() {
        client.get("/children/1");
        client.get("/children/1");
        client.get("/me");
        client.post("/parents/3/rename", java.util.Map.of("name", "Annabella Milbanke"));

        JsonNode data = data();
        assertThat(data.get("time").asLong()).isPositive();
        assertThat(aliases(data)).contains("default", "pages");
        JsonNode models = cache(data, "default");
        assertThat(models.get("backend").asString()).isEqualTo("locmem");
        assertThat(models.get("entries").asLong()).as("locmem reports its entries").isPositive();
        for (String field : new String[] { "hits", "misses", "sets", "evictions", "errors", "hitRate" }) {
            assertThat(models.has(field)).as(field).isTrue();
        }
        JsonNode pages = data.get("pageCaches");
        assertThat(pages.findValuesAsString("name")).contains("site", "view:60s", "view:600s");
        JsonNode siteCache = pageCache(data, "site");
        assertThat(siteCache.get("refused").asLong()).as("/me was refused").isPositive();
        assertThat(siteCache.get("refusals").propertyNames()).as("refusals by reason").isNotEmpty();

        JsonNode model = data.get("modelCache");
        assertThat(model.get("hits").asLong()).isPositive();
        assertThat(model.has("refusedFills")).isTrue();
        JsonNode latest = model.get("recentInvalidations").get(0);
        assertThat(latest.get("cause").asString()).contains("Parent");
        assertThat(latest.get("stamps").get(0).asString()).contains("Parent");
        assertThat(data.get("failOpen").get("model cache").asLong()).isZero();
        assertThat(data.get("failOpen").has("page cache site")).isTrue();
    }

    @Test
    void clear_emptiesTheCache() {
        client.get("/children/2");
        client.get("/children/2");
        assertThat(cache(data(), "default").get("entries").asLong()).isPositive();

        Page cleared = client.post("/dashboard/clear/default", java.util.Map.of());
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cache(data(), "default").get("entries").asLong()).isZero();
        assertThat(client.get("/children/2").modelMisses()).as("read again from the database").isPositive();
        assertThat(client.post("/dashboard/clear/nope", java.util.Map.of()).status()).isEqualTo(404);
    }

    private JsonNode data() {
        Page page = client.get("/dashboard/data");
        assertThat(page.status()).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    private static java.util.List<String> aliases(JsonNode data) {
        return data.get("caches").findValuesAsString("alias");
    }

    private static JsonNode cache(JsonNode data, String alias) {
        for (JsonNode c : data.get("caches")) {
            if (c.get("alias").asString().equals(alias)) {
                return c;
            }
        }
        throw new AssertionError("no cache " + alias + " in " + data);
    }

    private static JsonNode pageCache(JsonNode data, String name) {
        for (JsonNode p : data.get("pageCaches")) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no page cache " + name + " in " + data);
    }
}
