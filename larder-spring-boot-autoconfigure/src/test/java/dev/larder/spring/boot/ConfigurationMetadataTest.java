package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.larder.spi.CacheBackendFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The metadata an IDE completes {@code larder.*} from: generated from the properties classes,
 * with hand-written hints that must name every backend and every option there is.
 */
class ConfigurationMetadataTest {
    private static final Set<String> CORE_OPTIONS = Set.of("strict-keys", "allow-classes", "serializer", "max-value-size");

    @Test
    void backendHints_nameEveryBackendOnTheClassPath() throws IOException {
        Set<String> backends = new TreeSet<>();
        ServiceLoader.load(CacheBackendFactory.class).forEach(f -> backends.add(f.name()));
        assertThat(backends).contains("locmem", "redis", "memcached", "jdbc");
        assertThat(hintValues("larder.caches.default.backend")).containsExactlyInAnyOrderElementsOf(backends);
    }

    @Test
    void optionHints_nameEveryOptionOfEveryBackend() throws IOException {
        Set<String> options = new TreeSet<>(CORE_OPTIONS);
        ServiceLoader.load(CacheBackendFactory.class).forEach(f -> options.addAll(f.options()));
        // The near cache's settings are spelled near-cache.<name>, not options.near-cache.<name>.
        Set<String> near = new TreeSet<>();
        options.removeIf(o -> o.startsWith("near-cache.") && near.add(o.substring("near-cache.".length())));
        assertThat(hintValues("larder.caches.default.options.keys")).containsExactlyInAnyOrderElementsOf(options);
        assertThat(hintValues("larder.caches.default.near-cache.keys")).containsExactlyInAnyOrderElementsOf(near);
    }

    @Test
    void theGeneratedMetadata_describesTheCachesMapAndTheDefaultsSettings() throws IOException {
        String json = metadata();
        List<String> names = JsonPath.read(json, "$.properties[*].name");
        assertThat(names).contains("larder.caches", "larder.caches.default.backend", "larder.caches.default.timeout",
                "larder.caches.default.options");
        List<String> descriptions = JsonPath.read(json, "$.properties[?(@.name == 'larder.caches.default.timeout')].description");
        assertThat(descriptions).singleElement().asString().contains("never");
    }

    @Test
    void theGeneratedMetadata_describesTheStaleWindows() throws IOException {
        String json = metadata();
        for (String name : List.of("larder.page-cache.stale-while-revalidate", "larder.page-cache.stale-if-error")) {
            List<String> descriptions = JsonPath.read(json, "$.properties[?(@.name == '" + name + "')].description");
            assertThat(descriptions).as(name).singleElement().asString().contains("RFC 5861").contains("0 turns it off");
            List<String> types = JsonPath.read(json, "$.properties[?(@.name == '" + name + "')].type");
            assertThat(types).as(name).containsExactly("java.time.Duration");
        }
    }

    private static List<String> hintValues(String property) throws IOException {
        return JsonPath.read(metadata(), "$.hints[?(@.name == '" + property + "')].values[*].value");
    }

    private static String metadata() throws IOException {
        try (InputStream in = LarderProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
