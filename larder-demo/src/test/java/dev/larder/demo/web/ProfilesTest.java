package dev.larder.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.demo.web.DemoClient.Page;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each profile switches the application without code: started as {@code java -jar} starts it
 * (profiles and properties on the command line), asked for the detail page over HTTP, and
 * stopped. Locmem stores are named apart from the other tests' application, which runs in
 * this JVM too.
 */
class ProfilesTest {
    @Test
    void redisProfile_putsEveryCacheOnRedis_underTheDemosPrefixes_andRemovesThemOnStop() {
        try (RedisServer redis = RedisServer.start()) {
            redis.cli("SET", "someone-else:key", "kept");
            try (ConfigurableApplicationContext app = start("redis", "--LARDER_REDIS_URL=" + redis.uri())) {
                DemoClient client = new DemoClient(port(app));
                assertDetailPageFromTheModelCache(client);
                client.get("/about");
                assertThat(client.get("/about").cacheStatus()).isEqualTo("HIT");

                List<String> keys = Arrays.asList(redis.cli("--scan").split("\\s+"));
                List<String> prefixes = List.of("larder-demo-models:", "larder-demo-pages:", "larder-demo-fragments:",
                        "someone-else:");
                for (String prefix : prefixes) {
                    assertThat(keys).anyMatch(k -> k.startsWith(prefix));
                }
                assertThat(keys).allMatch(k -> prefixes.stream().anyMatch(k::startsWith));
                assertThat(client.get("/dashboard/data").body()).contains("\"backend\":\"redis\"");
            }
            assertThat(redis.cli("--scan")).as("stopped: only the key that was not the demo's").isEqualTo("someone-else:key");
        }
    }

    @Test
    void postgresProfile_createsItsSchemaOnStart_andDropsItOnStop() throws SQLException {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
            try (ConfigurableApplicationContext app = start("postgres", "--LARDER_POSTGRES_URL=" + db.url(),
                    "--larder.caches.default.location=profiles-test-pg-models",
                    "--larder.caches.pages.location=profiles-test-pg-pages",
                    "--larder.caches.template_fragments.location=profiles-test-pg-fragments")) {
                assertDetailPageFromTheModelCache(new DemoClient(port(app)));
                assertThat(tables(db, "larder_demo")).as("the schema, created on start").contains("child", "parent", "family");
                assertThat(tables(db, "public")).as("nothing outside its schema").isEmpty();
            }
            assertThat(tables(db, "larder_demo")).as("dropped on stop: nothing left behind").isEmpty();
            assertThat(schemas(db)).doesNotContain("larder_demo");
        }
    }

    @Test
    void nocacheProfile_readsWithPlainJpa_andCachesNoPage() {
        try (ConfigurableApplicationContext app = start("nocache")) {
            DemoClient client = new DemoClient(port(app));
            Page child = client.get("/children/1");
            assertThat(child.status()).isEqualTo(200);
            assertThat(child.body()).contains("Anna", "Ada Lovelace").contains("model cache off");
            for (String path : List.of("/about", "/report")) {
                client.get(path);
                assertThat(client.get(path).cacheStatus()).as(path + ": no page cache").isEqualTo("none");
            }
            assertThat(client.get("/dashboard/data").body()).contains("\"backend\":\"dummy\"")
                    .contains("\"modelCache\":null").contains("\"pageCaches\":[]");
        }
    }

    private static ConfigurableApplicationContext start(String profile, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        return new SpringApplicationBuilder(DemoApplication.class).profiles(profile).run(all);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static void assertDetailPageFromTheModelCache(DemoClient client) {
        Page first = client.get("/children/1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("Anna", "Ada Lovelace", "William Lovelace");
        Page second = client.get("/children/1");
        assertThat(second.modelHits()).isPositive();
        assertThat(second.modelMisses()).isZero();
    }

    private static List<String> schemas(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(
                "select schema_name from information_schema.schemata order by 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }

    private static List<String> tables(TestDatabase db, String schema) throws SQLException {
        try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(
                "select table_name from information_schema.tables where table_schema = '" + schema + "' order by 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }
}
