package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheRegistry;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Larder's provider adds to JSR-107: configuration, unwrapping, and its serializer's guard. */
class LarderJCacheTest {
    private final LarderCachingProvider provider = new LarderCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    private CacheManager manager(Properties larder) {
        return provider.getCacheManager(URI.create("larder:test"), getClass().getClassLoader(), larder);
    }

    private static Properties locmem() {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "locmem");
        p.setProperty("larder.caches.sessions.backend", "locmem");
        p.setProperty("larder.caches.sessions.timeout", "1h");
        return p;
    }

    private static Properties file(Path dir) {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "file");
        p.setProperty("larder.caches.default.location", dir.toString());
        return p;
    }

    @Test
    void unwrap_givesLarderCacheAndRegistry(@TempDir Path dir) {
        CacheManager manager = manager(file(dir));
        Cache<String, String> cache = manager.createCache("books", new MutableConfiguration<>());
        cache.put("k", "v");
        dev.larder.Cache larder = cache.unwrap(dev.larder.Cache.class);
        assertThat(larder.alias()).startsWith("jcache:books#");
        assertThat(manager.unwrap(CacheRegistry.class).aliases()).contains("default", larder.alias());
        assertThat(cache.unwrap(LarderJCache.class)).isSameAs(cache);
        assertThatThrownBy(() -> cache.unwrap(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
        manager.destroyCache("books");
        assertThat(manager.unwrap(CacheRegistry.class).aliases()).doesNotContain(larder.alias());
    }

    @Test
    void locmemCache_unwrapsToItsCaffeineMap() {
        Cache<String, String> cache = manager(locmem()).createCache("local", new MutableConfiguration<>());
        cache.put("k", "v");
        assertThat(cache.unwrap(com.github.benmanes.caffeine.cache.Cache.class).estimatedSize()).isEqualTo(1);
    }

    @Test
    void getCache_ofConfiguredLarderCache_expiresAfterItsTimeout() {
        CacheManager manager = manager(locmem());
        Cache<Object, Object> sessions = manager.getCache("sessions");
        assertThat(sessions).isNotNull();
        assertThat(manager.getCache("sessions")).isSameAs(sessions);
        @SuppressWarnings("unchecked")
        CompleteConfiguration<Object, Object> config = sessions.getConfiguration(CompleteConfiguration.class);
        ExpiryPolicy policy = config.getExpiryPolicyFactory().create();
        assertThat(policy).isInstanceOf(CreatedExpiryPolicy.class);
        assertThat(policy.getExpiryForCreation().getTimeUnit().toMillis(policy.getExpiryForCreation().getDurationAmount()))
                .isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(manager.getCache("no-such-cache")).isNull();
    }

    @Test
    void createCache_withoutTemplate_namesTheMissingTemplate() {
        Properties p = locmem();
        p.setProperty("larder.caches.pages.backend", "locmem");
        p.setProperty(LarderCacheManager.TEMPLATE, "shared");
        CacheManager manager = manager(p);
        assertThatThrownBy(() -> manager.createCache("books", new MutableConfiguration<>()))
                .isInstanceOf(CacheException.class).hasMessageContaining("'shared'").hasMessageContaining("pages");
        assertThat(manager.createCache("pages", new MutableConfiguration<>())).isNotNull();
    }

    @Test
    void fileUri_readsThatConfiguration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("larder.properties");
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "file");
        p.setProperty("larder.caches.default.location", dir.resolve("store").toString());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }
        CacheManager manager = provider.getCacheManager(file.toUri(), getClass().getClassLoader());
        Cache<String, String> cache = manager.createCache("notes", new MutableConfiguration<>());
        cache.put("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(manager.unwrap(CacheRegistry.class).config("default").backend()).isEqualTo("file");
        assertThat(Files.list(dir.resolve("store"))).isNotEmpty();
    }

    @Test
    void classpathUri_withoutSuchResource_isRefusedByName() {
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("classpath:nope/larder.properties"),
                getClass().getClassLoader())).isInstanceOf(CacheException.class).hasMessageContaining("nope/larder.properties");
    }

    record Secret(String text) {
    }

    @Test
    void valueOfClassNotAllowed_isRefusedAndNothingIsStored() {
        Cache<String, Object> cache = manager(locmem()).createCache("guarded", new MutableConfiguration<>());
        assertThatThrownBy(() -> cache.put("k", new Secret("x"))).isInstanceOf(CacheException.class)
                .hasMessageContaining(Secret.class.getName());
        assertThat(cache.containsKey("k")).isFalse();
        cache.put("k", "plain");
        assertThat(cache.get("k")).isEqualTo("plain");
    }

    @Test
    void allowedClasses_roundTripByValue() {
        Properties p = locmem();
        p.setProperty("larder.caches.default.options.allow-classes", Secret.class.getName());
        Cache<Integer, Secret> cache = manager(p).createCache("secrets", new MutableConfiguration<>());
        Secret s = new Secret("x");
        cache.put(7, s);
        assertThat(cache.get(7)).isEqualTo(s).isNotSameAs(s);
        assertThat(cache.get(7)).isNotSameAs(cache.get(7));
    }

    @Test
    void keysOfManyTypes_findTheirEntries() {
        Cache<Object, String> cache = manager(locmem()).createCache("keys", new MutableConfiguration<>());
        String long1 = "x".repeat(300);
        String spaced = "a key with spaces";
        Object[] keys = {42L, 42, "42", long1, spaced, java.util.UUID.nameUUIDFromBytes(new byte[] {1}),
                TimeUnit.SECONDS, 'c', java.util.List.of(1, 2)};
        for (Object k : keys) {
            cache.put(k, String.valueOf(k));
        }
        for (Object k : keys) {
            assertThat(cache.get(k)).as("key %s", k).isEqualTo(String.valueOf(k));
        }
        assertThat(cache.get(43L)).isNull();
        assertThat(KeyCodec.encode(long1)).startsWith("S:").hasSizeLessThan(60);
        assertThat(KeyCodec.encode(spaced)).startsWith("S:");
        assertThat(KeyCodec.encode("order-17")).isEqualTo("s:order-17");
        assertThat(KeyCodec.encode(42L)).isEqualTo("long:42");
        assertThat(KeyCodec.encode(42)).isEqualTo("integer:42");
    }

    @Test
    void keyWithNoValueForm_onASharedStore_isRefusedByType(@TempDir Path dir) {
        Cache<Object, String> cache = manager(file(dir)).createCache("strict", new MutableConfiguration<>());
        assertThatThrownBy(() -> cache.put(new Object(), "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void closingTheManager_closesItsLarderCaches(@TempDir Path dir) {
        CacheManager manager = manager(file(dir));
        Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<>());
        dev.larder.Cache larder = cache.unwrap(dev.larder.Cache.class);
        manager.close();
        assertThat(cache.isClosed()).isTrue();
        assertThatThrownBy(() -> larder.get("k")).isInstanceOf(IllegalStateException.class);
    }
}
