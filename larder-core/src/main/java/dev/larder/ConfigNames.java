package dev.larder;

/**
 * The names of configuration properties, spelled in one place: every message about a setting
 * names the property the user writes, {@code larder.caches.<alias>.<setting>}, built here.
 *
 * <pre>{@code
 * ConfigNames.setting("pages", "timeout");   // "larder.caches.pages.timeout"
 * ConfigNames.option("pages", "max-entries"); // "larder.caches.pages.options.max-entries"
 * }</pre>
 *
 * <p>Backends usually reach these through {@link dev.larder.spi.BackendContext#property(String)}
 * and {@link dev.larder.spi.BackendOptions#error(String, String, String)}. The methods only
 * join text: they check nothing, so a message about a bad alias can still name it. The
 * package's configuration code also shows names and values here ({@code isPlain},
 * {@code quoted}), so that neither {@code ConfigLoader} nor {@code CacheConfig} calls the other
 * for it. Stateless and thread-safe.
 */
public final class ConfigNames {
    /** What every cache property starts with. */
    static final String PREFIX = "larder.caches.";
    /** The alias every configuration must have ({@link CacheRegistry#DEFAULT_ALIAS}). */
    static final String DEFAULT_ALIAS = "default";

    private ConfigNames() {
    }

    /**
     * {@code larder.caches.<alias>.<setting>}, where {@code setting} is a name relative to the
     * cache: {@code "timeout"}, {@code "location"}, or {@code "options.url"}.
     */
    public static String setting(String alias, String setting) {
        return PREFIX + alias + "." + setting;
    }

    /**
     * {@code larder.caches.<alias>.options.<option>}, a backend or core option; the near cache's
     * settings, which are backend options written without {@code options.}
     * ({@code near-cache.max-entries}), keep their own spelling.
     */
    public static String option(String alias, String option) {
        return setting(alias, option.startsWith(NEAR_CACHE) ? option : "options." + option);
    }

    /** The settings of a Redis cache's near cache: {@code larder.caches.<alias>.near-cache.*}. */
    public static final String NEAR_CACHE = "near-cache.";

    /** True when {@code text} has no whitespace, control or other invisible space character. */
    static boolean isPlain(String text) {
        return text.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
    }

    /**
     * {@code text} in single quotes with tabs, line breaks and other control or invisible
     * characters escaped (a tab as backslash-t, a no-break space as backslash-u00a0), so that a
     * message shows them.
     */
    static String quoted(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c != ' ' && (Character.isISOControl(c) || Character.isSpaceChar(c) || Character.isWhitespace(c))) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }
}
