package dev.larder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.support.Secrets;
import dev.larder.testing.LogCapture;
import dev.larder.testkit.LeakCheck;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The larder command, run in this JVM with its output captured. */
@ExtendWith(LarderServers.class)
class LarderTest {
    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    private Run larder(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Larder.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run larder(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return larder(all.toArray(String[]::new));
    }

    private Path config(String... lines) throws IOException {
        return Files.write(dir.resolve("larder.properties"), List.of(lines), StandardCharsets.UTF_8);
    }

    private String h2() {
        return "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=0";
    }

    @Test
    void createcachetable_makesEveryJdbcTable_once() throws Exception {
        Path config = config(
                "larder.caches.default.backend=locmem",
                "larder.caches.db.backend=jdbc",
                "larder.caches.db.location=cache table",
                "larder.caches.db.options.url=" + h2());
        Run first = larder(config, "createcachetable");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Cache table 'cache table' created.");
        Run again = larder(config, "createcachetable");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Cache table 'cache table' already exists.");
        try (Connection c = DriverManager.getConnection(h2());
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"cache table\"")) {
            assertThat(rs.next()).isTrue();
        }
        Run set = larder(config, "set", "-c", "db", "greeting", "hello");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(larder(config, "get", "-c", "db", "greeting").out().trim()).isEqualTo("hello");
    }

    @Test
    void createcachetable_dryRun_printsTheSql_andCreatesNothing() throws Exception {
        Path config = config("larder.caches.default.backend=jdbc", "larder.caches.default.location=t",
                "larder.caches.default.options.url=jdbc:postgresql://127.0.0.1:1/nowhere");
        Run run = larder(config, "createcachetable", "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("CREATE TABLE IF NOT EXISTS \"t\" (\"cache_key\" VARCHAR(255) NOT NULL PRIMARY KEY,"
                + " \"value\" BYTEA NOT NULL, \"expires\" BIGINT NOT NULL);")
                .contains("CREATE INDEX IF NOT EXISTS \"t_expires\" ON \"t\" (\"expires\", \"cache_key\");");
    }

    @Test
    void createcachetable_withoutJdbcCaches_saysSo_andANonJdbcAliasIsAnError() throws Exception {
        Path config = config("larder.caches.default.backend=locmem");
        assertThat(larder(config, "createcachetable").out()).contains("No cache uses the jdbc backend");
        Run wrong = larder(config, "createcachetable", "default");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().trim())
                .isEqualTo("larder: cache 'default' does not use the jdbc backend; jdbc caches: [] (see larder --help)");
    }

    @Test
    void getSetDeleteClear_onAFileCache() throws Exception {
        Path config = config("larder.caches.default.backend=file", "larder.caches.default.location=" + dir.resolve("files"));
        assertThat(larder(config, "set", "a", "apple").exit()).isZero();
        assertThat(larder(config, "set", "n", "41", "--long", "--timeout", "1h").exit()).isZero();
        assertThat(larder(config, "get", "a").out()).isEqualTo("apple\n");
        assertThat(larder(config, "get", "n").out()).isEqualTo("41\n");
        Run missing = larder(config, "get", "nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("larder: no value for key 'nope' in cache 'default'\n");
        assertThat(larder(config, "delete", "a").exit()).isZero();
        assertThat(larder(config, "delete", "a").exit()).isEqualTo(1);
        assertThat(larder(config, "clear").out()).contains("cleared cache 'default'");
        assertThat(larder(config, "get", "n").exit()).isEqualTo(1);
        Run stats = larder(config, "stats");
        assertThat(stats.out()).contains("files: 0").contains("atomic add: true");
    }

    @Test
    void check_reportsEveryCache_andFailsIfOneFails(RedisServer redis) throws Exception {
        Path config = config(
                "larder.caches.default.backend=locmem",
                "larder.caches.shared.backend=redis",
                "larder.caches.shared.location=" + redis.uri(),
                "larder.caches.broken.backend=redis",
                "larder.caches.broken.location=redis://127.0.0.1:1",
                "larder.caches.broken.options.connect-timeout=500ms");
        Run run = larder(config, "check");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("ok    default: ").contains("ok    shared: Cache[shared")
                .contains("FAIL  broken: larder.caches.broken.location='redis://127.0.0.1:1': cannot connect")
                .contains("2 of 3 caches ok");
        assertThat(larder(config, "check", "default", "shared").exit()).isZero();
        Run stats = larder(config, "stats", "-c", "shared");
        assertThat(stats.out()).contains("keys in database").contains("keyspace_hits");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void passwordsInLocationsAndUrls_areNeverPrinted(String password) throws Exception {
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("larder.caches.default.backend", "locmem");
        settings.setProperty("larder.caches.redis.backend", "redis");
        settings.setProperty("larder.caches.redis.location", "redis://:" + password + "@127.0.0.1:1");
        settings.setProperty("larder.caches.redis.options.connect-timeout", "500ms");
        settings.setProperty("larder.caches.db.backend", "jdbc");
        settings.setProperty("larder.caches.db.options.url", "jdbc:postgresql://postgres:" + password + "@127.0.0.1:5432/postgres");
        settings.setProperty("larder.caches.db.options.connect-timeout", "250ms");
        Path config = dir.resolve("secret.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            settings.store(out, null);
        }
        Run check = larder(config, "check");
        Run create = larder(config, "createcachetable");
        Run verbose = larder(config, "-v", "check");
        assertThat(verbose.err()).as("-v prints the clients' log lines").contains("larder: info: ");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(create.exit()).isEqualTo(1);
        assertThat(check.out()).contains("FAIL  redis: larder.caches.redis.location='redis://:***@127.0.0.1:1'")
                .contains("FAIL  db: ");
        assertThat(create.err()).contains("jdbc:postgresql://postgres:***@127.0.0.1:5432/postgres");
        LeakCheck.assertHidden(password, check.out() + check.err() + create.out() + create.err() + verbose.out()
                + verbose.err());
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void logLines_hideTheConfiguredPasswords(String password) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliLogging logging = CliLogging.install(true, new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String url = "redis://:" + password + "@127.0.0.1:1";
            String jdbc = "jdbc:postgresql://postgres:" + password + "@127.0.0.1/db";
            Logger client = Logger.getLogger("io.lettuce.core.test");
            // As the command does once it has read the configuration, before any client starts.
            logging.hide(Secrets.in(url, jdbc).and("opt" + password));
            client.warning("cannot reach " + jdbc);
            client.warning("connecting to " + url);
            client.warning(() -> "AUTH failed for " + password + " and opt" + password);
        } finally {
            logging.finish(true);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(3).allMatch(l -> l.startsWith("larder: warning: io.lettuce.core.test: "));
        assertThat(printed).contains("jdbc:postgresql://postgres:***@127.0.0.1/db", "redis://:***@127.0.0.1:1");
        LeakCheck.assertHidden(password, printed);
    }

    @Test
    void errors_areOneLine_neverAStackTrace() throws Exception {
        Path config = config("larder.caches.default.backend=nosuch");
        Run bad = larder(config, "get", "k");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err().lines()).hasSize(1);
        assertThat(bad.err()).startsWith("larder: larder.caches.default.backend='nosuch' is not a known backend")
                .doesNotContain("\tat ");

        Run noFile = larder("--config", dir.resolve("missing.properties").toString(), "check");
        assertThat(noFile.err().trim())
                .isEqualTo("larder: --config " + dir.resolve("missing.properties") + ": no such file (see larder --help)");

        Path ok = config("larder.caches.default.backend=locmem");
        Run alias = larder(ok, "get", "-c", "pages", "k");
        assertThat(alias.err().trim()).isEqualTo("larder: no cache named 'pages'; configured: [default] (see larder --help)");
        Run notLong = larder(ok, "set", "n", "many", "--long");
        assertThat(notLong.err().trim()).isEqualTo("larder: --long: 'many' is not a whole number (see larder --help)");
        Run usage = larder(ok, "frobnicate");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err().lines()).hasSize(1);
        assertThat(usage.err()).startsWith("larder: Unmatched argument").endsWith("(see larder --help)" + System.lineSeparator());
        Run missing = larder(ok, "set", "k");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1);
    }

    @Test
    void multiLineMessages_areJoinedIntoOneLine() {
        assertThat(Larder.describe(new IllegalStateException("ERROR: relation missing\n  Position: 15\n")))
                .isEqualTo("ERROR: relation missing; Position: 15");
        assertThat(Larder.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aHugeArgument_isCutInTheErrorLine_sayingHowLongItWas() throws Exception {
        Path ok = config("larder.caches.default.backend=locmem");
        String huge = "\u00e9\u0007x".repeat(100_000);
        Run run = larder(ok, huge);
        assertThat(run.exit()).isEqualTo(2);
        String line = run.err().strip();
        assertThat(line).startsWith("larder: Unmatched argument at index 2: '\u00e9\\x07x\u00e9\\x07x")
                .matches(".*\\.\\.\\. \\([0-9,]+ characters in all\\) \\(see larder --help\\)")
                .hasSizeLessThan(Larder.LONGEST_MESSAGE * 4 + 200);
        assertThat(Larder.oneLine("a".repeat(Larder.LONGEST_MESSAGE - 1) + "\ud83d\ude00b"))
                .as("a pair is never split").endsWith("a... (2,002 characters in all)");
        assertThat(Larder.oneLine("a".repeat(Larder.LONGEST_MESSAGE))).isEqualTo("a".repeat(Larder.LONGEST_MESSAGE));
    }

    @Test
    void everyWrongCommandLine_exits2_withOneLine() throws Exception {
        Path config = config("larder.caches.default.backend=file",
                "larder.caches.default.location=" + dir.resolve("files"),
                "larder.caches.default.options.strict-keys=true");
        String[][] wrong = {
                {}, {"--nope"}, {"frobnicate"}, {"help", "nosuch"}, {"get"}, {"get", "--nope", "k"}, {"get", "-c"},
                {"set", "k"}, {"get", "-c", "pages", "k"}, {"delete", "-c", "pages", "k"}, {"check", "pages"},
                {"createcachetable", "pages"}, {"createcachetable", "default"},
                {"set", "-t", "soon", "k", "v"}, {"set", "-t", "-1", "k", "v"}, {"set", "--timeout=-5m", "k", "v"},
                {"set", "--long", "k", "many"}, {"get", "has space"}};
        for (String[] args : wrong) {
            Run run = larder(config, args);
            assertThat(run.exit()).as("larder %s: %s", String.join(" ", args), run.err()).isEqualTo(2);
            assertThat(run.err().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(run.err()).startsWith("larder: ").endsWith(" (see larder --help)" + System.lineSeparator());
        }
        Run missingConfig = larder("--config", dir.resolve("missing.properties").toString(), "get", "k");
        assertThat(missingConfig.exit()).isEqualTo(2);
        assertThat(larder(config, "set", "-t", "-1", "k", "v").err())
                .contains("'-1' is a negative timeout: write 0 to keep nothing or 'never' for no expiry");
        assertThat(larder(config, "get", "--help").exit()).isZero();
    }

    @Test
    void failedCommand_printsOnlyItsErrorLine_andNoLogRecordReachesTheConsole() throws Exception {
        Path config = config("larder.caches.default.backend=file", "larder.caches.default.key-prefix=my app");
        LogCapture console = LogCapture.of(""); // a stand-in for the JVM's console handler
        Run run;
        try (console) {
            run = larder(config, "get", "k");
        }
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("larder: larder.caches.default.location is not set: the file backend needs a directory"
                + System.lineSeparator());
        assertThat(console.messages()).as("the prefix warning went to the console handler").isEmpty();
    }

    @Test
    void succeededCommand_printsWarningsAfterItsWork_oneLineEach_andGivesLoggingBack() throws Exception {
        Path config = config("larder.caches.default.backend=file", "larder.caches.default.location=" + dir.resolve("files"),
                "larder.caches.default.key-prefix=my app");
        Logger root = Logger.getLogger("");
        List<Handler> before = List.of(root.getHandlers());
        Run run = larder(config, "set", "k", "v");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("stored key 'k' in cache 'default'" + System.lineSeparator());
        assertThat(run.err().lines()).containsExactly(
                "larder: warning: larder.caches.default.key-prefix='my app' contains a space or control character,"
                        + " which Memcached cannot take",
                "larder: warning: Cache key contains characters that will cause errors if used with memcached: 'my app:1:k'");
        assertThat(root.getHandlers()).containsExactlyElementsOf(before);
    }

    @Test
    void controlCharacters_inKeysAndValues_areEscaped_neverSentToTheTerminal() throws Exception {
        Path config = config("larder.caches.default.backend=file", "larder.caches.default.location=" + dir.resolve("files"));
        String key = "k\u001b]0;owned\u0007";
        Run set = larder(config, "set", key, "red\u001b[31m\nnext\tline\u0085\u009b2J\u202eevil\u007f");
        assertThat(set.out()).isEqualTo("stored key 'k\\x1b]0;owned\\x07' in cache 'default'" + System.lineSeparator());
        Run get = larder(config, "get", key);
        assertThat(get.out()).isEqualTo("red\\x1b[31m\\nnext\\tline\\u0085\\u009b2J\\u202eevil\\x7f" + System.lineSeparator());
        Run missing = larder(config, "get", "\u001b[2Jgone");
        assertThat(missing.err()).isEqualTo("larder: no value for key '\\x1b[2Jgone' in cache 'default'" + System.lineSeparator());
        for (Run run : List.of(set, get, missing)) {
            assertThat(run.out() + run.err()).doesNotContain("\u001b", "\u0007", "\u0085", "\u009b", "\u202e", "\u007f");
        }
    }

    @Test
    void set_intoALocalMemoryCache_warnsThatTheValueDiesWithTheCommand() throws Exception {
        Path config = config("larder.caches.default.backend=locmem", "larder.caches.nothing.backend=dummy");
        Run set = larder(config, "set", "k", "v");
        assertThat(set.exit()).isZero();
        assertThat(set.err()).isEqualTo("larder: warning: cache 'default' lives in this command's memory only: it starts empty,"
                + " and what is stored is gone when the command exits" + System.lineSeparator());
        Run get = larder(config, "get", "k");
        assertThat(get.exit()).isEqualTo(1);
        assertThat(get.err().lines()).containsExactly("larder: no value for key 'k' in cache 'default', which lives in this"
                + " command's memory only: it starts empty, and what is stored is gone when the command exits");
        assertThat(larder(config, "set", "-c", "nothing", "k", "v").err())
                .contains("warning: cache 'nothing' keeps nothing (its backend is a dummy)");
    }
}
