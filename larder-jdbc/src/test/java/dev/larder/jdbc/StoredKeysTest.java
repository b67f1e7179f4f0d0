package dev.larder.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.KeyFunction;
import dev.larder.spi.CacheKey;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys longer than the column are stored shortened; no other key may be spelled as that
 * shortened form and read the long key's value. On every dialect, since each compares keys
 * by its own rules.
 */
@ExtendWith(LarderServers.class)
class StoredKeysTest {
    private static final KeyFunction AS_GIVEN = (key, prefix, version) -> key;

    @TempDir
    Path dir;

    @Test
    void h2_longKeyAndItsShortenedFormSpelledOut_areTwoEntries() throws Exception {
        check("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void sqlite_longKeyAndItsShortenedFormSpelledOut_areTwoEntries() throws Exception {
        check("jdbc:sqlite:" + dir.resolve("keys.db"));
    }

    @Test
    void postgres_longKeyAndItsShortenedFormSpelledOut_areTwoEntries(
            @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase db) throws Exception {
        check(db.url());
    }

    @Test
    void mariadb_longKeyAndItsShortenedFormSpelledOut_areTwoEntries(
            @UseDatabase(TestDatabase.Kind.MARIADB) TestDatabase db) throws Exception {
        check(db.url());
    }

    @Test
    void shortenedForm_fitsTheColumn_andNeverSplitsACharacter() {
        String key = "k".repeat(StoredKeys.MAX) + "é".repeat(10);
        assertThat(StoredKeys.of(CacheKey.of("", key))).hasSize(StoredKeys.MAX).startsWith(StoredKeys.MARKER);
        String emoji = "k".repeat(188) + "\uD83D\uDE00".repeat(100);
        String stored = StoredKeys.of(CacheKey.of("", emoji));
        assertThat(stored.length()).isLessThanOrEqualTo(StoredKeys.MAX);
        assertThat(stored.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF)).isTrue();
        assertThat(StoredKeys.of(CacheKey.of("", ":1:short"))).as("a key that fits is stored as it is").isEqualTo(":1:short");
    }

    private static void check(String url) throws Exception {
        String table = "keys " + UUID.randomUUID().toString().substring(0, 8);
        try (CacheRegistry defaults = registry(url, table, KeyFunction.DEFAULT);
             CacheRegistry asGiven = registry(url, table, AS_GIVEN)) {
            Cache cache = defaults.defaultCache();
            String longKey = "k".repeat(400);
            cache.set(longKey, "the long key's value");
            // The form Larder used to store it under (its first 190 characters, '#', SHA-256),
            // less the ":1:" the key function puts back: 252 characters that fit the column.
            String made = ":1:" + longKey;
            String oldForm = made.substring(0, 190) + "#" + sha256(made);
            cache.set(oldForm.substring(3), "a short key's value");
            assertThat(cache.get(longKey)).isEqualTo("the long key's value");
            assertThat(cache.get(oldForm.substring(3))).isEqualTo("a short key's value");

            // Today's form spelled out, through a key function that stores keys as given.
            Cache raw = asGiven.defaultCache();
            String newForm = StoredKeys.of(CacheKey.of("", made));
            raw.set(newForm, "spelled out");
            assertThat(cache.get(longKey)).isEqualTo("the long key's value");
            assertThat(raw.get(made)).isEqualTo("the long key's value");
            assertThat(raw.get(newForm)).isEqualTo("spelled out");
            cache.delete(longKey);
            assertThat(raw.get(newForm)).isEqualTo("spelled out");
        }
    }

    private static CacheRegistry registry(String url, String table, KeyFunction keys) {
        return CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc").location(table)
                .option("url", url).option("create-table", "true").keyFunction(keys).build()).build();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
