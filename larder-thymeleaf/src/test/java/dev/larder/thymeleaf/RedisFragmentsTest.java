package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testing.LogCapture;
import dev.larder.testkit.servers.RedisServer;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Fragments on a real redis-server: shared between nodes, and a dead server never fails a page. */
class RedisFragmentsTest {
    private static final String PAGE = "<nav larder:cache=\"300\" larder:cache-name=\"nav\" larder:vary-on=\"${user}\""
            + " th:text=\"${user + renders.mark('nav')}\"></nav><footer th:text=\"${#larderFragments}\"></footer>";

    private static CacheRegistry redis(RedisServer server) {
        return CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                .location(server.uri()).option("command-timeout", "300ms").build()).build();
    }

    @Test
    void twoNodes_shareTheirFragments() {
        try (RedisServer server = RedisServer.start(); CacheRegistry one = redis(server); CacheRegistry two = redis(server)) {
            Pages nodeOne = new Pages(new LarderDialect(one));
            Pages nodeTwo = new Pages(new LarderDialect(two));
            assertThat(nodeOne.render(PAGE, "user", "ann")).isEqualTo("<nav>ann1</nav><footer>0 hits, 1 miss</footer>");
            assertThat(nodeTwo.render(PAGE, "user", "ann")).isEqualTo("<nav>ann1</nav><footer>1 hit, 0 misses</footer>");
            assertThat(nodeTwo.renders.of("nav")).isZero();
        }
    }

    /**
     * Fragments in local memory, the model cache's stamps on a dead server: nothing that
     * depends on a stamp can be checked, so nothing around it is stored either (a stored outer
     * fragment would keep showing the card after its parent changed).
     */
    @Test
    void deadStampServer_rendersEveryPage_andStoresNeitherTheCardNorWhatEnclosesIt() {
        try (RedisServer server = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder()
                     .cache("default", CacheConfig.builder().backend("locmem").location("redis-fragments-stamps").build())
                     .cache("models", CacheConfig.builder().backend("redis").location(server.uri())
                             .option("command-timeout", "300ms").build()).build();
             Orm orm = new Orm(caches, "models")) {
            Pages pages = new Pages(new LarderDialect(caches, orm.models.stamps()));
            orm.seed("Ann");
            String page = "<div larder:cache=\"300\" larder:cache-name=\"outer\"><p larder:cache=\"300\" larder:depends-on=\"${p}\""
                    + " th:text=\"${p.name + renders.mark('card')}\"></p></div>";
            server.kill();
            for (int i = 1; i <= 3; i++) {
                assertThat(pages.render(page, "p", orm.parents().get(0))).isEqualTo("<div><p>Ann" + i + "</p></div>");
            }
        }
    }

    @Test
    void deadServer_rendersEveryPage_andLogsTheIncidentOnce() {
        try (LogCapture log = LogCapture.of("dev.larder.thymeleaf", Level.WARNING);
             RedisServer server = RedisServer.start(); CacheRegistry caches = redis(server)) {
            Pages pages = new Pages(new LarderDialect(caches));
            pages.render(PAGE, "user", "ann");
            server.kill();
            for (int i = 2; i <= 4; i++) {
                assertThat(pages.render(PAGE, "user", "ann")).isEqualTo("<nav>ann" + i + "</nav><footer>0 hits, 1 miss</footer>");
            }
            List<String> warnings = log.messages();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("fragment cache on 'default'", "get of template.cache.nav.");
        }
    }
}
