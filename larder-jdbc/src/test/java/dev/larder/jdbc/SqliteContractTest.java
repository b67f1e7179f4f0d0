package dev.larder.jdbc;

import dev.larder.CacheConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite on an embedded SQLite database file. */
class SqliteContractTest extends JdbcContract {
    @TempDir
    static Path dir;

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("jdbc").location("cache " + name)
                .option("url", "jdbc:sqlite:" + dir.resolve("cache.db")).option("create-table", "true");
    }
}
