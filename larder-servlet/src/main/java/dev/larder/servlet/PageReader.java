package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.http.HeaderSource;
import dev.larder.http.PageKeys;
import dev.larder.support.FailOpen;
import dev.larder.support.Hints;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The looking-up half of the page cache: a request's keys, its URL's header list and its page. */
final class PageReader {
    private static final System.Logger LOG = System.getLogger("dev.larder.servlet");

    private final Cache cache;
    private final KnownUrls urls;
    private final Function<HttpServletRequest, String> language;
    private final Function<HttpServletRequest, String> timeZone;
    /** The header list last read for each URL; {@code null} for a store in this process (no round trips to save). */
    private final Hints knownLists;
    private final StoredValues stored;
    private final FailOpen failures;

    /**
     * @param language Django's USE_I18N function, or {@code null}
     * @param timeZone Django's USE_TZ function, or {@code null}
     * @param knownLists header lists this process has seen, shared with the {@link PageWriter}, or
     *     {@code null} to read list and page one after the other
     */
    PageReader(Cache cache, PageKeys keys, Function<HttpServletRequest, String> language,
            Function<HttpServletRequest, String> timeZone, Hints knownLists, StoredValues stored, FailOpen failures) {
        this.cache = cache;
        this.urls = new KnownUrls(keys);
        this.language = language;
        this.timeZone = timeZone;
        this.knownLists = knownLists;
        this.stored = stored;
        this.failures = failures;
    }

    /**
     * Looks the request's page up. Never throws: a failing backend gives a failed lookup.
     *
     * <p>With hints (a store not in this process) and a hint for the URL, the list and the page
     * key it implies are fetched together with one {@code getMany}: one round trip, not two. The
     * list read back is authoritative: if it moved, the page is fetched again under the key it
     * now gives.
     */
    Lookup lookup(HttpServletRequest request) {
        String method = request.getMethod();
        String uri;
        try {
            uri = Exchanges.absoluteUri(request);
        } catch (IllegalArgumentException e) {
            // A Host Django refuses with a 400 (DisallowedHost), or a target that is no path: no key.
            LOG.log(System.Logger.Level.DEBUG, () -> "page cache bypassed: " + e.getMessage());
            return Lookup.failed(null, null, method);
        }
        PageKeys.Url url;
        try {
            url = urls.url(uri, language == null ? null : language.apply(request),
                    timeZone == null ? null : timeZone.apply(request));
        } catch (RuntimeException e) {
            failures.failed("key (the language or timeZone function failed)", e);
            return Lookup.failed(null, null, method);
        }
        String listKey = url.headerListKey();
        HeaderSource headers = Exchanges.requestHeaders(request);
        try {
            return read(url, listKey, method, headers);
        } catch (RuntimeException e) {
            failures.failed("lookup", e);
            return Lookup.failed(url, listKey, method);
        }
    }

    private Lookup read(PageKeys.Url url, String listKey, String method, HeaderSource headers) {
        List<String> guess = knownLists == null ? null : knownLists.get(listKey);
        String guessKey = guess == null ? null : url.pageKey(method, guess, headers);
        Map<String, Object> got = guess == null ? Map.of() : cache.getMany(List.of(listKey, guessKey));
        List<String> vary = stored.headerList(listKey, guess == null ? cache.get(listKey) : got.get(listKey));
        failures.succeeded();
        if (vary == null) {
            if (knownLists != null) {
                knownLists.forget(listKey);
            }
            return new Lookup(url, listKey, method, null, null, null);
        }
        boolean guessed = vary.equals(guess);
        if (!guessed && knownLists != null) {
            knownLists.put(listKey, vary);
        }
        String pageKey = guessed ? guessKey : url.pageKey(method, vary, headers);
        StoredPage page = stored.page(pageKey, guessed ? got.get(guessKey) : cache.get(pageKey), headers);
        if (page == null && "HEAD".equals(method)) {
            // Django §5.1 step 3: a HEAD may be answered from a stored GET, never the reverse.
            String getKey = url.pageKey("GET", vary, headers);
            page = stored.page(getKey, cache.get(getKey), headers);
        }
        return new Lookup(url, listKey, method, vary, pageKey, page);
    }
}
