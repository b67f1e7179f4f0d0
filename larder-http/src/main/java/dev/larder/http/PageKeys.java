package dev.larder.http;

import dev.larder.support.Md5;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Django's two-level page cache keys (§6.9): a header-list key per URL, under which the
 * names a response varies on are stored, and a page key per method, URL and values of those
 * headers. The key strings match Django's byte for byte, except that the header values are
 * length-delimited so that crafted values cannot collide (Django joins them with nothing).
 * The URI they hash is the one Django builds; {@link AbsoluteUri#of} makes it from a request's
 * scheme, Host and raw target.
 * The keys still pass through the cache's own key function, which adds its prefix and version.
 *
 * <pre>{@code
 * PageKeys keys = new PageKeys("site");
 * String uri = AbsoluteUri.of("http", "www.example.com", "/cache/test/");
 * keys.headerListKey(uri, "");                                   // where to store normalize(vary)
 * keys.pageKey("GET", uri, List.of("cookie"), request, PageKeys.localeSuffix("en", null));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PageKeys {
    private static final String HEADER_LIST = "views.decorators.cache.cache_header.";
    private static final String PAGE = "views.decorators.cache.cache_page.";
    // Python's quote() never encodes these; iri_to_uri adds the rest of its safe set.
    private static final String URI_SAFE = "_.-~/#%[]=:;$&()+,!?*@'";
    // Not String.format: a URI of many non-ASCII characters made a formatter per byte.
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** md5 of the empty string: the hash when a URL varies on nothing. */
    private static final String NO_HEADERS = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String ACCEPT_LANGUAGE = "accept-language";

    private final String keyPrefix;

    /** Keys under {@code keyPrefix} (Django's CACHE_MIDDLEWARE_KEY_PREFIX); null means {@code ""}. */
    public PageKeys(String keyPrefix) {
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    /** The prefix every key of this instance carries. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * {@code views.decorators.cache.cache_header.<prefix>.<md5hex(absoluteUri)><localeSuffix>}:
     * where the sorted header names of the URL's last stored response are kept.
     *
     * @param absoluteUri scheme, host, path and query, as Django's {@code build_absolute_uri};
     *     {@link AbsoluteUri#of} builds it from a request target
     * @param localeSuffix from {@link #localeSuffix}; null means {@code ""}
     */
    public String headerListKey(String absoluteUri, String localeSuffix) {
        return HEADER_LIST + keyPrefix + "." + urlHash(absoluteUri) + suffix(localeSuffix);
    }

    /**
     * {@code views.decorators.cache.cache_page.<prefix>.<METHOD>.<md5hex(absoluteUri)>.<headerHash><localeSuffix>}.
     *
     * @param method the method as sent; HEAD and GET pages are kept apart
     * @param varyHeaders the names learned for the URL ({@link #learn}); with i18n, leave out
     *     Accept-Language, which the locale suffix already covers (Django ticket #18191)
     * @param request the request whose header values select the variant
     * @param localeSuffix from {@link #localeSuffix}; null means {@code ""}
     */
    public String pageKey(String method, String absoluteUri, List<String> varyHeaders, HeaderSource request,
            String localeSuffix) {
        return new Url(urlHash(absoluteUri), suffix(localeSuffix), false).pageKey(method, varyHeaders, request);
    }

    /**
     * The keys of one URL, with its hash computed once: a page cache asks for the header-list
     * key and one or two page keys of the same URL on every request. The keys end with
     * {@link #localeSuffix(String, String) localeSuffix(language, timeZone)}.
     *
     * @param language the language the page is rendered in (Django's USE_I18N), or null; with
     *     one, {@link Url#localized()} is true and Accept-Language is left out of what the page
     *     varies on, since the suffix stands for it (see {@link #learn})
     * @param timeZone the time zone the page is rendered in (Django's USE_TZ), or null; it
     *     never stands for Accept-Language
     */
    public Url url(String absoluteUri, String language, String timeZone) {
        return new Url(urlHash(absoluteUri), localeSuffix(language, timeZone), language != null);
    }

    /**
     * One URL's keys; see {@link #headerListKey} and {@link #pageKey}. Its header-list key is
     * made once, and the page key last asked for is kept, so that a caller that keeps the
     * instance for a URL (a page cache, between hits) builds no key string per request.
     * Thread-safe; its keys never change.
     */
    public final class Url {
        private final String urlHash;
        private final String suffix;
        private final boolean localized;
        private final String headerListKey;
        /** The page key last made, with the method and header hash it was made for. */
        private volatile PageKey last;

        private Url(String urlHash, String suffix, boolean localized) {
            this.urlHash = urlHash;
            this.suffix = suffix;
            this.localized = localized;
            this.headerListKey = HEADER_LIST + keyPrefix + "." + urlHash + suffix;
        }

        /** The locale suffix these keys end with; {@code ""} when there is none. */
        public String localeSuffix() {
            return suffix;
        }

        /** True when the suffix names a language, so that it stands for Accept-Language. */
        public boolean localized() {
            return localized;
        }

        public String headerListKey() {
            return headerListKey;
        }

        public String pageKey(String method, List<String> varyHeaders, HeaderSource request) {
            Objects.requireNonNull(method, "method");
            String headerHash = headerHash(varyHeaders, request);
            PageKey kept = last;
            if (kept != null && kept.method().equals(method) && kept.headerHash().equals(headerHash)) {
                return kept.key();
            }
            String key = PAGE + keyPrefix + "." + method + "." + urlHash + "." + headerHash + suffix;
            last = new PageKey(method, headerHash, key);
            return key;
        }
    }

    private record PageKey(String method, String headerHash, String key) {
    }

    /**
     * The md5 hex of the request's values of {@code varyHeaders}, taken in
     * {@linkplain #normalize normalized} order. Each header present in the request appends
     * {@code <len(name)>:<name>,<len(value)>:<value>,}, with the lower-case name, the field
     * lines joined by {@code ","} and lengths in UTF-8 bytes: a netstring-like encoding, so
     * no two different sets of values produce the same input (unlike Django, §10.16). A
     * present header with an empty value still counts; an absent one contributes nothing,
     * so no headers gives {@code d41d8cd98f00b204e9800998ecf8427e}.
     */
    public static String headerHash(List<String> varyHeaders, HeaderSource request) {
        if (varyHeaders == null || varyHeaders.isEmpty()) {
            return NO_HEADERS;
        }
        StringBuilder input = new StringBuilder();
        for (String name : normalize(varyHeaders)) {
            List<String> values = HeaderSyntax.values(request, name);
            if (!values.isEmpty()) {
                appendDelimited(input, name);
                appendDelimited(input, String.join(",", values));
            }
        }
        return Md5.hex(input.toString());
    }

    /**
     * Header names as a key depends on them: trimmed, lower-cased, de-duplicated and sorted,
     * with {@code *} and blanks dropped. An element holding a whole Vary value such as
     * {@code "Cookie, Accept"} is split first, so it cannot silently stand for no header.
     */
    public static List<String> normalize(Collection<String> headerNames) {
        TreeSet<String> names = new TreeSet<>();
        if (headerNames != null) {
            for (String name : Vary.parse(new ArrayList<>(headerNames))) {
                if (!name.equals("*")) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Django's {@code learn_cache_key} header list: the {@linkplain #normalize normalized}
     * names of a response's Vary tokens. With {@code localized} (the key has a language
     * suffix, Django's USE_I18N) {@code accept-language} is left out, because the suffix
     * already stands for the language (Django ticket #18191): requests whose Accept-Language
     * select one language then share one page instead of storing it once per spelling.
     */
    public static List<String> learn(Collection<String> varyTokens, boolean localized) {
        List<String> names = normalize(varyTokens);
        if (!localized || !names.contains(ACCEPT_LANGUAGE)) {
            return names;
        }
        List<String> kept = new ArrayList<>(names);
        kept.remove(ACCEPT_LANGUAGE);
        return List.copyOf(kept);
    }

    /**
     * Django's i18n/tz suffix: {@code ""}, then {@code "." + language} if it is non-null, then
     * {@code "." + timeZone} if it is non-null.
     */
    public static String localeSuffix(String language, String timeZone) {
        return (language == null ? "" : "." + language) + (timeZone == null ? "" : "." + timeZone);
    }

    private static String suffix(String localeSuffix) {
        return localeSuffix == null ? "" : localeSuffix;
    }

    private static void appendDelimited(StringBuilder input, String text) {
        input.append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text).append(',');
    }

    /** Django hashes {@code iri_to_uri(build_absolute_uri())}, so the input is always ASCII. */
    private static String urlHash(String absoluteUri) {
        return Md5.hex(iriToUri(Objects.requireNonNull(absoluteUri, "absoluteUri")));
    }

    /** Percent-encodes, as UTF-8, every character outside ASCII letters, digits and Django's safe set. */
    static String iriToUri(String iri) {
        if (isPlainUri(iri)) {
            return iri;
        }
        StringBuilder out = new StringBuilder(iri.length());
        for (byte b : iri.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || URI_SAFE.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isPlainUri(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || !(Character.isLetterOrDigit(c) || URI_SAFE.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
