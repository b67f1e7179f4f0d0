package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manager whose URI is an entry of a jar, as a packaged Spring Boot application hands its {@code classpath:} resources over. */
class JarConfigurationTest {

    @Test
    void jarUri_theManagerReadsTheEntry(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("config/larder-jcache.properties"));
            out.write(("larder.caches.default.backend=locmem\n"
                    + "larder.caches.default.location=jar-config\n"
                    + "larder.caches.inventory.backend=locmem\n"
                    + "larder.caches.inventory.location=jar-config-inventory\n").getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        URI uri = URI.create("jar:" + jar.toUri() + "!/config/larder-jcache.properties");
        try (CacheManager manager = new LarderCachingProvider().getCacheManager(uri, getClass().getClassLoader())) {
            // The class path's larder.properties (the default lookup) has no "inventory" cache.
            assertThat(manager.unwrap(CacheRegistry.class).aliases()).containsExactlyInAnyOrder("default", "inventory");
            assertThat(manager.getURI()).isEqualTo(uri);
            javax.cache.Cache<Object, Object> inventory = manager.getCache("inventory");
            inventory.put("sku-1", 3L);
            assertThat(inventory.get("sku-1")).isEqualTo(3L);
        }
    }
}
