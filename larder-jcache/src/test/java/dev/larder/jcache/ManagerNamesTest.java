package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which managers share entries on one store: those configured by a file at any path do, as
 * nodes of one application must; managers merely named by different URIs do not.
 */
class ManagerNamesTest {
    private final LarderCachingProvider provider = new LarderCachingProvider();
    private final Properties config = new Properties();

    @TempDir
    Path dir;

    ManagerNamesTest() throws IOException {
        // A directory both managers use stands for the store two nodes share.
        config.setProperty("larder.caches.default.backend", "file");
        config.setProperty("larder.caches.default.location",
                Files.createTempDirectory("larder-names-").toString());
    }

    private URI written(String node) throws IOException {
        Path file = Files.createDirectories(dir.resolve(node)).resolve("larder.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, null);
        }
        return file.toUri();
    }

    private static Cache<String, String> orders(CacheManager manager) {
        return manager.createCache("orders", new MutableConfiguration<String, String>());
    }

    @Test
    void managersConfiguredByFilesAtDifferentPaths_shareEntries() throws IOException {
        try (CacheManager one = provider.getCacheManager(written("node-1"), getClass().getClassLoader());
             CacheManager two = provider.getCacheManager(written("node-2"), getClass().getClassLoader())) {
            orders(one).put("o-1", "paid");

            assertThat(orders(two).get("o-1")).isEqualTo("paid");
        }
    }

    @Test
    void managersNamedByDifferentUris_keepTheirEntriesApart() {
        ClassLoader loader = getClass().getClassLoader();
        try (CacheManager one = provider.getCacheManager(URI.create("urn:larder:one"), loader, config);
             CacheManager two = provider.getCacheManager(URI.create("urn:larder:two"), loader, config)) {
            orders(one).put("o-1", "paid");

            assertThat(orders(two).get("o-1")).isNull();
        }
    }
}
