package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.support.FailOpen;
import dev.larder.support.Keys;
import dev.larder.support.Md5;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Django's {@code {% cache %}} template tag without a template engine: a piece of rendered
 * text cached under a name and the values it varies on.
 *
 * <pre>{@code
 * FragmentCache fragments = FragmentCache.of(registry);
 * String sidebar = fragments.render("sidebar", Timeout.ofMinutes(5),
 *         () -> renderSidebar(user), user.name(), locale);
 * fragments.invalidate("sidebar", user.name(), locale);   // after the sidebar's data changes
 * }</pre>
 *
 * <p>Keys are Django's, {@code template.cache.<name>.<md5 of each vary value + ":">}, so a
 * Python and a Java application sharing a cache address the same fragments ({@code true},
 * {@code null} and doubles are written as Python writes them: {@code True}, {@code None},
 * {@code 1e+16}). Nothing varies
 * by itself: pass the user, language or anything else the text depends on as vary values.
 * A failing cache never fails the caller: the body is rendered, the failure logged once per
 * incident. Thread-safe.
 */
public final class FragmentCache {
    private static final System.Logger LOG = System.getLogger("dev.larder.servlet");
    /** The alias Django uses for fragments when it is configured. */
    public static final String FRAGMENTS_ALIAS = "template_fragments";

    private final Cache cache;
    private final FailOpen failures;

    public FragmentCache(Cache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.failures = new FailOpen(LOG, "fragment cache on '" + cache.alias() + "'", "rendering without the cache");
    }

    /** The {@code template_fragments} cache if the registry has one, else the default cache. */
    public static FragmentCache of(CacheRegistry registry) {
        String alias = registry.aliases().contains(FRAGMENTS_ALIAS) ? FRAGMENTS_ALIAS : CacheRegistry.DEFAULT_ALIAS;
        return new FragmentCache(registry.cache(alias));
    }

    /** Django's {@code using="alias"}; an unknown alias fails here, naming it. */
    public static FragmentCache using(CacheRegistry registry, String alias) {
        return new FragmentCache(registry.cache(alias));
    }

    /**
     * The cached text for {@code name} and {@code varyOn}, or {@code body}'s text, which is
     * then stored for {@code timeout} ({@link Timeout#NEVER} keeps it until invalidated).
     */
    public String render(String name, Timeout timeout, Supplier<String> body, Object... varyOn) {
        String key = key(name, varyOn);
        Objects.requireNonNull(timeout, "timeout");
        try {
            Object cached = cache.get(key);
            failures.succeeded();
            if (cached instanceof String text) {
                return text;
            }
        } catch (RuntimeException e) {
            failures.failed("get of " + Keys.printable(key), e);
            return body.get();
        }
        String text = Objects.requireNonNull(body.get(), "the fragment body returned null");
        try {
            cache.set(key, text, timeout);
        } catch (RuntimeException e) {
            failures.failed("set of " + Keys.printable(key), e);
        }
        return text;
    }

    /** Removes the fragment; true when it was cached. A failing cache is not hidden here. */
    public boolean invalidate(String name, Object... varyOn) {
        return cache.delete(key(name, varyOn));
    }

    /**
     * Django's {@code make_template_fragment_key(name, vary_on)}: the md5 of each value as
     * Python's {@code str()} writes it, then {@code ":"}. So {@code true}, {@code null} and
     * {@code 1.0} hash as {@code True}, {@code None} and {@code 1.0}, as the same values do in
     * a Django template (see {@code PythonStr}); objects other than strings, numbers, booleans
     * and characters hash their {@code toString()}, which is not Python's {@code str()}.
     */
    public static String key(String name, Object... varyOn) {
        if (name == null || name.isBlank() || name.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("a fragment name must be non-empty, without spaces or control"
                    + " characters, got '" + name + "'");
        }
        MessageDigest md5 = Md5.newDigest();
        for (Object value : varyOn) {
            md5.update(PythonStr.of(value).getBytes(StandardCharsets.UTF_8));
            md5.update((byte) ':');
        }
        return "template.cache." + name + "." + Md5.hex(md5);
    }

}
