package dev.larder.jcache;

import dev.larder.CacheConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Larder configuration of one JCache cache, made from a configured Larder cache (the one
 * of the same name, else the manager's template): its own key prefix, and where the backend
 * keeps caches apart by place (locmem's map, the file backend's directory) a place of its own,
 * so that {@code clear()} empties that cache alone. Stateless.
 */
final class Stores {
    /** The record every JCache cache stores; the default serializer must be allowed it. */
    static final String STORED = Stored.class.getName();

    private Stores() {
    }

    static CacheConfig configFor(CacheConfig template, URI manager, boolean defaultManager, String name,
                                 boolean storeByValue) {
        String own = (defaultManager ? "jcache:" : "jcache@" + escape(manager.toString()) + ":") + escape(name);
        String prefix = template.keyPrefix().isEmpty() ? own : template.keyPrefix() + ":" + own;
        CacheConfig config = switch (template.backend()) {
            case "locmem" -> template.withLocation(template.location() + "/" + own);
            case "file" -> template.withLocation(Path.of(template.location()).resolve(escape(own)).toString());
            default -> template;
        };
        config = config.withKeyPrefix(prefix).withAllowedClasses(STORED);
        if (!storeByValue) {
            if (!template.backend().equals("locmem")) {
                throw new UnsupportedOperationException("cache '" + name + "' asks to store by reference, which only"
                        + " the locmem backend can do; its Larder template uses " + template.backend());
            }
            config = config.withOption("store-references", "true");
        }
        return config;
    }

    /** Whether {@code clear()} on the Larder cache removes this JCache cache's entries and no others. */
    static boolean clearsAlone(CacheConfig config) {
        return switch (config.backend()) {
            case "locmem", "file" -> true;
            case "redis" -> !"flushdb".equalsIgnoreCase(config.options().getOrDefault("clear", "prefix").trim());
            default -> false;
        };
    }

    /** ASCII letters, digits, '-' and '_' kept, every other byte as %XX: no ':' or '/' left. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
