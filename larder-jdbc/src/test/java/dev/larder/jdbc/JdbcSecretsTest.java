package dev.larder.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.LeakCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Passwords made of any character a URL reserves, in a JDBC URL's {@code password=} parameter,
 * its user-info or {@code ;PASSWORD=} setting: when the database or the pool refuses them, no
 * message, cause or suppressed exception prints them or a piece of them.
 */
class JdbcSecretsTest {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String MARIADB = "127.0.0.1:3306/";

    @TempDir
    Path dir;

    private static CacheConfigException refused(String url) {
        CacheConfig.Builder b = CacheConfig.builder().backend("jdbc").option("url", url).option("connect-timeout", "250ms")
                .option("create-table", "true");
        return catchThrowableOfType(CacheConfigException.class,
                () -> CacheRegistry.builder().cache("default", b.build()).build().close());
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void postgres_passwordParameter_unknownRole_isRefusedWithoutPrintingIt(String password) {
        CacheConfigException e = refused(POSTGRES + "?user=larder_nobody&password=" + password);
        LeakCheck.assertHidden(password, e);
        // The driver cannot decode "%zz": the pool says there is no driver for the URL instead.
        assertThat(e).hasMessageContaining("url='" + POSTGRES + "?user=larder_nobody&password=***'")
                .message().containsAnyOf("role \"larder_nobody\" does not exist", "No suitable driver");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void postgres_userInfo_isRefusedWithoutPrintingIt(String password) {
        CacheConfigException e = refused("jdbc:postgresql://postgres:" + password + "@127.0.0.1:5432/postgres");
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("jdbc:postgresql://postgres:***@127.0.0.1:5432/postgres");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void mariadb_wrongPasswordParameter_isRefusedWithoutPrintingIt(String password) {
        CacheConfigException e = refused("jdbc:mariadb://" + MARIADB + "?user=root&password=" + password);
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("Access denied");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void mariadb_userInfo_isRefusedWithoutPrintingIt(String password) {
        CacheConfigException e = refused("jdbc:mariadb://root:" + password + "@" + MARIADB);
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("jdbc:mariadb://root:***@" + MARIADB);
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void h2_wrongPasswordSetting_isRefusedWithoutPrintingIt(String password) throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("db") + ";USER=sa";
        try (Connection created = DriverManager.getConnection(db + ";PASSWORD=right-secret")) {
            assertThat(created.isValid(1)).isTrue();
        }
        CacheConfigException e = refused(db + ";PASSWORD=" + password);
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining(";USER=sa;PASSWORD=***'");
    }

    @ParameterizedTest
    @MethodSource("dev.larder.testkit.LeakCheck#passwords")
    void semicolonPasswordOfADriverNotOnTheClassPath_isRefusedWithoutPrintingIt(String password) {
        CacheConfigException e = refused("jdbc:sqlserver://127.0.0.1:1;user=sa;password=" + password + ";encrypt=false");
        LeakCheck.assertHidden(password, e);
        assertThat(e).hasMessageContaining("jdbc:sqlserver://127.0.0.1:1;user=sa;password=***;encrypt=false");
    }
}
