package dev.larder.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.demo.web.DemoClient.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An edit, through the forms and over real HTTP, changes every page that showed the old value
 * at once, and nothing else: the other model pages are still answered by the model cache
 * (their footers count hits and no miss), the page-cached pages by the page cache (HIT).
 * Seed ids: see {@link Seed}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EditsInvalidateTest {
    /** A new instance per test: a query string no other test used. */
    private final String fresh = "?test=" + System.nanoTime();
    /** Pages whose content no edit changes, under the per-site cache and @CachePage. */
    private static final List<String> PAGE_CACHED = List.of("/about", "/clock", "/report", "/hello");

    @LocalServerPort
    int port;
    DemoClient client;

    @BeforeEach
    void client() {
        client = new DemoClient(port);
    }

    @Test
    void edit_invalidatesEveryPageThatShowedTheOldName_andNothingElse() {
        // Marie Curie (parent 4, family 2) is the mother of children 3, 8, 13 and 18.
        List<String> showing = List.of("/children", "/children/3", "/children/8", "/children/13", "/children/18",
                "/parents/4", "/families/2", "/api/children/3");
        List<String> notShowing = List.of("/", "/children/1", "/children/2", "/children/4", "/parents/1", "/parents/5",
                "/families/1", "/families/3");
        warm(showing, notShowing);

        Page renamed = client.post("/parents/4/rename", Map.of("name", "Marie Sklodowska-Curie"));
        assertThat(renamed.status()).as("Post/Redirect/Get").isBetween(302, 303);
        assertThat(renamed.header("Location")).endsWith("/parents/4?done=renamed");
        // Russian dolls: the table and her 4 rows are rendered again, the 16 other rows served.
        assertThat(client.get("/children").fragments()).isEqualTo("16 hits, 5 misses");
        assertThat(client.get("/children/3").fragments()).as("her card again, the father's served")
                .isEqualTo("1 hit, 1 miss");

        assertShowNew(showing, "Marie Sklodowska-Curie", "Marie Curie");
        assertStillCached(notShowing);
    }

    @Test
    void childEdit_invalidatesEveryPageThatShowedTheChild_andNothingElse() {
        // Felix (child 6): mother Ada (1), father Vincent (8).
        List<String> showing = List.of("/children", "/children/6", "/parents/1", "/parents/8", "/api/children/6");
        List<String> notShowing = List.of("/", "/children/1", "/children/7", "/parents/2", "/parents/4", "/families/1",
                "/families/2", "/families/3");
        warm(showing, notShowing);

        Page saved = client.post("/children/6", Map.of("name", "Felicity", "email", "felicity@example.org",
                "mother", "1", "father", "8"));
        assertThat(saved.status()).isBetween(302, 303);
        assertThat(client.get("/children").fragments()).as("the table and Felix's row rendered again")
                .isEqualTo("19 hits, 2 misses");

        assertShowNew(showing, "Felicity", "Felix");
        assertThat(client.get("/children/6").body()).contains("felicity@example.org").doesNotContain("felix@");
        assertStillCached(notShowing);
    }

    @Test
    void bulkUpdate_withNoCallToLarder_invalidatesEveryPageThatShowedTheOldNames() {
        // The Hoppers (family 3): Grace (7), mother of child 5; Vincent (8), father of child 3.
        List<String> showing = List.of("/families/3", "/parents/7", "/parents/8", "/children", "/children/5",
                "/children/3", "/api/children/5");
        warm(showing, List.of("/"));

        Page bulk = client.post("/bulk/uppercase-family/3", Map.of());
        assertThat(bulk.header("Location")).endsWith("/families/3?done=bulk&rows=2");

        assertShowNew(List.of("/families/3", "/parents/7", "/children", "/children/5", "/api/children/5"), "GRACE HOPPER",
                "Grace Hopper");
        assertShowNew(List.of("/families/3", "/parents/8", "/children", "/children/3"), "VINCENT HOPPER", "Vincent Hopper");
        // A bulk statement names no rows: every cached entry embedding a Parent is re-read, but
        // nothing that shows no parent, and no other family's names changed.
        assertStillCached(List.of("/"));
        assertThat(client.get("/families/1").body()).contains("Ada Lovelace");
    }

    @Test
    void editForm_offersEveryParent_andSavesThroughPostRedirectGet() {
        Page form = client.get("/children/11/edit");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/children/11\"").contains("Ada Lovelace", "Pierre Curie", "Irene Curie");
        Page saved = client.post("/children/11", Map.of("name", "Klara", "email", "klara@example.org", "mother", "6",
                "father", "5"));
        assertThat(saved.header("Location")).endsWith("/children/11?done=saved");
        assertThat(client.get("/children/11?done=saved").body()).contains("Saved.").contains("Irene Curie");
    }

    /**
     * The page-cached pages under a query string of this test's own: stored by its warm-up, not
     * by an earlier test of the shared application whose 30 s could run out before the assertion.
     */
    private List<String> pageCached() {
        return PAGE_CACHED.stream().map(path -> path + fresh).toList();
    }

    /** Two requests each, so every entry and page is stored, then the page caches' pages once more. */
    private void warm(List<String> showing, List<String> notShowing) {
        for (List<String> paths : List.of(showing, notShowing, pageCached())) {
            for (String path : paths) {
                assertThat(client.get(path).status()).as(path).isEqualTo(200);
                assertThat(client.get(path).status()).as(path).isEqualTo(200);
            }
        }
    }

    private void assertShowNew(List<String> paths, String now, String before) {
        for (String path : paths) {
            Page page = client.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path + " shows the new value").contains(now).doesNotContain(before);
        }
    }

    private void assertStillCached(List<String> modelPages) {
        for (String path : modelPages) {
            Page page = client.get(path);
            assertThat(page.modelMisses()).as(path + ": no model-cache miss").isZero();
            assertThat(page.modelHits()).as(path + ": read from the model cache").isPositive();
            assertThat(page.fragments()).as(path + ": no cached fragment rendered again").endsWith(", 0 misses");
        }
        for (String path : pageCached()) {
            assertThat(client.get(path).cacheStatus()).as(path + " still served by the page cache").isEqualTo("HIT");
        }
    }
}
