package dev.larder.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL that differs between databases: quoting, column types, the native upsert, and an
 * {@code add} that is atomic under concurrency. Everything else is plain SQL shared by all.
 */
public enum Dialect {
    POSTGRESQL {
        @Override
        String valueType() {
            return "BYTEA";
        }

        @Override
        String upsert() {
            return insert() + " ON CONFLICT ({k}) DO UPDATE SET {v} = EXCLUDED.{v}, {e} = EXCLUDED.{e}";
        }

        @Override
        String addIfAbsentOrExpired() {
            // One statement: inserts, or replaces an expired row; a live row is left alone (0 rows).
            return upsert() + " WHERE {t}.{e} <= ?";
        }
    },
    SQLITE {
        @Override
        String forUpdate() {
            // No row locks; the backend takes the database's write lock with a first write.
            return "";
        }

        @Override
        String keyType() {
            return "TEXT";
        }

        @Override
        String byteLength(String column) {
            // OCTET_LENGTH came in SQLite 3.43; LENGTH of a BLOB counts bytes.
            return "LENGTH(" + column + ")";
        }

        @Override
        String valueType() {
            return "BLOB";
        }

        @Override
        String expiresType() {
            return "INTEGER";
        }

        @Override
        String upsert() {
            return insert() + " ON CONFLICT ({k}) DO UPDATE SET {v} = excluded.{v}, {e} = excluded.{e}";
        }

        @Override
        String addIfAbsentOrExpired() {
            return upsert() + " WHERE {t}.{e} <= ?";
        }
    },
    H2 {
        @Override
        String valueType() {
            return "VARBINARY";
        }

        @Override
        String upsert() {
            return "MERGE INTO {t} ({k}, {v}, {e}) KEY ({k}) VALUES (?, ?, ?)";
        }

        @Override
        String addIfAbsentOrExpired() {
            return "MERGE INTO {t} t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARBINARY), CAST(? AS BIGINT)))"
                    + " s(k, v, e) ON t.{k} = s.k"
                    + " WHEN MATCHED AND t.{e} <= ? THEN UPDATE SET {v} = s.v, {e} = s.e"
                    + " WHEN NOT MATCHED THEN INSERT ({k}, {v}, {e}) VALUES (s.k, s.v, s.e)";
        }
    },
    MARIADB {
        @Override
        public String quote(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }

        @Override
        String keyType() {
            // Binary and NO PAD: the default collation makes 'Key' and 'key' one row, and a PAD
            // SPACE one (utf8mb4_bin included) makes 'key' and 'key ' one row.
            return "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        }

        @Override
        String valueType() {
            return "LONGBLOB";
        }

        @Override
        String upsert() {
            return insert() + " ON DUPLICATE KEY UPDATE {v} = VALUES({v}), {e} = VALUES({e})";
        }

        @Override
        String addIfAbsentOrExpired() {
            // No conditional upsert whose row count can be trusted (it depends on a driver
            // flag); the backend removes an expired row, then inserts, and a duplicate-key
            // error means another writer's live row won.
            return null;
        }
    },
    /** MySQL: MariaDB's SQL, with MySQL 8's name for a binary NO PAD collation. */
    MYSQL {
        @Override
        public String quote(String identifier) {
            return MARIADB.quote(identifier);
        }

        @Override
        String keyType() {
            return "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin";
        }

        @Override
        String valueType() {
            return MARIADB.valueType();
        }

        @Override
        String upsert() {
            return MARIADB.upsert();
        }

        @Override
        String addIfAbsentOrExpired() {
            return null;
        }
    };

    /** The identifier quoted as one name, whatever characters it holds. */
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    String keyType() {
        return "VARCHAR(255)";
    }

    abstract String valueType();

    String expiresType() {
        return "BIGINT";
    }

    /** Insert or replace, as a template for {@link #sql}; parameters: key, value, expires. */
    abstract String upsert();

    /**
     * Insert, or replace a row that has expired, in one atomic statement; parameters: key,
     * value, expires, now. Its update count is 1 when stored, 0 when a live row was there.
     * Null when the dialect has none.
     */
    abstract String addIfAbsentOrExpired();

    /** The length in bytes of a value column, computed by the database without sending the value. */
    String byteLength(String column) {
        return "OCTET_LENGTH(" + column + ")";
    }

    /** The clause that locks the rows a SELECT reads until the transaction ends. */
    String forUpdate() {
        return " FOR UPDATE";
    }

    static String insert() {
        return "INSERT INTO {t} ({k}, {v}, {e}) VALUES (?, ?, ?)";
    }

    /**
     * The statement with its names quoted: {@code {t}} the table, {@code {i}} its index,
     * {@code {k}}, {@code {v}}, {@code {e}} the columns. Column names are quoted too, since
     * {@code value} is a reserved word in H2.
     */
    String sql(String template, String tableName) {
        return template.replace("{t}", quote(tableName)).replace("{i}", quote(tableName + "_expires"))
                .replace("{k}", quote("cache_key")).replace("{v}", quote("value")).replace("{e}", quote("expires"));
    }

    /** The statements that make the table and its index, each safe to run again. */
    public List<String> createTable(String tableName) {
        return List.of(
                sql("CREATE TABLE IF NOT EXISTS {t} ({k} " + keyType() + " NOT NULL PRIMARY KEY, {v} " + valueType()
                        + " NOT NULL, {e} " + expiresType() + " NOT NULL)", tableName),
                sql("CREATE INDEX IF NOT EXISTS {i} ON {t} ({e}, {k})", tableName));
    }

    /** The dialect a JDBC URL names, without connecting, if Larder knows it. */
    public static Optional<Dialect> fromUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        if (u.startsWith("jdbc:mariadb:")) {
            return Optional.of(MARIADB);
        }
        if (u.startsWith("jdbc:mysql:")) {
            return Optional.of(MYSQL);
        }
        if (u.startsWith("jdbc:h2:")) {
            return Optional.of(H2);
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return Optional.of(SQLITE);
        }
        return Optional.empty();
    }

    /** The dialect of a database, by the product name its driver reports. */
    public static Dialect of(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb")) {
            return MARIADB;
        }
        if (name.contains("mysql")) {
            return MYSQL;
        }
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("database '" + productName + "' is not supported; Larder knows"
                + " PostgreSQL, MariaDB/MySQL, H2 and SQLite");
    }
}
