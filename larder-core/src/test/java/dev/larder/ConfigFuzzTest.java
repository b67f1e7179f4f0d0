package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.serial.AllowList;
import dev.larder.spi.BackendOptions;
import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Configuration from outside: {@code larder.caches.*} properties and environment variables
 * ({@link CacheRegistry#fromProperties}, {@link CacheRegistry#configured(java.util.Map, java.util.Properties)}), option values
 * ({@link BackendOptions}) and the allow-classes pattern list ({@link AllowList#and(String)}).
 * Each throws only what it documents: {@link CacheConfigException} for configuration, and
 * {@link IllegalArgumentException} for {@code AllowList}; at most 64 bytes a character + 1 MiB
 * (a built registry holds a Caffeine cache), 50 ms + 100 ns a character.
 *
 * <p>Backends are drawn from {@code locmem}, {@code dummy} and names of no backend, so that a
 * generated configuration never creates files or connects anywhere.
 */
class ConfigFuzzTest {
    static final String VALUE_ALPHABET = "0123456789-_ .,*$abcxyzTRUEtrue msPT\\u00e9";
    static final List<String> VALUES = List.of("10000", "1_000", "-1", "0", "true", "FALSE", "5m", "never", "PT1S",
            "com.example.model.*", "com.example.**, com.example.Money", "9223372036854775808", "java.lang.Object",
            "dev.larder.testkit.NoSuchClass", "a.b.c.d.e.f.g.h");
    static final List<String> SETTINGS = List.of("backend", "location", "timeout", "key-prefix", "version",
            "key-function", "options.max-entries", "options.cull-frequency", "options.store-references",
            "options.strict-keys", "options.strict-keys ", "options.allow-classes", "options.serializer",
            "options.", "nosuch", "options.nosuch", "backend.x");
    static final Bounded REGISTRY = Bounded.named("CacheRegistry.fromProperties").documented(CacheConfigException.class)
            .allocation(64, 1 << 20);
    static final Bounded ENVIRONMENT = Bounded.named("CacheRegistry.configured")
            .documented(CacheConfigException.class).allocation(64, 1 << 20);
    static final Bounded OPTIONS = Bounded.named("BackendOptions readers").documented(CacheConfigException.class)
            .allocation(64, 64 * 1024);
    static final Bounded ALLOW = Bounded.named("AllowList.and").documented(IllegalArgumentException.class)
            .allocation(64, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(VALUE_ALPHABET, VALUES);
    }

    @Provide
    Arbitrary<Map<String, String>> properties() {
        Arbitrary<String> alias = Arbitraries.oneOf(Arbitraries.of("default", "pages", "", " ", "a b", "DEFAULT"),
                Arbitraries.strings().withChars("abc_- .\\u00e9").ofMaxLength(6));
        Arbitrary<String> setting = Arbitraries.oneOf(Arbitraries.of(SETTINGS),
                Arbitraries.strings().withChars("abcoptins.-").ofMaxLength(12));
        Arbitrary<String> name = Combinators.combine(alias, setting).as(ConfigNames::setting);
        Arbitrary<String> value = Arbitraries.oneOf(values(), Arbitraries.of("locmem", "dummy", "nosuch", ""));
        return Arbitraries.maps(Arbitraries.oneOf(name, Arbitraries.strings().ofMaxLength(20)), value).ofMaxSize(6)
                .map(ConfigFuzzTest::neverTouchingTheOutside);
    }

    /** Only backends that hold nothing outside this JVM. */
    static Map<String, String> neverTouchingTheOutside(Map<String, String> props) {
        props.replaceAll((k, v) -> k.endsWith(".backend") && !List.of("locmem", "dummy", "nosuch", "").contains(v.trim())
                ? "locmem" : v);
        return props;
    }

    @Property
    void fromProperties_ofAnyProperties_buildsOrNamesTheMistake(@ForAll("properties") Map<String, String> map) {
        Properties props = new Properties();
        props.putAll(map);
        CacheRegistry registry = REGISTRY.call(size(map), () -> CacheRegistry.fromProperties(props));
        if (registry != null) {
            registry.close();
        }
    }

    @Property
    void fromEnvironment_ofAnyVariables_buildsOrNamesTheMistake(@ForAll("properties") Map<String, String> map) {
        Map<String, String> env = new java.util.TreeMap<>();
        map.forEach((k, v) -> env.put(k.replace("larder.caches.", "LARDER_CACHES_").replace('.', '_')
                .replace('-', '_').toUpperCase(java.util.Locale.ROOT), v));
        Properties system = new Properties();
        system.putAll(map);
        CacheRegistry.Builder builder = ENVIRONMENT.call(2 * size(map), () -> CacheRegistry.configured(env, system));
        if (builder != null) {
            assertThat(builder.configs()).doesNotContainKey("");
        }
    }

    @Property
    void optionReaders_ofAnyValue_readOrNameTheMistake(@ForAll("values") String value) {
        BackendOptions options = new BackendOptions("fuzz", Map.of("o", value));
        OPTIONS.call(value.length(), () -> options.longValue("o", 1, 0));
        OPTIONS.call(value.length(), () -> options.intValue("o", 1, 0));
        OPTIONS.call(value.length(), () -> options.booleanValue("o", false));
        Duration d = OPTIONS.call(value.length(), () -> options.duration("o", Duration.ofSeconds(1)));
        if (d != null) {
            assertThat(d).isPositive();
        }
    }

    @Property
    void allowClasses_ofAnyList_isAllowListOrIllegalArgument(@ForAll("patterns") String list) {
        ALLOW.call(list.length(), () -> AllowList.defaults().and(list));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.oneOf(values(), Shapes.huge(Arbitraries.of("a.", "a.b,", "com.example.*, ", "é1.")),
                Shapes.text("ab.*,$_1 \\u00e9", List.of("com.example.*", "com.example.**", "a.b.C$D")));
    }

    @Example
    void fromProperties_blankAlias_isAConfigError() {
        // The generated maps reach this rarely: the registry's IllegalArgumentException escaped unwrapped.
        Properties props = new Properties();
        props.setProperty("larder.caches. .backend", "locmem");
        REGISTRY.call(30, () -> CacheRegistry.fromProperties(props));
    }

    @Example
    void fromProperties_strictKeysUnderTwoSpellings_isAConfigError() {
        // The generated maps reach this rarely: the builder's IllegalStateException for a setting given twice escaped.
        Properties props = new Properties();
        props.setProperty("larder.caches.default.options.strict-keys", "true");
        props.setProperty("larder.caches.default.options.strict-keys ", "true");
        REGISTRY.call(100, () -> CacheRegistry.fromProperties(props));
    }

    @Property
    void allowClasses_ofShortText_followsTheQualifiedNameGrammar(@ForAll("shortPatterns") String pattern) {
        boolean grammar = pattern.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\.\\*\\*?)?");
        boolean allowed = ALLOW.call(pattern.length(), () -> AllowList.defaults().and(new String[] {pattern})) != null;
        assertThat(allowed).as(pattern).isEqualTo(grammar);
    }

    @Provide
    Arbitrary<String> shortPatterns() {
        return Arbitraries.strings().withChars("ab1.*$_ \u00e9\u0661\u2160-").ofMaxLength(12);
    }

    @Example
    void allowClasses_ofManyPackageSegments_isAllowedWithoutOverflowingTheStack() {
        // Found by fuzzing (a huge list built from "a."): the pattern's regular expression recursed per segment.
        String pattern = "a" + ".a".repeat(50_000);
        assertThat(ALLOW.call(pattern.length(), () -> AllowList.defaults().and(pattern))).isNotNull();
    }

    private static long size(Map<String, String> map) {
        return map.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
    }

    @AfterContainer
    static void summary() {
        System.out.println(REGISTRY.summary());
        System.out.println(ENVIRONMENT.summary());
        System.out.println(OPTIONS.summary());
        System.out.println(ALLOW.summary());
    }
}
