package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
    @TempDir
    Path dir;

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private static CacheConfigException configError(Properties p) {
        try (CacheRegistry r = CacheRegistry.fromProperties(p)) {
            throw new AssertionError("expected a configuration error, got " + r.aliases());
        } catch (CacheConfigException e) {
            return e;
        }
    }

    @Test
    void noConfiguration_givesALocmemDefault() {
        try (CacheRegistry caches = CacheRegistry.fromProperties(new Properties())) {
            assertThat(caches.aliases()).containsExactly("default");
            caches.defaultCache().set("k", "v");
            assertThat(caches.defaultCache().get("k")).isEqualTo("v");
            assertThat(caches.defaultCache().toString()).contains("locmem");
        }
    }

    @Test
    void properties_configureEverySetting() {
        Properties p = props(
                "larder.caches.default.backend", "locmem",
                "larder.caches.default.location", "config-test-all",
                "larder.caches.default.timeout", "5m",
                "larder.caches.default.key-prefix", "site",
                "larder.caches.default.version", "3",
                "larder.caches.default.key-function", UpperCaseKeys.class.getName(),
                "larder.caches.default.options.max-entries", "1000",
                "larder.caches.default.options.strict-keys", "true",
                "larder.caches.sessions.backend", "dummy",
                "unrelated.setting", "ignored");
        try (CacheRegistry caches = CacheRegistry.fromProperties(p)) {
            assertThat(caches.aliases()).containsExactly("default", "sessions");
            Cache cache = caches.defaultCache();
            assertThat(cache.version()).isEqualTo(3);
            cache.set("k", "v");
            assertThat(cache.get("K")).isEqualTo("v");
            assertThatThrownBy(() -> cache.get("a b")).isInstanceOf(InvalidCacheKeyException.class)
                    .hasMessageContaining("SITE-3-A B");
            assertThat(caches.cache("sessions").toString()).contains("dummy");
        }
    }

    @Test
    void environment_overridesFile_andSystemPropertiesOverrideBoth() {
        Properties file = props("larder.caches.default.timeout", "10", "larder.caches.default.key-prefix", "file");
        Map<String, String> env = Map.of(
                "LARDER_CACHES_DEFAULT_TIMEOUT", "20",
                "LARDER_CACHES_DEFAULT_KEY_PREFIX", "env",
                "LARDER_CACHES_PAGES_BACKEND", "dummy",
                "LARDER_CACHES_PAGES_OPTIONS_MAX_ENTRIES", "5",
                "PATH", "/usr/bin");
        Properties system = props("larder.caches.default.timeout", "30", "java.home", "/jdk");
        Properties merged = ConfigLoader.merge(file, env, system);
        assertThat(merged).containsEntry("larder.caches.default.timeout", "30")
                .containsEntry("larder.caches.default.key-prefix", "env")
                .containsEntry("larder.caches.pages.backend", "dummy")
                .containsEntry("larder.caches.pages.options.max-entries", "5")
                .doesNotContainKey("java.home");
    }

    @Test
    void environmentAndSystemProperties_reachTheBuiltCaches() {
        Map<String, String> env = Map.of("LARDER_CACHES_DEFAULT_TIMEOUT", "20", "LARDER_CACHES_PAGES_BACKEND", "dummy");
        Properties system = props("larder.caches.default.version", "3");
        try (CacheRegistry r = CacheRegistry.configured(env, system).build()) {
            assertThat(r.aliases()).containsExactly("default", "pages");
            assertThat(r.defaultCache().toString()).contains("version 3");
            assertThat(r.cache("pages").add("k", "v")).as("dummy reports success").isTrue();
            assertThat(r.cache("pages").get("k")).as("and keeps nothing").isNull();
        }
    }

    @Test
    void badValueFromTheEnvironment_namesTheVariable() {
        Map<String, String> env = Map.of("LARDER_CACHES_DEFAULT_TIMEOUT", "soon");
        assertThatThrownBy(() -> CacheRegistry.configured(env, new Properties()))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.timeout='soon'")
                .hasMessageContaining("(set by environment variable LARDER_CACHES_DEFAULT_TIMEOUT)");
        Map<String, String> option = Map.of("LARDER_CACHES_DEFAULT_OPTIONS_MAX_ENTRIES", "lots");
        assertThatThrownBy(() -> CacheRegistry.configured(option, new Properties()).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("'lots'")
                .hasMessageContaining("(set by environment variable LARDER_CACHES_DEFAULT_OPTIONS_MAX_ENTRIES)");
        Properties system = props("larder.caches.default.version", "two");
        assertThatThrownBy(() -> CacheRegistry.configured(Map.of(), system))
                .hasMessageContaining("(set by system property -Dlarder.caches.default.version)");
    }

    @Test
    void unknownEnvironmentSetting_isAnError() {
        assertThatThrownBy(() -> ConfigLoader.propertyForEnv("LARDER_CACHES_DEFAULT_COLOUR"))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("LARDER_CACHES_DEFAULT_COLOUR");
    }

    @Test
    void configFile_isFoundThroughTheSystemProperty() throws Exception {
        Path file = dir.resolve("larder.properties");
        Files.writeString(file, "larder.caches.default.key-prefix=fromfile\n");
        Properties read = ConfigLoader.readFile(Map.of(), props("larder.config", file.toString()));
        assertThat(read).containsEntry("larder.caches.default.key-prefix", "fromfile");
        assertThatThrownBy(() -> ConfigLoader.readFile(Map.of("LARDER_CONFIG", dir.resolve("nope").toString()),
                new Properties())).isInstanceOf(CacheConfigException.class).hasMessageContaining("nope");
    }

    @Test
    void missingDefault_isAnErrorNamingTheAliases() {
        assertThat(configError(props("larder.caches.pages.backend", "locmem")))
                .hasMessageContaining("no 'default' cache").hasMessageContaining("[pages]");
    }

    @Test
    void unknownBackend_namesTheKnownOnes() {
        assertThat(configError(props("larder.caches.default.backend", "redis-ish")))
                .hasMessageContaining("larder.caches.default.backend='redis-ish'")
                .hasMessageContaining("dummy, file, locmem, pausing, thirdparty");
    }

    @Test
    void badTimeout_namesKeyAndValue() {
        assertThat(configError(props("larder.caches.default.timeout", "soon")))
                .hasMessageContaining("larder.caches.default.timeout='soon'");
    }

    @Test
    void badOption_namesKeyAndValue() {
        assertThat(configError(props("larder.caches.default.options.max-entries", "lots")))
                .hasMessageContaining("larder.caches.default.options.max-entries='lots'")
                .hasMessageContaining("not a whole number");
        assertThat(configError(props("larder.caches.default.options.max-entries", "0")))
                .hasMessageContaining("at least 1");
        assertThat(configError(props("larder.caches.default.options.store-references", "yes")))
                .hasMessageContaining("'yes'");
    }

    @Test
    void unknownOption_andUnknownSetting_areErrors() {
        assertThat(configError(props("larder.caches.default.options.max-entires", "10")))
                .hasMessageContaining("max-entires").hasMessageContaining("max-entries");
        assertThat(configError(props("larder.caches.default.timout", "10")))
                .hasMessageContaining("larder.caches.default.timout").hasMessageContaining("timeout");
        assertThat(configError(props("larder.caches.default", "x"))).hasMessageContaining("larder.caches.default");
    }

    @Test
    void otherAliasWithoutBackend_isAnError() {
        assertThat(configError(props("larder.caches.default.backend", "locmem", "larder.caches.pages.timeout", "5")))
                .hasMessageContaining("larder.caches.pages.backend is not set");
    }

    @Test
    void badKeyFunctionClass_isAnError() {
        assertThat(configError(props("larder.caches.default.key-function", "com.example.Nope")))
                .hasMessageContaining("com.example.Nope").hasMessageContaining("no such class");
        assertThat(configError(props("larder.caches.default.key-function", "java.lang.String")))
                .hasMessageContaining("does not implement");
    }

    @Test
    void strictPrefixWithSpace_failsAtStartup() {
        assertThat(configError(props("larder.caches.default.key-prefix", "my app",
                "larder.caches.default.options.strict-keys", "true")))
                .hasMessageContaining("key-prefix='my app'");
    }

    @Test
    void prefixWithAnUnpairedSurrogate_failsAtStartupEvenWhenNotStrict() {
        assertThat(configError(props("larder.caches.default.key-prefix", "app\uD800")))
                .hasMessageContaining("key-prefix='app\\ud800'").hasMessageContaining("at index 3");
    }

    @Test
    void coreOptionsGivenInCode_workAsTheirBuilderMethods() {
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder()
                .location("config-test-options").option("strict-keys", "true").build()).build()) {
            assertThatThrownBy(() -> caches.defaultCache().get("has space")).isInstanceOf(InvalidCacheKeyException.class);
        }
        assertThatThrownBy(() -> CacheConfig.builder().option("strict-keys", "maybe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> CacheConfig.builder().option("strict-keys", "true").strictKeys(false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(configError(props("larder.caches.default.options.strict-keys", "maybe")))
                .hasMessageContaining("larder.caches.default.options.strict-keys='maybe'");
    }

    @Test
    void fileBackendWithoutLocation_isAnError() {
        assertThat(configError(props("larder.caches.default.backend", "file")))
                .hasMessageContaining("larder.caches.default.location is not set");
    }

    @Test
    void thirdPartyBackend_isFoundByNameAndGetsItsOptions() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        StringBuilder attached = new StringBuilder("handed over in code");
        try (CacheRegistry caches = CacheRegistry.builder().clock(clock)
                .cache("default", CacheConfig.builder().backend("thirdparty").location("tp").option("shards", "4")
                        .keyPrefix("site").attach(CharSequence.class, attached).build())
                .build()) {
            assertThat(ThirdPartyBackendFactory.lastContext.options().intValue("shards", 1, 1)).isEqualTo(4);
            assertThat(ThirdPartyBackendFactory.lastContext.clock()).isSameAs(clock);
            assertThat(ThirdPartyBackendFactory.lastContext.attachment(CharSequence.class)).containsSame(attached);
            assertThat(ThirdPartyBackendFactory.lastContext.attachment(Runnable.class)).isEmpty();
            assertThat(ThirdPartyBackendFactory.lastContext.keyPrefix()).isEqualTo("site");
            assertThat(ThirdPartyBackendFactory.lastContext.defaultKeyFunction()).isTrue();
            caches.defaultCache().set("k", "v");
            assertThat(caches.defaultCache().get("k")).isEqualTo("v");
        }
    }

    @Test
    void backend_canBeNamedByFactoryClass() {
        try (CacheRegistry caches = CacheRegistry.fromProperties(props(
                "larder.caches.default.backend", UnregisteredBackendFactory.class.getName()))) {
            assertThat(caches.defaultCache().toString()).contains("dummy");
        }
        try (CacheRegistry caches = CacheRegistry.fromProperties(props(
                "larder.caches.default.backend", dev.larder.file.FileBackendFactory.class.getName(),
                "larder.caches.default.location", dir.toString()))) {
            assertThat(caches.defaultCache().toString()).contains("file");
        }
    }

    @Test
    void unknownAlias_namesTheConfiguredOnes() {
        try (CacheRegistry caches = CacheRegistry.fromProperties(new Properties())) {
            assertThatThrownBy(() -> caches.cache("pages")).isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("'pages'").hasMessageContaining("[default]");
        }
    }

    @Test
    void builder_refusesSettingsGivenTwiceOrBlank() {
        assertThatThrownBy(() -> CacheConfig.builder().backend("locmem").backend("file"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("locmem");
        assertThatThrownBy(() -> CacheConfig.builder().backend(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheConfig.builder().timeout(Timeout.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheConfig.builder().option("max-entries", "1").option("max-entries", "2"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CacheConfig.builder().allowClasses("bad pattern"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheRegistry.builder().cache("a.b", CacheConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.b'");
    }

    @Test
    void passwordsInTheLocationAndOptions_neverReachToStringOrErrors() {
        String location = "redis://:Zq9@Xk7/Wm3@127.0.0.1:6379";
        CacheConfig config = CacheConfig.builder().backend("redis").location(location).option("password", "Zq9 Xk7")
                .option("url", "jdbc:h2:mem:x;PASSWORD=Zq9;=&Xk7").build();
        assertThat(config.toString()).doesNotContain("Zq9", "Xk7").contains("127.0.0.1:6379", "password=***");
        assertThatThrownBy(() -> CacheConfig.builder().option("password", "Zq9@Xk7").option("password", "other"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("Zq9");
        assertThatThrownBy(() -> CacheConfig.builder().location(location).location("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("Zq9").hasMessageContaining("127.0.0.1");
        assertThat(new dev.larder.spi.BackendOptions("c", Map.of("auth-token", "Zq9")).error("auth-token", "Zq9", "is bad"))
                .hasMessageNotContaining("Zq9").hasMessageContaining("options.auth-token='***'");
    }

    @Test
    void failedBuild_closesCachesAlreadyCreated() {
        CacheRegistry.Builder b = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().location("config-test-rollback").option("max-entries", "10").build())
                .cache("clash", CacheConfig.builder().location("config-test-rollback").option("max-entries", "20").build());
        assertThatThrownBy(b::build).isInstanceOf(CacheConfigException.class).hasMessageContaining("conflicts");
        // The store was released, so a new cache may now take that location with another bound.
        try (CacheRegistry ok = CacheRegistry.builder().cache("default",
                CacheConfig.builder().location("config-test-rollback").option("max-entries", "20").build()).build()) {
            assertThat(ok.aliases()).containsExactly("default");
        }
    }

    @Test
    void negativeTimeout_failsAtStartup_namingThePropertyAndWhatToWriteInstead() {
        assertThat(configError(props("larder.caches.default.timeout", "-1")))
                .hasMessageContaining("larder.caches.default.timeout='-1'")
                .hasMessageContaining("write 0 to keep nothing or 'never' for no expiry");
        assertThatThrownBy(() -> CacheRegistry.configured(Map.of("LARDER_CACHES_DEFAULT_TIMEOUT", "-1"), new Properties()))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.timeout='-1'")
                .hasMessageContaining("(set by environment variable LARDER_CACHES_DEFAULT_TIMEOUT)");
        assertThatThrownBy(() -> CacheRegistry.configured(Map.of(), props("larder.caches.default.timeout", "-30s")))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.timeout='-30s'")
                .hasMessageContaining("(set by system property -Dlarder.caches.default.timeout)");
    }

    @Test
    void negativeDefaultTimeoutInCode_isRefused_asInConfiguration() {
        assertThatThrownBy(() -> CacheConfig.builder().timeout(Timeout.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be negative")
                .hasMessageContaining("Timeout.ZERO to keep nothing or Timeout.NEVER for no expiry");
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder()
                .location("config-test-negative").timeout(Timeout.ZERO).build()).build()) {
            caches.defaultCache().set("k", "v");
            assertThat(caches.defaultCache().get("k")).as("0 keeps nothing").isNull();
            caches.defaultCache().set("k", "v", Timeout.NEVER);
            caches.defaultCache().set("k", "v", Timeout.ofSeconds(-1));
            assertThat(caches.defaultCache().get("k")).as("a negative timeout on a call expires at once").isNull();
        }
    }

    @Test
    void latin1ConfigFile_failsNamingTheFileTheLineAndUtf8() throws Exception {
        Path file = dir.resolve("larder.properties");
        Files.write(file, "# caches\nlarder.caches.default.backend=locmem\r\nlarder.caches.default.key-prefix=caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CacheRegistry.configured(Map.of("LARDER_CONFIG", file.toString()), new Properties()))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining(file + " line 3: byte 0xE9 is not UTF-8")
                .hasMessageContaining("the file must be saved as UTF-8");
    }

    @Test
    void utf8ConfigFile_withOrWithoutByteOrderMark_keepsItsAccents() throws Exception {
        Path file = dir.resolve("larder.properties");
        Files.writeString(file, "\uFEFFlarder.caches.default.key-prefix=caf\u00e9\n");
        Properties read = ConfigLoader.readFile(Map.of(), props("larder.config", file.toString()));
        assertThat(read).containsEntry("larder.caches.default.key-prefix", "caf\u00e9");
    }

    @Test
    void propertyNameWithWhitespace_isAConfigError_showingTheWhitespace() {
        assertThat(configError(props("larder.caches.default.options.max-entries\t", "5")))
                .hasMessageContaining("property 'larder.caches.default.options.max-entries\\t' has whitespace")
                .hasMessageContaining("write larder.caches.default.options.max-entries");
        assertThat(configError(props("larder.caches.default.timeout ", "5")))
                .hasMessageContaining("'larder.caches.default.timeout '");
        // Two spellings of one core option used to reach the builder twice: an IllegalStateException.
        assertThat(configError(props("larder.caches.default.options.strict-keys", "true",
                "larder.caches.default.options.strict-keys ", "false")))
                .hasMessageContaining("'larder.caches.default.options.strict-keys '");
    }

    @Test
    void propertyNameWithWhitespace_fromTheEnvironmentOrMinusD_namesWhereItWasSet() {
        assertThatThrownBy(() -> CacheRegistry.configured(Map.of(),
                props("larder.caches.default.options.max-entries\t", "5")))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("'larder.caches.default.options.max-entries\\t'")
                .hasMessageContaining("(set by system property -D'larder.caches.default.options.max-entries\\t')");
        assertThatThrownBy(() -> CacheRegistry.configured(Map.of("LARDER_CACHES_DEFAULT_OPTIONS_MAX_ENTRIES ", "5"),
                new Properties()))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("'larder.caches.default.options.max-entries '")
                .hasMessageContaining("(set by environment variable 'LARDER_CACHES_DEFAULT_OPTIONS_MAX_ENTRIES ')");
        assertThatThrownBy(() -> ConfigLoader.propertyForEnv("LARDER_CACHES_DEFAULT_TIMEOUT\t"))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("'LARDER_CACHES_DEFAULT_TIMEOUT\\t'");
    }

    @Test
    void optionNameWithWhitespace_inCode_isRefusedByTheBuilder_showingIt() {
        assertThatThrownBy(() -> CacheConfig.builder().option("max-entries ", "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option name 'max-entries '");
        assertThatThrownBy(() -> CacheConfig.builder().option("strict-keys", "true").option("\tstrict-keys", "false"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'\\tstrict-keys'");
    }

    @Test
    void failedBuild_removesTheDirectoriesAFileCacheCreated_andNothingElse() {
        Path made = dir.resolve("made");
        assertThat(configError(props(
                "larder.caches.default.backend", "file",
                "larder.caches.default.location", made.resolve("pages").toString(),
                "larder.caches.existing.backend", "file",
                "larder.caches.existing.location", dir.toString(),
                "larder.caches.zbroken.backend", "nosuch")))
                .hasMessageContaining("larder.caches.zbroken.backend='nosuch'");
        assertThat(made).doesNotExist();
        assertThat(dir).isDirectory();

        assertThat(configError(props(
                "larder.caches.default.backend", "file",
                "larder.caches.default.location", made.toString(),
                "larder.caches.other.backend", StrangerBackendFactory.class.getName(),
                "larder.caches.other.location", made.toString())))
                .hasMessageContaining("refused by the stranger backend");
        assertThat(made.resolve("stranger.txt")).as("what another put there stays").hasContent("not Larder's");
    }

    @Test
    void fileCacheFailingPartWayThroughCreatingItsDirectory_leavesNoParentBehind() {
        Path made = dir.resolve("made");
        assertThat(configError(props(
                "larder.caches.default.backend", "file",
                "larder.caches.default.location", made.resolve("x".repeat(300)).toString())))
                .hasMessageContaining("cannot be used as a cache directory");
        assertThat(made).doesNotExist();
    }
}
