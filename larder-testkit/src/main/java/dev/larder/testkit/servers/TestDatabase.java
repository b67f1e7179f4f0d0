package dev.larder.testkit.servers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of the test's own on the machine's PostgreSQL or MariaDB, created when made and
 * dropped when closed. The servers are found at {@code 127.0.0.1:5432} (user {@code postgres})
 * and {@code 127.0.0.1:3306} (user {@code root}, no password), or at the JDBC URLs in
 * {@code LARDER_TEST_POSTGRES_URL} and {@code LARDER_TEST_MARIADB_URL}. The JDBC driver must be
 * on the test class path.
 */
public final class TestDatabase implements AutoCloseable {
    /** The database servers a test can ask for. */
    public enum Kind {
        POSTGRESQL("LARDER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                "sudo apt-get install -y postgresql && sudo pg_ctlcluster --skip-systemctl-redirect "
                        + "$(ls /etc/postgresql) main start"),
        MARIADB("LARDER_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root",
                "sudo apt-get install -y mariadb-server && sudo start-stop-daemon --start --oknodo --background "
                        + "--exec /usr/sbin/mariadbd");

        private final String variable;
        private final String fallback;
        private final String install;

        Kind(String variable, String fallback, String install) {
            this.variable = variable;
            this.fallback = fallback;
            this.install = install;
        }

        String adminUrl() {
            return System.getenv().getOrDefault(variable, fallback);
        }
    }

    private final Kind kind;
    private final String name;
    private final String url;

    private TestDatabase(Kind kind, String name, String url) {
        this.kind = kind;
        this.name = name;
        this.url = url;
    }

    /**
     * Creates a fresh, empty database.
     *
     * @throws IllegalStateException naming the install command when the server is not reachable
     */
    public static TestDatabase create(Kind kind) {
        String name = "larder_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(kind, kind.adminUrl(), "CREATE DATABASE " + name);
        return new TestDatabase(kind, name, withDatabase(kind.adminUrl(), name));
    }

    public Kind kind() {
        return kind;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL of this database, credentials included. */
    public String url() {
        return url;
    }

    /** A new connection to this database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() {
        String drop = kind == Kind.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name;
        execute(kind, kind.adminUrl(), drop);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " database " + name;
    }

    private static void execute(Kind kind, String adminUrl, String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(kind + " is not reachable at " + adminUrl + " (" + e.getMessage()
                    + "); this test needs a real one. Install and start it with: " + kind.install
                    + " (scripts/install-deps does this)", e);
        }
    }

    /** The admin URL with its database part replaced by {@code name}. */
    static String withDatabase(String adminUrl, String name) {
        int hostStart = adminUrl.indexOf("//") + 2;
        int pathStart = adminUrl.indexOf('/', hostStart);
        int queryStart = adminUrl.indexOf('?', hostStart);
        String head = adminUrl.substring(0, pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)
                ? (queryStart < 0 ? adminUrl.length() : queryStart) : pathStart);
        String query = queryStart < 0 ? "" : adminUrl.substring(queryStart);
        return head + "/" + name + query;
    }
}
