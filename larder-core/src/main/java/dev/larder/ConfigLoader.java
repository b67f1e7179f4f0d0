package dev.larder;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code larder.caches.<alias>.<setting>} properties into a registry builder, and merges
 * the file, environment and system properties in that order of precedence (last wins).
 */
final class ConfigLoader {
    static final String PREFIX = "larder.caches.";
    static final String FILE_NAME = "larder.properties";
    private static final String ENV_PREFIX = "LARDER_CACHES_";
    private static final Set<String> SETTINGS = Set.of("backend", "location", "timeout", "key-prefix", "version",
            "key-function");

    private ConfigLoader() {
    }

    static CacheRegistry.Builder fromEnvironment(Map<String, String> env, Properties system) {
        Map<String, String> origins = origins(env, system);
        try {
            return parse(merge(readFile(env, system), env, system)).origins(origins);
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
                origins.put(propertyForEnv(variable), "environment variable " + variable);
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                origins.put(name, "system property -D" + name);
            }
        }
        return origins;
    }

    /** {@code e}, with " (set by ...)" added when its message is about an overridden property. */
    static CacheConfigException withOrigin(CacheConfigException e, Map<String, String> origins) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (Map.Entry<String, String> origin : origins.entrySet()) {
            String property = origin.getKey();
            if (message.contains(property + "=") || message.contains(property + " ")) {
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
            return PREFIX + alias(rest.substring(0, options)) + ".options."
                    + rest.substring(options + "_OPTIONS_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }
        for (String setting : SETTINGS) {
            String suffix = "_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                return PREFIX + alias(rest.substring(0, rest.length() - suffix.length())) + "." + setting;
            }
        }
        throw new CacheConfigException("environment variable " + variable + " is not a Larder setting; use "
                + ENV_PREFIX + "<ALIAS>_<SETTING> with a setting of " + SETTINGS + " or OPTIONS_<NAME>");
    }

    private static String alias(String envAlias) {
        return envAlias.toLowerCase(Locale.ROOT);
    }

    /** Parses every {@code larder.caches.*} property; other properties are ignored. */
    static CacheRegistry.Builder parse(Properties properties) {
        Map<String, Map<String, String>> byAlias = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new CacheConfigException(name + " is not a cache setting: use " + PREFIX + "<alias>.<setting>");
            }
            byAlias.computeIfAbsent(rest.substring(0, dot), a -> new TreeMap<>())
                    .put(rest.substring(dot + 1), properties.getProperty(name));
        }
        CacheRegistry.Builder registry = CacheRegistry.builder();
        // The default cache goes first so that it is created first and listed first.
        Map<String, String> defaults = byAlias.remove(CacheRegistry.DEFAULT_ALIAS);
        if (defaults != null) {
            registry.cache(CacheRegistry.DEFAULT_ALIAS, config(CacheRegistry.DEFAULT_ALIAS, defaults));
        }
        byAlias.forEach((alias, settings) -> registry.cache(alias, config(alias, settings)));
        return registry;
    }

    private static CacheConfig config(String alias, Map<String, String> settings) {
        CacheConfig.Builder b = CacheConfig.builder();
        if (!settings.containsKey("backend") && !alias.equals(CacheRegistry.DEFAULT_ALIAS)) {
            throw new CacheConfigException(PREFIX + alias + ".backend is not set; every cache but '"
                    + CacheRegistry.DEFAULT_ALIAS + "' (locmem unless told otherwise) must name its backend");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String property = PREFIX + alias + "." + e.getKey();
            try {
                apply(alias, b, e.getKey(), e.getValue().trim());
            } catch (IllegalArgumentException ex) {
                throw new CacheConfigException(property + "='" + dev.larder.spi.Secrets.maskSetting(e.getKey(), e.getValue())
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
        switch (setting) {
            case "backend" -> b.backend(value);
            case "location" -> b.location(value);
            case "timeout" -> b.timeout(Timeout.parse(value));
            case "key-prefix" -> b.keyPrefix(value);
            case "version" -> b.version(parseInt(value));
            case "key-function" -> b.keyFunction(CacheFactory.instantiate(alias, setting, value, KeyFunction.class));
            default -> throw new CacheConfigException(PREFIX + alias + "." + setting + " is not a cache setting; known: "
                    + new java.util.TreeSet<>(SETTINGS) + " and options.<name>");
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
        Properties file = new Properties();
        try {
            if (named != null) {
                Path path = Path.of(named);
                if (!Files.isRegularFile(path)) {
                    throw new CacheConfigException("larder.config='" + named + "': no such file");
                }
                try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    file.load(in);
                }
                return file;
            }
            try (InputStream in = CacheFactory.classLoader().getResourceAsStream(FILE_NAME)) {
                if (in != null) {
                    file.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
            return file;
        } catch (IOException e) {
            throw new CacheConfigException("cannot read " + (named != null ? named : FILE_NAME) + ": " + e, e);
        }
    }
}
