package dev.larder;

import dev.larder.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code larder.caches.<alias>.<setting>} properties into cache configurations by alias,
 * and merges the file, environment and system properties in that order of precedence (last
 * wins). It knows nothing of the registry, which takes what it returns.
 */
final class ConfigLoader {
    private static final String PREFIX = ConfigNames.PREFIX;
    private static final String DEFAULT_ALIAS = ConfigNames.DEFAULT_ALIAS;
    static final String FILE_NAME = "larder.properties";
    private static final String ENV_PREFIX = "LARDER_CACHES_";
    private static final Set<String> SETTINGS = Set.of("backend", "location", "timeout", "key-prefix", "version",
            "key-function", "load-wait", "lease", "early-refresh", "stale-while-revalidate", "stale-if-error");

    private ConfigLoader() {
    }

    /**
     * What the properties configure: the caches by alias, {@code default} first, and where each
     * overridden property came from (property to "environment variable X" or "system property -DX").
     */
    record Loaded(Map<String, CacheConfig> caches, Map<String, String> origins) {
    }

    static Loaded fromEnvironment(Map<String, String> env, Properties system) {
        Map<String, String> origins = origins(env, system);
        try {
            return new Loaded(parse(merge(readFile(env, system), env, system)), origins);
        } catch (CacheConfigException e) {
            throw withOrigin(e, origins);
        }
    }

    /**
     * Where each overridden property came from, so that an error about a value set in the
     * environment names the variable the user actually set, not only the property it maps to.
     */
    static Map<String, String> origins(Map<String, String> env, Properties system) {
        Map<String, String> origins = new TreeMap<>();
        for (String variable : env.keySet()) {
            if (variable.startsWith(ENV_PREFIX)) {
                origins.put(propertyForEnv(variable), "environment variable " + shown(variable));
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                origins.put(name, "system property -D" + shown(name));
            }
        }
        return origins;
    }

    private static String shown(String name) {
        return ConfigNames.isPlain(name) ? name : ConfigNames.quoted(name);
    }

    /** {@code e}, with " (set by ...)" added when its message is about an overridden property. */
    static CacheConfigException withOrigin(CacheConfigException e, Map<String, String> origins) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (Map.Entry<String, String> origin : origins.entrySet()) {
            String property = origin.getKey();
            if (message.contains(property + "=") || message.contains(property + " ") || message.contains(ConfigNames.quoted(property))) {
                CacheConfigException named = new CacheConfigException(message + " (set by " + origin.getValue() + ")",
                        e.getCause());
                named.setStackTrace(e.getStackTrace());
                return named;
            }
        }
        return e;
    }

    /** File settings, overridden by environment variables, overridden by system properties. */
    static Properties merge(Properties file, Map<String, String> env, Properties system) {
        Properties merged = new Properties();
        merged.putAll(file);
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX)) {
                merged.setProperty(propertyForEnv(e.getKey()), e.getValue());
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                merged.setProperty(name, system.getProperty(name));
            }
        }
        return merged;
    }

    /**
     * {@code LARDER_CACHES_<ALIAS>_<SETTING>} to {@code larder.caches.<alias>.<setting>}:
     * {@code LARDER_CACHES_DEFAULT_KEY_PREFIX} is {@code larder.caches.default.key-prefix},
     * {@code LARDER_CACHES_PAGES_OPTIONS_MAX_ENTRIES} is
     * {@code larder.caches.pages.options.max-entries}.
     */
    static String propertyForEnv(String variable) {
        String rest = variable.substring(ENV_PREFIX.length());
        int options = rest.indexOf("_OPTIONS_");
        if (options > 0) {
            return ConfigNames.option(alias(rest.substring(0, options)),
                    rest.substring(options + "_OPTIONS_".length()).toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        for (String setting : SETTINGS) {
            String suffix = "_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                return ConfigNames.setting(alias(rest.substring(0, rest.length() - suffix.length())), setting);
            }
        }
        throw new CacheConfigException("environment variable " + ConfigNames.quoted(variable) + " is not a Larder setting; use "
                + ENV_PREFIX + "<ALIAS>_<SETTING> with a setting of " + SETTINGS + " or OPTIONS_<NAME>");
    }

    private static String alias(String envAlias) {
        return envAlias.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses every {@code larder.caches.*} property, other properties being ignored, into the
     * configured caches by alias, {@code default} first.
     */
    static Map<String, CacheConfig> parse(Properties properties) {
        Map<String, Map<String, String>> byAlias = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.strip().startsWith(PREFIX)) {
                continue;
            }
            checkVisible(name);
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new CacheConfigException(name + " is not a cache setting: use " + PREFIX + "<alias>.<setting>");
            }
            byAlias.computeIfAbsent(rest.substring(0, dot), a -> new TreeMap<>())
                    .put(rest.substring(dot + 1), properties.getProperty(name));
        }
        Map<String, CacheConfig> caches = new LinkedHashMap<>();
        // The default cache goes first so that it is created first and listed first.
        Map<String, String> defaults = byAlias.remove(DEFAULT_ALIAS);
        if (defaults != null) {
            caches.put(DEFAULT_ALIAS, config(DEFAULT_ALIAS, defaults));
        }
        byAlias.forEach((alias, settings) -> caches.put(alias, config(alias, settings)));
        return caches;
    }

    /**
     * A property name with a space, tab or control character in it (easily typed in {@code -D}
     * or an environment variable, and invisible in a message) is refused, quoted with the
     * character shown.
     */
    private static void checkVisible(String name) {
        if (ConfigNames.isPlain(name)) {
            return;
        }
        String hint = ConfigNames.isPlain(name.strip()) ? "; write " + name.strip() : "";
        throw new CacheConfigException("property " + ConfigNames.quoted(name)
                + " has whitespace or a control character in its name (shown escaped)" + hint);
    }


    private static CacheConfig config(String alias, Map<String, String> settings) {
        CacheConfig.Builder b = CacheConfig.builder();
        if (!settings.containsKey("backend") && !alias.equals(DEFAULT_ALIAS)) {
            throw new CacheConfigException(ConfigNames.setting(alias, "backend") + " is not set; every cache but '"
                    + DEFAULT_ALIAS + "' (locmem unless told otherwise) must name its backend");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String property = ConfigNames.setting(alias, e.getKey());
            try {
                apply(alias, b, e.getKey(), e.getValue().trim());
            } catch (IllegalArgumentException | IllegalStateException ex) {
                // IllegalStateException: one setting under two spellings ("options.strict-keys" and "options.strict-keys ").
                throw new CacheConfigException(property + "='" + Secrets.maskSetting(e.getKey(), e.getValue())
                        + "': " + ex.getMessage(), ex);
            }
        }
        return b.build();
    }

    private static void apply(String alias, CacheConfig.Builder b, String setting, String value) {
        if (setting.startsWith("options.")) {
            b.option(setting.substring("options.".length()), value);
            return;
        }
        if (setting.startsWith(ConfigNames.NEAR_CACHE)) {
            // Read by the backend that has a near cache (redis), which lists them among its options.
            b.option(setting, value);
            return;
        }
        switch (setting) {
            case "backend" -> b.backend(value);
            case "location" -> b.location(value);
            case "timeout" -> b.timeout(Timeout.parse(value));
            case "key-prefix" -> b.keyPrefix(value);
            case "version" -> b.version(parseInt(value));
            case "key-function" -> b.keyFunction(CacheFactory.instantiate(alias, setting, value, KeyFunction.class));
            case "load-wait" -> b.loadWait(parseWait(value));
            case "lease" -> parseLease(b, value);
            case "early-refresh" -> b.earlyRefresh(CacheConfig.Builder.parseBoolean(value));
            case "stale-while-revalidate" -> b.staleWhileRevalidate(parseWait(value));
            case "stale-if-error" -> b.staleIfError(parseWait(value));
            default -> throw new CacheConfigException(ConfigNames.setting(alias, setting) + " is not a cache setting; known: "
                    + new TreeSet<>(SETTINGS) + ", near-cache.<name> and options.<name>");
        }
    }

    /** A duration in the timeout syntax that a wait can last: positive, never "never". */
    private static Duration parseWait(String value) {
        Timeout wait = Timeout.parse(value);
        if (wait.isNever() || wait.toMillis() <= 0) {
            throw new IllegalArgumentException("is not a positive duration: use 30s, 500ms, 2m or PT30S");
        }
        return wait.duration();
    }

    /** {@code true} (a lease of {@link LoadPolicy#DEFAULT_LEASE_TIME}), {@code false}, or the lease's time. */
    private static void parseLease(CacheConfig.Builder b, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> b.lease(LoadPolicy.DEFAULT_LEASE_TIME);
            case "false" -> {
            }
            default -> b.lease(parseWait(value));
        }
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number", e);
        }
    }

    /** The file named by {@code larder.config} or {@code LARDER_CONFIG}, else the class path's, else none. */
    static Properties readFile(Map<String, String> env, Properties system) {
        String named = system.getProperty("larder.config", env.get("LARDER_CONFIG"));
        try {
            if (named != null) {
                Path path = Path.of(named);
                if (!Files.isRegularFile(path)) {
                    throw new CacheConfigException("larder.config='" + named + "': no such file");
                }
                return load(path.toString(), Files.readAllBytes(path));
            }
            URL resource = CacheFactory.classLoader().getResource(FILE_NAME);
            if (resource == null) {
                return new Properties();
            }
            try (InputStream in = resource.openStream()) {
                return load(resource.toString(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new CacheConfigException("cannot read " + (named != null ? named : FILE_NAME) + ": " + e, e);
        }
    }

    /** Properties from the bytes of {@code file}, which must be UTF-8 (the error names the line if not). */
    static Properties load(String file, byte[] bytes) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(decodeUtf8(file, bytes)));
        } catch (IOException | IllegalArgumentException e) {
            // A StringReader does not fail; a malformed unicode escape in the file does.
            throw new CacheConfigException(file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /**
     * Decodes strictly: a file saved as Latin-1 ({@code café} as the byte 0xE9) would otherwise
     * fail with "Input length = 1" and no line, or become "caf" and U+FFFD without a word.
     */
    static String decodeUtf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new CacheConfigException(file + " line " + lineAt(bytes, at) + ": byte "
                    + String.format("0x%02X", bytes[Math.min(at, bytes.length - 1)] & 0xFF)
                    + " is not UTF-8; the file must be saved as UTF-8 (this looks like ISO-8859-1 or another encoding)");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The 1-based line of byte {@code at}, with LF, CR LF and a lone CR as line ends, as Properties reads them. */
    private static int lineAt(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
