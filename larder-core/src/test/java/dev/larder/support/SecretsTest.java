package dev.larder.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SecretsTest {
    /** Passwords made of every character a URL reserves, percent signs and spaces. */
    static List<String> passwords() {
        return List.of("Zq9@Xk7/Wm3", "Zq9:Xk7@Wm3", "Zq9?Xk7#Wm3", "[Zq9]Xk7", "Zq9%40Xk7", "Zq9;=&Xk7", "Zq9!$'()*+,Xk7",
                "Zq9 Xk7", "Zq9%zzXk7", "@Zq9/", "Zq9//Xk7@@Wm3", "Zq9@10.9.8.7:1/Xk7");
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void mask_userInfoWithAnyReservedCharacter_hidesThePasswordAndKeepsTheHost(String password) {
        assertThat(Secrets.mask("redis://:" + password + "@127.0.0.1:6379/0")).isEqualTo("redis://:***@127.0.0.1:6379/0");
        assertThat(Secrets.mask("redis://alice:" + password + "@10.0.0.5")).isEqualTo("redis://alice:***@10.0.0.5");
        if (!password.contains(":")) {
            // Without a user, the first ':' would end the user name: redis://user:pass@host.
            assertThat(Secrets.mask("rediss://" + password + "@10.0.0.5:6380")).isEqualTo("rediss://***@10.0.0.5:6380");
        }
        assertThat(Secrets.mask("jdbc:mariadb://root:" + password + "@127.0.0.1:3306/db?sslMode=trust"))
                .isEqualTo("jdbc:mariadb://root:***@127.0.0.1:3306/db?sslMode=trust");
        assertThat(Secrets.mask("user:" + password + "@127.0.0.1:11211")).isEqualTo("user:***@127.0.0.1:11211");
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void mask_passwordParameterWithAnyReservedCharacter_hidesTheValueAndKeepsTheNextParameter(String password) {
        assertThat(Secrets.mask("jdbc:postgresql://127.0.0.1/db?password=" + password + "&user=x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/db?password=***&user=x");
        assertThat(Secrets.mask("jdbc:postgresql://127.0.0.1:5432/db?user=x&password=" + password))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?user=x&password=***");
        assertThat(Secrets.mask("jdbc:sqlserver://127.0.0.1:1;user=sa;password=" + password + ";encrypt=false"))
                .isEqualTo("jdbc:sqlserver://127.0.0.1:1;user=sa;password=***;encrypt=false");
        assertThat(Secrets.mask("jdbc:h2:mem:db;USER=sa;PASSWORD=" + password + ";MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:mem:db;USER=sa;PASSWORD=***;MODE=PostgreSQL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://127.0.0.1:6379/0|redis://127.0.0.1:6379/0",
        "redis://:secret@h1:1,redis://:p@ss@h2:2|redis://:***@h1:1,redis://:***@h2:2",
        "redis://:a,b@h1:1, rediss://u:c d@h2:2|redis://:***@h1:1, rediss://u:***@h2:2",
        "redis-sentinel://:pw@s1:26379,s2:26379#mymaster|redis-sentinel://:***@s1:26379,s2:26379#mymaster",
        "https://ghp_TOKEN@github.com/x|https://***@github.com/x",
        "jdbc:mariadb://root@127.0.0.1/db|jdbc:mariadb://root@127.0.0.1/db",
        "jdbc:postgresql://h/db?user=admin@server&password=x&sslmode=require|jdbc:postgresql://h/db?user=admin@server&password=***&sslmode=require",
        "jdbc:postgresql://h:5432/db?password=x&user=admin@server|jdbc:postgresql://h:5432/db?password=***&user=admin@server",
        "jdbc:postgresql://h:5432/db?user=admin@server|jdbc:postgresql://h:5432/db?user=admin@server",
        "jdbc:postgresql://h/db?PassWord=a&Pwd=b&SECRET=c&token=d&auth=e&pass=f&sslpassword=g&user=u|jdbc:postgresql://h/db?PassWord=***&Pwd=***&SECRET=***&token=***&auth=***&pass=***&sslpassword=***&user=u",
        "jdbc:sqlserver://h:1433;databaseName=db;user=sa;password={a;b}}c=d};encrypt=true|jdbc:sqlserver://h:1433;databaseName=db;user=sa;password=***;encrypt=true",
        "jdbc:oracle:thin:scott/ti@g/er@db.example.com:1521:orcl|jdbc:oracle:thin:scott/***@db.example.com:1521:orcl",
        "jdbc:h2:mem:db;DB_CLOSE_DELAY=-1|jdbc:h2:mem:db;DB_CLOSE_DELAY=-1",
        "127.0.0.1:11211,127.0.0.2:11211|127.0.0.1:11211,127.0.0.2:11211",
        "127.0.0.1:11211?password=Zq9@Xk7/Wm3|127.0.0.1:11211?password=***",
        "/var/cache/myapp|/var/cache/myapp",
    })
    void mask_knownShapes(String location, String masked) {
        assertThat(Secrets.mask(location)).isEqualTo(masked);
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void redact_knownSecret_hidesItRawDecodedAndEncoded_inAnyText(String password) {
        Secrets secrets = Secrets.in("redis://:" + password + "@127.0.0.1:6379");
        String encoded = Secrets.encode(password);
        String text = "auth " + password + " failed; tried '" + encoded + "' and " + Secrets.decode(password, false)
                + " at " + Secrets.encodeUserInfo("redis://:" + password + "@127.0.0.1:6379");
        assertThat(secrets.redact(text)).doesNotContain(password, encoded, Secrets.decode(password, false))
                .contains("127.0.0.1:6379");
    }

    @Test
    void redact_piecesOfAPasswordCutAtReservedCharacters_areHiddenToo() {
        Secrets secrets = Secrets.in("jdbc:mariadb://root:Zq9@Xk7/Wm3@127.0.0.1/db");
        assertThat(secrets.redact("Incorrect port value : Zq9@Xk7")).isEqualTo("Incorrect port value : ***@***");
        assertThat(Secrets.in("redis://:abcdef@h").redact("abc abcdef")).as("no reserved character, no pieces")
                .isEqualTo("abc ***");
        assertThat(Secrets.in("redis://:ab/cdef@h").redact("ab cde cdef")).as("pieces of 3 or more").isEqualTo("ab cde ***");
    }

    @Test
    void redact_withoutKnownSecrets_masksWhatHasTheShapeOfOne() {
        assertThat(Secrets.NONE.redact("Failed to get driver instance for jdbcUrl=jdbc:postgresql://u:hunter2@127.0.0.1/db"
                + " (Properties {user=u, password=hunter2})"))
                .isEqualTo("Failed to get driver instance for jdbcUrl=jdbc:postgresql://u:***@127.0.0.1/db"
                        + " (Properties {user=u, password=***})");
        assertThat(Secrets.NONE.redact("Unable to connect to 127.0.0.1/<unresolved>:6379 as RedisClient@1a2b"))
                .isEqualTo("Unable to connect to 127.0.0.1/<unresolved>:6379 as RedisClient@1a2b");
        assertThat(Secrets.NONE.redact(null)).isNull();
    }

    @Test
    void and_addsOptionValues() {
        Secrets secrets = Secrets.in("jdbc:postgresql://127.0.0.1/db").and("s3cr3t value", null);
        assertThat(secrets.redact("login with s3cr3t value refused")).isEqualTo("login with *** refused");
        assertThat(secrets.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void scrub_cleanChain_isReturnedAsIs() {
        IllegalStateException clean = new IllegalStateException("connection refused", new java.io.IOException("reset"));
        assertThat(Secrets.in("redis://:pw@h").scrub(clean)).isSameAs(clean);
    }

    @Test
    void scrub_secretInCausesSuppressedAndLinkedExceptions_isGoneFromTheWholePrintedChain() {
        String password = "Zq9@Xk7/Wm3";
        String url = "jdbc:postgresql://127.0.0.1/db?user=u&password=" + password;
        String userInfoUrl = "jdbc:mariadb://u:" + password + "@127.0.0.1/db";
        java.io.IOException root = new java.io.IOException("cannot reach " + url);
        SQLException driver = new SQLException("login failed with " + password, "28P01", root);
        driver.setNextException(new SQLException("next: " + url));
        RuntimeException top = new RuntimeException("Failed to get driver instance for jdbcUrl=" + url, driver);
        top.addSuppressed(new IllegalArgumentException("retried " + userInfoUrl));
        IllegalStateException clean = new IllegalStateException("no secret here");
        top.addSuppressed(clean);

        Throwable scrubbed = Secrets.in(url, userInfoUrl).scrub(top);

        assertThat(printed(scrubbed)).doesNotContain(password, "Zq9", "Xk7", "Wm3")
                .contains("java.lang.RuntimeException: Failed to get driver instance", "java.sql.SQLException",
                        "java.io.IOException", "127.0.0.1/db");
        assertThat(scrubbed).isInstanceOf(RedactedException.class);
        assertThat(((RedactedException) scrubbed).originalClassName()).isEqualTo("java.lang.RuntimeException");
        assertThat(scrubbed.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(scrubbed.getSuppressed()).hasSize(2).contains(clean);
        assertThat(printed(scrubbed.getCause().getSuppressed()[0])).as("the linked exception").doesNotContain(password)
                .contains("next:");
    }

    @Test
    void scrub_cyclicChain_ends() {
        RuntimeException a = new RuntimeException("a redis://:pw@h");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(printed(Secrets.NONE.scrub(a))).doesNotContain(":pw@").contains("b");
    }

    @Test
    void settings_secretNamesAreMaskedWhole_andOtherValuesMaskedAsLocations() {
        assertThat(Secrets.isSecretName("options.password")).isTrue();
        assertThat(Secrets.isSecretName("auth-token")).isTrue();
        assertThat(Secrets.isSecretName("username")).isFalse();
        assertThat(Secrets.maskSetting("password", "a b")).isEqualTo("***");
        assertThat(Secrets.maskSetting("location", "redis://:x@h")).isEqualTo("redis://:***@h");
    }

    @Test
    void encodeUserInfo_escapesEverythingButUnreserved_andKeepsEscapes() {
        assertThat(Secrets.encodeUserInfo("redis://us er:p@ss/w0rd%40@127.0.0.1:6379/0"))
                .isEqualTo("redis://us%20er:p%40ss%2Fw0rd%40@127.0.0.1:6379/0");
        assertThat(Secrets.encodeUserInfo("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    }

    static String printed(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
