package dev.larder.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.demo.web.DemoClient.Page;
import dev.larder.servlet.PageCache;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page-level caching of the demo over real HTTP: the per-site cache, {@code @CachePage},
 * a page per language, the signed-in page that is never stored, and ETags. Pages get a query
 * string of their own where another test may have stored the same page already (the query is
 * part of the page key).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageCachingTest {
    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("larderPageCache")
    PageCache site;
    DemoClient client;

    @BeforeEach
    void client() {
        client = new DemoClient(port);
    }

    @Test
    void perSitePages_hit() {
        for (String path : new String[] { "/about", "/clock" }) {
            String fresh = path + "?t=" + UUID.randomUUID();
            Page first = client.get(fresh);
            Page second = client.get(fresh);
            assertThat(first.cacheStatus()).as(path).isEqualTo("MISS");
            assertThat(second.cacheStatus()).as(path).isEqualTo("HIT");
            assertThat(second.body()).as(path + ": the stored page, footer and all").isEqualTo(first.body());
            assertThat(second.header("Server-Timing")).as(path).contains("HIT");
        }
    }

    @Test
    void cachePage_secondRequestIsAHit() {
        String path = "/report?t=" + UUID.randomUUID();
        long start = System.nanoTime();
        Page first = client.get(path);
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        Page second = client.get(path);
        assertThat(first.cacheStatus()).isEqualTo("MISS");
        assertThat(firstMillis).as("the report renders slowly").isGreaterThanOrEqualTo(PlainPages.REPORT_MILLIS);
        assertThat(second.cacheStatus()).isEqualTo("HIT");
        assertThat(renderedAt(second)).as("not rendered again").isEqualTo(renderedAt(first));
    }

    @Test
    void acceptLanguage_cachedPerLanguage() {
        String path = "/hello?t=" + UUID.randomUUID();
        Map<String, String> greetings = Map.of("fr-FR,fr;q=0.9", "Bonjour!", "de", "Hallo!", "en-GB", "Hello!");
        greetings.forEach((language, greeting) -> {
            Page first = client.get(path, "Accept-Language", language);
            Page second = client.get(path, "Accept-Language", language);
            assertThat(first.cacheStatus()).as(language + ": rendered once").isEqualTo("MISS");
            assertThat(second.cacheStatus()).as(language).isEqualTo("HIT");
            assertThat(second.body()).as(language).contains(greeting);
            assertThat(first.header("Vary")).containsIgnoringCase("Accept-Language");
        });
        // Each language's page is kept apart: French again is French, from the cache.
        Page french = client.get(path, "Accept-Language", "fr-FR,fr;q=0.9");
        assertThat(french.cacheStatus()).isEqualTo("HIT");
        assertThat(french.body()).contains("Bonjour!").doesNotContain("Hallo!");
    }

    @Test
    void signedInPage_isNeverServedToAnotherUser() {
        DemoClient alice = new DemoClient(port);
        DemoClient bob = new DemoClient(port);
        DemoClient anonymous = new DemoClient(port);
        long storedBefore = site.stats().stored();

        assertThat(alice.post("/signin", Map.of("name", "Alice")).header("Location")).endsWith("/me");
        assertThat(alice.get("/me").body()).contains("Signed in as Alice");
        assertThat(anonymous.get("/me").body()).contains("Not signed in").doesNotContain("Alice");
        bob.post("/signin", Map.of("name", "Bob"));
        for (int i = 0; i < 2; i++) {
            Page a = alice.get("/me");
            Page b = bob.get("/me");
            Page n = anonymous.get("/me");
            assertThat(a.body()).contains("Signed in as Alice").doesNotContain("Bob");
            assertThat(b.body()).contains("Signed in as Bob").doesNotContain("Alice");
            assertThat(n.body()).contains("Not signed in").doesNotContain("Alice").doesNotContain("Bob");
            for (Page p : new Page[] { a, b, n }) {
                assertThat(p.cacheStatus()).as("never from the cache").isNotEqualTo("HIT");
                assertThat(p.header("Cache-Control")).contains("no-store").contains("private");
            }
        }
        assertThat(site.stats().stored()).as("the per-site cache stored no /me page").isEqualTo(storedBefore);
    }

    @Test
    void etag_answers304_untilAnEdit() {
        Page first = client.get("/api/children/9");
        String etag = first.header("ETag");
        assertThat(etag).as("a strong ETag").startsWith("\"");
        assertThat(first.body()).contains("\"name\":\"Ines\"").doesNotContain("entity");

        Page unchanged = client.get("/api/children/9", "If-None-Match", etag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        // RFC 9110 13.1.2: If-None-Match uses the weak comparison, and takes a list.
        assertThat(client.get("/api/children/9", "If-None-Match", "\"other\", W/" + etag).status()).isEqualTo(304);

        client.post("/children/9", Map.of("name", "Inès", "email", "ines@example.org", "mother", "7", "father", "2"));
        Page changed = client.get("/api/children/9", "If-None-Match", etag);
        assertThat(changed.status()).as("the edit changed the ETag").isEqualTo(200);
        assertThat(changed.body()).contains("Inès");
        String newEtag = changed.header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        assertThat(client.get("/api/children/9", "If-None-Match", newEtag).status()).isEqualTo(304);
    }

    @Test
    void badEdits_changeNothing_andSaySo() {
        Page duplicate = client.post("/children/10", Map.of("name", "Jonas", "email", "anna@example.org", "mother", "1",
                "father", "2"));
        assertThat(duplicate.status()).as("another child's email").isEqualTo(409);
        assertThat(client.post("/parents/1/rename", Map.of("name", " ")).status()).isEqualTo(400);
        Page missing = client.get("/children/999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("no child with id 999");
        assertThat(client.get("/api/children/10").body()).contains("jonas@example.org");
        assertThat(duplicate.header("Content-Type")).startsWith("text/plain");
        assertThat(duplicate.body()).isEqualTo("not saved: another child has this email, or a value is too long");
    }

    @Test
    void aTooLongName_isRefused_withoutEchoingTheValueOrTheDatabasesMessage() {
        String script = "<script>alert(1)</script>" + "x".repeat(300);
        Page refused = client.post("/parents/8/rename", Map.of("name", script));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).doesNotContain("<script>").doesNotContainIgnoringCase("parent");
        assertThat(client.get("/parents/8").body()).doesNotContain("alert(1)");
    }

    @Test
    void aFormSentByAnotherSite_isRefused_andChangesNothing() {
        Page fromElsewhere = client.post("/parents/7/rename", Map.of("name", "Hacked"), "Origin", "http://evil.example");
        assertThat(fromElsewhere.status()).isEqualTo(403);
        Page fetchMetadata = client.post("/dashboard/clear/default", Map.of(), "Sec-Fetch-Site", "cross-site");
        assertThat(fetchMetadata.status()).isEqualTo(403);
        assertThat(client.get("/parents/7").body()).doesNotContain("Hacked");
    }

    private static String renderedAt(Page page) {
        int at = page.body().indexOf("class=\"rendered-at\">");
        assertThat(at).as("the report says when it was rendered").isPositive();
        return page.body().substring(at, at + 40);
    }
}
