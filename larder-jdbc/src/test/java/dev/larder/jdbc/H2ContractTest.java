package dev.larder.jdbc;

import dev.larder.CacheConfig;

/** The contract suite on an embedded H2 database; table names have a space in them. */
class H2ContractTest extends JdbcContract {
    static final String URL = "jdbc:h2:mem:larder-contract;DB_CLOSE_DELAY=-1";

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("jdbc").location("cache " + name)
                .option("url", URL).option("create-table", "true");
    }
}
