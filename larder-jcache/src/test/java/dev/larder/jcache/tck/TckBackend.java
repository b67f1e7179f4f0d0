package dev.larder.jcache.tck;

import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Puts the JSR-107 test kit on the backend named by {@code -Dlarder.tck.backend}: {@code locmem}
 * (the default: the class path's {@code larder.properties}), {@code redis} (a redis-server of
 * the run's own on a free port) or {@code postgresql} (a database of the run's own on the
 * machine's PostgreSQL). The kit itself only ever asks for {@code Caching.getCachingProvider()}
 * and its default manager, so the backend is chosen by the Larder configuration that manager
 * reads: a file written here, named by {@code larder.config}.
 */
public final class TckBackend implements LauncherSessionListener {
    private static final String ALLOWED = "domain.**,org.jsr107.**,manager.**,java.util.Date,java.util.ArrayList";

    private AutoCloseable server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String backend = System.getProperty("larder.tck.backend", "locmem");
        Properties config = new Properties();
        config.setProperty("larder.caches.default.options.allow-classes", ALLOWED);
        switch (backend) {
            case "locmem" -> {
                return;
            }
            case "redis" -> {
                RedisServer redis = RedisServer.start();
                server = redis;
                config.setProperty("larder.caches.default.backend", "redis");
                config.setProperty("larder.caches.default.location", redis.uri());
                // The kit judges behaviour, not latency: a loaded machine must not fail it.
                config.setProperty("larder.caches.default.options.connect-timeout", "10s");
                config.setProperty("larder.caches.default.options.command-timeout", "5s");
            }
            case "postgresql" -> {
                TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
                server = db;
                config.setProperty("larder.caches.default.backend", "jdbc");
                config.setProperty("larder.caches.default.options.url", db.url());
                config.setProperty("larder.caches.default.options.create-table", "true");
                config.setProperty("larder.caches.default.options.max-entries", "1000000");
                config.setProperty("larder.caches.default.options.pool-size", "2");
                config.setProperty("larder.caches.default.options.command-timeout", "5s");
            }
            default -> throw new IllegalArgumentException("larder.tck.backend=" + backend
                    + " is not locmem, redis or postgresql");
        }
        System.setProperty("larder.config", write(config).toString());
    }

    private static Path write(Properties config) {
        try {
            Path file = Files.createTempFile("larder-tck-", ".properties");
            file.toFile().deleteOnExit();
            try (Writer out = Files.newBufferedWriter(file)) {
                config.store(out, "the JSR-107 test kit's Larder configuration");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping the test kit's server failed: " + e);
            }
        }
    }
}
