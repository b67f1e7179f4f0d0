package dev.larder.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.larder.CacheConfigException;
import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Secrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code jdbc}: a cache in a table of a SQL database: PostgreSQL, MariaDB/MySQL, H2 or SQLite.
 *
 * <p>Location: the table's name (default {@code larder_cache}), quoted, so any name works. The
 * database is the {@code DataSource} attached in code
 * ({@code CacheConfig.builder().backend("jdbc").attach(DataSource.class, dataSource)}), or a
 * HikariCP pool made from {@code options.url}.
 *
 * <p>Options: {@code url}, {@code username}, {@code password}, {@code pool-size} (default 10; 1
 * for SQLite, whose writers take turns anyway), {@code connect-timeout} (default {@code 5s}),
 * {@code command-timeout} (default {@code 500ms}: each statement, lock waits included, by the
 * database's own setting; for the pool made from {@code url} only), {@code max-entries} (default 300), {@code cull-frequency} (default 3; 0 empties the table
 * when full), {@code create-table} (default false: the table must exist, made by
 * {@code larder createcachetable}).
 *
 * <p>The database is connected to and the table checked when the cache is created, so a wrong
 * URL or password, an unreachable host or a missing table fails at startup, naming them
 * (passwords masked, also in the driver's and the pool's exceptions chained as causes).
 */
public final class JdbcBackendFactory implements CacheBackendFactory {
    public static final String NAME = "jdbc";
    public static final String DEFAULT_TABLE = "larder_cache";
    private static final long STATEMENT_ROOM = 64 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    /** As for Redis and Memcached: a cache call that takes longer has failed. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);

    @Override
    public Set<String> options() {
        return Set.of("url", "username", "password", "pool-size", "connect-timeout", "command-timeout", "max-entries",
                "cull-frequency", "create-table");
    }

    @Override
    public CacheBackend create(BackendContext context) {
        BackendOptions options = context.options();
        String table = context.location().isEmpty() ? DEFAULT_TABLE : context.location();
        long maxEntries = options.longValue("max-entries", 300, 1);
        int cullFrequency = options.intValue("cull-frequency", 3, 0);
        boolean createTable = options.booleanValue("create-table", false);
        Optional<DataSource> attached = context.attachment(DataSource.class);
        Optional<String> url = options.string("url");
        if (attached.isPresent() && url.isPresent()) {
            throw options.error("url", url.get(), "conflicts with the DataSource attached in code; give one or the other");
        }
        if (attached.isEmpty() && url.isEmpty()) {
            throw new CacheConfigException(context.property("options.url") + " is not set: the jdbc backend needs a JDBC"
                    + " URL (jdbc:postgresql://host/db, jdbc:mariadb://..., jdbc:h2:..., jdbc:sqlite:...) or a DataSource"
                    + " attached in code");
        }
        if (attached.isPresent() && options.string("command-timeout").isPresent()) {
            throw options.error("command-timeout", options.string("command-timeout").get(), "applies to the pool made"
                    + " from options.url; bound the statements of the attached DataSource in its own settings"
                    + " (PostgreSQL's statement_timeout, MariaDB's max_statement_time)");
        }
        Secrets secrets = Secrets.in(url.orElse(null)).and(options.string("password").orElse(null));
        HikariDataSource pool = attached.isPresent() ? null : pool(context, url.get(), secrets);
        DataSource dataSource = attached.isPresent() ? attached.get() : pool;
        Described database = new Described(attached.isPresent() ? "the attached DataSource"
                : "'" + Secrets.mask(url.get()) + "'", secrets);
        try {
            Dialect dialect = prepare(context, dataSource, database, table, createTable);
            ValueCodec codec = codecFor(context, dataSource, database, dialect);
            return new JdbcBackend(context.alias(), database, dataSource, pool, dialect, table,
                    maxEntries, cullFrequency, codec, context.stats(), context.clock());
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    private static HikariDataSource pool(BackendContext context, String url, Secrets secrets) {
        BackendOptions options = context.options();
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        options.string("username").ifPresent(config::setUsername);
        options.string("password").ifPresent(config::setPassword);
        config.setMaximumPoolSize(options.intValue("pool-size", sqlite ? 1 : 10, 1));
        config.setMinimumIdle(Math.min(2, config.getMaximumPoolSize()));
        Duration connect = options.duration("connect-timeout", Duration.ofSeconds(5));
        config.setConnectionTimeout(Math.max(250, connect.toMillis()));
        Duration command = options.duration("command-timeout", DEFAULT_COMMAND_TIMEOUT);
        if (command.toMillis() < 1) {
            throw options.error("command-timeout", command.toString(), "must be at least 1ms");
        }
        statementTimeout(url, command).ifPresent(config::setConnectionInitSql);
        config.setInitializationFailTimeout(1);
        config.setPoolName("larder-" + context.alias());
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CacheConfigException(context.property("options.url") + "='" + Secrets.mask(url) + "': cannot connect: "
                    + reason(e, secrets), secrets.scrub(e));
        }
    }

    /**
     * The session setting that bounds every statement on the pool's connections, lock waits
     * included, by the database's own clock: without it a table another session has locked (a
     * migration, {@code VACUUM FULL}) holds each cache call, and its request, for as long as the
     * lock stands, and the circuit breaker never hears of a failure. JDBC's
     * {@code setQueryTimeout} counts whole seconds, so each database's own setting is used.
     */
    static Optional<String> statementTimeout(String url, Duration timeout) {
        long ms = timeout.toMillis();
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of("SET statement_timeout = " + ms);
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return Optional.of("SET SESSION max_statement_time = " + String.format(Locale.ROOT, "%.3f", ms / 1000.0));
        }
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of("SET QUERY_TIMEOUT " + ms);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return Optional.of("PRAGMA busy_timeout = " + ms);
        }
        return Optional.empty();
    }

    /** Connects, finds the dialect, and checks (or makes) the table. */
    private static Dialect prepare(BackendContext context, DataSource dataSource, Described database, String table,
                                   boolean createTable) {
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
            if (CacheTable.exists(c, dialect, table)) {
                return dialect;
            }
        } catch (SQLException e) {
            throw new CacheConfigException("cache '" + context.alias() + "': cannot connect to " + database + ": "
                    + reason(e, database.secrets()), database.secrets().scrub(e));
        } catch (IllegalArgumentException e) {
            throw new CacheConfigException("cache '" + context.alias() + "' on " + database + ": "
                    + database.secrets().redact(e.getMessage()), database.secrets().scrub(e));
        }
        if (!createTable) {
            throw new CacheConfigException(context.property("location") + "='" + table + "': the cache table does not"
                    + " exist in " + database + "; make it with `larder createcachetable` (scripts/larder"
                    + " createcachetable), or set " + context.property("options.create-table") + "=true");
        }
        try {
            CacheTable.create(dataSource, table, null);
        } catch (SQLException e) {
            throw new CacheConfigException(context.property("location") + "='" + table + "': cannot create the cache"
                    + " table in " + database + ": " + reason(e, database.secrets()), database.secrets().scrub(e));
        }
        return dialect;
    }

    /**
     * MariaDB and MySQL refuse a statement longer than {@code max_allowed_packet} (16 MiB by
     * default), and a value sent in a statement can take twice its length once escaped: the
     * limit is at most half the packet, less room for the rest of the statement.
     */
    private static ValueCodec codecFor(BackendContext context, DataSource dataSource, Described database,
                                       Dialect dialect) {
        ValueCodec codec = context.codec();
        if (dialect != Dialect.MARIADB && dialect != Dialect.MYSQL) {
            return codec;
        }
        long packet;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            packet = rs.getLong(1);
        } catch (SQLException e) {
            throw new CacheConfigException("cache '" + context.alias() + "': cannot read max_allowed_packet of "
                    + database + ": " + reason(e, database.secrets()), database.secrets().scrub(e));
        }
        long fits = (packet - STATEMENT_ROOM) / 2;
        Optional<String> configured = context.options().string("max-value-size");
        if (configured.isEmpty()) {
            return codec.withMaxValueSize(Math.max(1, Math.min(codec.maxValueSize(), fits)));
        }
        if (codec.maxValueSize() > fits) {
            throw context.options().error("max-value-size", configured.get(), "is more than " + database
                    + " takes: at most " + fits + " bytes (half its max_allowed_packet of " + packet + " bytes, less "
                    + STATEMENT_ROOM + " for the statement, since escaping can double a value)");
        }
        return codec;
    }

    /** The messages of {@code e} and its causes, each said once, with the secrets redacted. */
    static String reason(Throwable e, Secrets secrets) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !out.toString().contains(t.getMessage())) {
                out.append(": ").append(t.getMessage());
            }
        }
        return secrets.redact(out.toString());
    }

    /**
     * The database as messages name it (its masked URL, or "the attached DataSource") and the
     * secrets to redact from what its driver and pool say.
     */
    record Described(String description, Secrets secrets) {
        @Override
        public String toString() {
            return description;
        }
    }
}
