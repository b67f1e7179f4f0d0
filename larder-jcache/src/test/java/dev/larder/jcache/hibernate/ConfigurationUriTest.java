package dev.larder.jcache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hibernate.javax.cache.uri} as users write it: Hibernate resolves the name to a URL
 * (a {@code file:} one for a file or a resource in a directory, a {@code jar:} one for a
 * resource packaged in the application's jar) and hands that to the provider.
 */
class ConfigurationUriTest {
    @TempDir
    Path dir;

    private void assertSecondReadHits(Node node) {
        try (node) {
            long id = node.save(new Book("978-0", "Dune", Format.PAPERBACK));
            node.evictAll();
            node.read(s -> s.find(Book.class, id));
            node.stats().clear();

            assertThat(node.read(s -> s.find(Book.class, id)).title).isEqualTo("Dune");
            assertThat(node.stats().getSecondLevelCacheHitCount()).isEqualTo(1);
            assertThat(node.statements()).isZero();
        }
    }

    /**
     * No URI: Hibernate asks for the default manager, {@code larder:default}, configured as
     * Larder finds its configuration (here the file system property {@code larder.config}
     * names). A class loader of its own gives a manager of its own, read afresh.
     */
    @Test
    void noUri_usesTheDefaultManager_configuredAsLarderFindsItsConfiguration() throws IOException {
        Path file = Path.of(URI.create(Node.written(Node.larder("locmem", "default-" + UUID.randomUUID()), dir)));
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        String property = System.getProperty("larder.config");
        try (URLClassLoader app = new URLClassLoader(new URL[0], before)) {
            thread.setContextClassLoader(app);
            System.setProperty("larder.config", file.toString());
            assertSecondReadHits(Node.withSettings(Node.h2(), Map.of()));
        } finally {
            thread.setContextClassLoader(before);
            if (property == null) {
                System.clearProperty("larder.config");
            } else {
                System.setProperty("larder.config", property);
            }
        }
    }

    @Test
    void uriNamingAClassPathResourceInADirectory_configuresTheRegions() {
        assertSecondReadHits(Node.withUri(Node.h2(), true, "hibernate-l2/larder.properties"));
    }

    /**
     * hibernate-jcache resolves the URI as a class-path resource name or a URL before the
     * provider sees it, so Larder's own schemes never reach Larder: leave the URI out for the
     * default manager, and name a resource without {@code classpath:}.
     */
    @Test
    void larderSchemes_areRefusedByHibernate() {
        assertThatThrownBy(() -> Node.withUri(Node.h2(), true, "larder:default"))
                .hasStackTraceContaining("Couldn't load URI from larder:default");
        assertThatThrownBy(() -> Node.withUri(Node.h2(), true, "classpath:hibernate-l2/larder.properties"))
                .hasStackTraceContaining("Couldn't load URI from classpath:hibernate-l2/larder.properties");
    }

    @Test
    void uriNamingAResourceInAJar_configuresTheRegions() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("config/larder-l2.properties"));
            Properties larder = Node.larder("locmem", "jar-" + UUID.randomUUID());
            larder.store(out, null);
            out.closeEntry();
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader app = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            thread.setContextClassLoader(app);
            assertSecondReadHits(Node.withUri(Node.h2(), true, "config/larder-l2.properties"));
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
