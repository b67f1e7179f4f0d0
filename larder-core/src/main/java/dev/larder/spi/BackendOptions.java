package dev.larder.spi;

import dev.larder.CacheConfigException;
import dev.larder.ConfigNames;
import dev.larder.Timeout;
import dev.larder.support.Secrets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code options.*} settings of one cache, with typed readers whose errors name the
 * cache, the option and the bad value.
 */
public final class BackendOptions {
    private static final Pattern SIZE = Pattern.compile("([0-9][0-9_]*)([kKmMgG])?");

    private final String alias;
    private final Map<String, String> values;

    public BackendOptions(String alias, Map<String, String> values) {
        this.alias = alias;
        this.values = new TreeMap<>(values);
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A whole number no smaller than {@code min}, or {@code fallback} when unset. */
    public long longValue(String name, long fallback, long min) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(name, raw, "is not a whole number");
        }
        if (value < min) {
            throw error(name, raw, "must be at least " + min);
        }
        return value;
    }

    /** {@link #longValue} limited to the range of an {@code int}. */
    public int intValue(String name, int fallback, int min) {
        long value = longValue(name, fallback, min);
        if (value > Integer.MAX_VALUE) {
            throw error(name, values.get(name), "must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * A size in bytes from {@code min} to {@code max}, or {@code fallback} when unset: a whole
     * number of bytes, or one followed by {@code k}, {@code m} or {@code g} (any case) for KiB,
     * MiB or GiB: {@code 1048576}, {@code 512k}, {@code 16m}, {@code 1g}.
     */
    public long size(String name, long fallback, long min, long max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(raw.trim());
        if (!m.matches()) {
            throw error(name, raw, "is not a size such as 1048576, 512k, 16m or 1g");
        }
        int shift = m.group(2) == null ? 0 : 10 * ("kmg".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1);
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(m.group(1).replace("_", "")), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            throw error(name, raw, "must be from " + min + " to " + max + " bytes");
        }
        return value;
    }

    /** {@code true} or {@code false} (any case), or {@code fallback} when unset. */
    public boolean booleanValue(String name, boolean fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(name, raw, "is not true or false");
        };
    }

    /**
     * A positive duration written as a timeout is ({@code 500ms}, {@code 2s}, {@code PT1M}),
     * or {@code fallback} when unset.
     */
    public Duration duration(String name, Duration fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        Timeout parsed;
        try {
            parsed = Timeout.parse(raw);
        } catch (IllegalArgumentException e) {
            throw error(name, raw, raw.strip().startsWith("-") ? "must be a positive duration such as 500ms or 2s"
                    : "is not a duration such as 500ms or 2s");
        }
        if (parsed.isNever() || parsed.isExpired()) {
            throw error(name, raw, "must be a positive duration such as 500ms or 2s");
        }
        return parsed.duration();
    }

    /** A config error for an option, naming the cache, the option and the value (a password's masked). */
    public CacheConfigException error(String name, String raw, String problem) {
        return new CacheConfigException(ConfigNames.option(alias, name) + "='" + Secrets.maskSetting(name, raw)
                + "' " + problem);
    }
}
