package dev.larder.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.ConfigNames;
import dev.larder.jdbc.CacheTable;
import dev.larder.jdbc.Dialect;
import dev.larder.jdbc.JdbcBackendFactory;
import dev.larder.support.Secrets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code larder createcachetable}: makes the table of every cache on the {@code jdbc} backend
 * (or of the aliases named), skipping tables that exist; {@code --dry-run} prints the SQL
 * instead (Django's command, per cache alias rather than per table name).
 */
@Command(name = "createcachetable", mixinStandardHelpOptions = true, description = "Makes the cache table of every jdbc cache (or the ALIASes given).")
final class CreateCacheTableCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Option(names = "--dry-run", description = "print the SQL instead of running it")
    boolean dryRun;
    @Parameters(paramLabel = "ALIAS", arity = "0..*", description = "the jdbc caches (default: all of them)")
    List<String> aliases;

    @Override
    public Integer call() {
        Map<String, CacheConfig> configs = larder.configs();
        List<String> wanted = new ArrayList<>();
        if (aliases == null || aliases.isEmpty()) {
            configs.forEach((alias, config) -> {
                if (isJdbc(config)) {
                    wanted.add(alias);
                }
            });
            if (wanted.isEmpty()) {
                larder.out.println("No cache uses the jdbc backend; there is no table to create.");
                return 0;
            }
        } else {
            for (String alias : aliases) {
                CacheConfig config = configs.get(alias);
                if (config == null || !isJdbc(config)) {
                    throw larder.usage("cache " + Larder.quoted(alias) + " " + (config == null ? "is not configured" : "does not use the jdbc backend")
                            + "; jdbc caches: " + configs.entrySet().stream().filter(e -> isJdbc(e.getValue())).map(Map.Entry::getKey).toList());
                }
                wanted.add(alias);
            }
        }
        for (String alias : wanted) {
            create(alias, configs.get(alias));
        }
        return 0;
    }

    private static boolean isJdbc(CacheConfig config) {
        return config.backend().equals(JdbcBackendFactory.NAME) || config.backend().equals(JdbcBackendFactory.class.getName());
    }

    private void create(String alias, CacheConfig config) {
        String table = config.location().isEmpty() ? JdbcBackendFactory.DEFAULT_TABLE : config.location();
        String url = config.options().get("url");
        if (url == null) {
            throw new CacheConfigException(ConfigNames.option(alias, "url") + " is not set; the command needs it to reach"
                    + " the database (a DataSource attached in code is the application's to use)");
        }
        if (dryRun && Dialect.fromUrl(url).isPresent()) {
            larder.out.println("-- cache '" + alias + "'");
            for (String sql : CacheTable.ddl(Dialect.fromUrl(url).get(), table)) {
                larder.out.println(sql + ";");
            }
            return;
        }
        Secrets secrets = Secrets.in(url).and(config.options().get("password"));
        try (HikariDataSource dataSource = dataSource(alias, config, url, secrets)) {
            if (dryRun) {
                larder.out.println("-- cache '" + alias + "'");
                for (String sql : CacheTable.ddl(CacheTable.dialect(dataSource), table)) {
                    larder.out.println(sql + ";");
                }
                return;
            }
            CacheTable.create(dataSource, table, larder.out);
        } catch (SQLException e) {
            throw new CacheBackendException("cache '" + alias + "': cannot create table '" + table + "' in '"
                    + Secrets.mask(url) + "': " + secrets.redact(e.getMessage()), secrets.scrub(e));
        }
    }

    private static HikariDataSource dataSource(String alias, CacheConfig config, String url, Secrets secrets) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.options().get("username"));
        hikari.setPassword(config.options().get("password"));
        hikari.setMaximumPoolSize(1);
        hikari.setInitializationFailTimeout(1);
        hikari.setPoolName("larder-cli-" + alias);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CacheConfigException(ConfigNames.option(alias, "url") + "='" + Secrets.mask(url)
                    + "': cannot connect: " + secrets.redact(String.valueOf(cause.getMessage())), secrets.scrub(e));
        }
    }
}
