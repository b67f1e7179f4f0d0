package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.http.HeaderSource;
import dev.larder.http.PageKeys;
import dev.larder.http.StoragePolicy;
import dev.larder.support.FailOpen;
import dev.larder.support.Hints;
import dev.larder.support.SingleFlight;
import dev.larder.support.Tally;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The page cache behind {@link CacheFilter} and the two-phase {@link FetchFromCacheFilter} /
 * {@link UpdateCacheFilter}: Django's per-site cache and {@code cache_page}, hardened.
 *
 * <pre>{@code
 * PageCache pages = PageCache.builder(registry.cache("default"))
 *         .keyPrefix("site")
 *         .timeout(Duration.ofMinutes(10))       // when a response has no max-age
 *         .build();
 * context.addFilter("pageCache", new CacheFilter(pages)).addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 *
 * <p>Only GET and HEAD are looked up; only 200s that {@link StoragePolicy} allows are stored
 * (never a response that is private, no-cache, no-store, sets a cookie, varies on {@code *},
 * or answers a request with {@code Authorization} without saying {@code public}, or is stale
 * already). Keys follow Django's two-level scheme, over the URL Django builds for the request
 * ({@link dev.larder.http.AbsoluteUri}): a header list per URL, which here is the <em>union</em> of the
 * headers its stored variants vary on (it grows; it is never shrunk by a page that varies on
 * less), and a page key that hashes the request's values of those headers, length-delimited. Each stored page also keeps its own vary list and
 * values and is served only to a request that matches them (RFC 9111 §4.1).
 *
 * <p>A failing backend never fails a request: the page is rendered and served, the failure
 * logged once per incident and counted in {@link #stats()}. Thread-safe.
 */
public final class PageCache {
    private static final System.Logger LOG = System.getLogger("dev.larder.servlet");
    /** Django's CACHE_MIDDLEWARE_SECONDS. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    public static final String DEFAULT_STATUS_HEADER = "X-Larder-Cache";
    public static final Duration DEFAULT_STAMPEDE_WAIT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_PAGE_BYTES = 1024 * 1024;

    final Cache cache;
    final PageKeys keys;
    final Duration timeout;
    final Duration pageTimeout;
    final String statusHeader;
    final Duration stampedeWait;
    final int maxPageBytes;
    final Function<HttpServletRequest, String> language;
    final Function<HttpServletRequest, String> timeZone;
    final Clock clock;
    /**
     * Stampede control within one process: the first request to miss a page key renders it, and
     * requests for the same key that arrive meanwhile wait, for a bounded time, for that
     * rendering's stored page (spec/invalidation.md §5.1).
     */
    final SingleFlight<String, StoredPage> singleFlight = new SingleFlight<>();
    /** The header list last read for each URL, to fetch list and page in one call (bounded; a hint only). */
    private final Hints knownLists = new Hints(10_000);
    /** Batch the two reads of a hit only where they cost round trips: not for an in-process store. */
    private final boolean batchLookups;
    final FailOpen failures;
    private final FailOpen corrupt;
    final Tally<PageEvent> tally = new Tally<>(PageEvent.class);
    private final PageWriter writer = new PageWriter(this);

    private PageCache(Builder b) {
        this.cache = b.cache;
        this.keys = new PageKeys(b.keyPrefix);
        this.timeout = b.timeout;
        this.pageTimeout = b.pageTimeout;
        this.statusHeader = b.statusHeader;
        this.stampedeWait = b.stampedeWait;
        this.maxPageBytes = b.maxPageBytes;
        this.language = b.language;
        this.timeZone = b.timeZone;
        this.clock = b.clock;
        this.batchLookups = cache.capabilities().outOfProcess();
        this.failures = new FailOpen(LOG, "page cache on '" + cache.alias() + "'", "serving without the cache");
        this.corrupt = new FailOpen(LOG, "page cache on '" + cache.alias() + "'", "treating stored pages that do not decode as misses");
    }

    /** A page cache over {@code cache}; every setting has Django's default. */
    public static Builder builder(Cache cache) {
        return new Builder(cache);
    }

    public Cache cache() {
        return cache;
    }

    public PageCacheStats stats() {
        return new PageCacheStats(tally.sum(PageEvent.HIT), tally.sum(PageEvent.MISS), tally.sum(PageEvent.BYPASS),
                tally.sum(PageEvent.STORED), tally.sum(PageEvent.REFUSED), tally.sum(PageEvent.COLLAPSED),
                failures.count() + corrupt.count());
    }

    /**
     * Looks the request's page up. Never throws: a failing backend gives a failed lookup.
     *
     * <p>When this process has seen the URL's header list before and the store is not in this
     * process, the list and the page key it implies are fetched together with one
     * {@code getMany} (one round trip to Redis, Memcached or the database, not two). The list read back is authoritative: if it moved,
     * the page is fetched again under the key it now gives.
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
            url = keys.url(uri, language == null ? null : language.apply(request),
                    timeZone == null ? null : timeZone.apply(request));
        } catch (RuntimeException e) {
            failures.failed("key (the language or timeZone function failed)", e);
            return Lookup.failed(null, null, method);
        }
        String listKey = url.headerListKey();
        HeaderSource headers = Exchanges.requestHeaders(request);
        try {
            List<String> guess = batchLookups ? knownLists.get(listKey) : null;
            String guessKey = guess == null ? null : url.pageKey(method, guess, headers);
            Map<String, Object> got = guess == null ? Map.of() : cache.getMany(List.of(listKey, guessKey));
            List<String> vary = guess == null ? readList(listKey, cache.get(listKey)) : readList(listKey, got.get(listKey));
            failures.succeeded();
            if (vary == null) {
                knownLists.forget(listKey);
                return new Lookup(url, listKey, method, null, null, null);
            }
            boolean guessed = vary.equals(guess);
            if (!guessed) {
                remember(listKey, vary);
            }
            String pageKey = guessed ? guessKey : url.pageKey(method, vary, headers);
            StoredPage page = toPage(pageKey, guessed ? got.get(guessKey) : cache.get(pageKey), headers);
            if (page == null && "HEAD".equals(method)) {
                // Django §5.1 step 3: a HEAD may be answered from a stored GET, never the reverse.
                String getKey = url.pageKey("GET", vary, headers);
                page = toPage(getKey, cache.get(getKey), headers);
            }
            return new Lookup(url, listKey, method, vary, pageKey, page);
        } catch (RuntimeException e) {
            failures.failed("lookup", e);
            return Lookup.failed(url, listKey, method);
        }
    }

    /** Notes the URL's header list for the next lookup's single round trip. */
    void remember(String listKey, List<String> vary) {
        if (batchLookups) {
            knownLists.put(listKey, vary);
        }
    }

    List<String> readList(String listKey, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String list)) {
            corrupt.failed("read", new StoredPage.CorruptPageException("header list " + listKey
                    + " holds a " + value.getClass().getName()));
            return null;
        }
        return list.isEmpty() ? List.of() : List.of(list.split(","));
    }

    private StoredPage toPage(String pageKey, Object value, HeaderSource headers) {
        if (value == null) {
            return null;
        }
        try {
            if (!(value instanceof byte[] bytes)) {
                throw new StoredPage.CorruptPageException(pageKey + " holds a " + value.getClass().getName());
            }
            StoredPage page = StoredPage.decode(bytes);
            return page.matches(headers) ? page : null;
        } catch (StoredPage.CorruptPageException e) {
            corrupt.failed("read of " + pageKey, e);
            return null;
        }
    }

    /**
     * Decides about a rendered response and stores it when the rules allow, after patching its
     * caching headers (Django §5.2). Returns the stored page, or {@code null}.
     */
    StoredPage update(HttpServletRequest request, CapturedResponse response, Lookup lookup) {
        return writer.update(request, response, lookup);
    }

    /**
     * For a request that joined another's rendering: waits (bounded) for that page and serves
     * it if it was stored and fits this request's varied headers. False: render on your own.
     */
    boolean answeredByLeader(SingleFlight<String, StoredPage>.Flight flight, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (flight.leader() || stampedeWait.isZero()) {
            return false;
        }
        StoredPage page = leadersPage(flight);
        if (page == null || !page.matches(Exchanges.requestHeaders(request))) {
            return false;
        }
        tally.count(PageEvent.COLLAPSED);
        Hits.serve(this, page, request, response);
        return true;
    }

    /** The leader's stored page, or {@code null} when it stored none, failed, or took too long. */
    private StoredPage leadersPage(SingleFlight<String, StoredPage>.Flight flight) {
        try {
            return flight.await(stampedeWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    void bypass(HttpServletResponse response) {
        tally.count(PageEvent.BYPASS);
        markStatus(response, "BYPASS");
    }

    void miss(HttpServletResponse response) {
        tally.count(PageEvent.MISS);
        markStatus(response, "MISS");
    }

    void markStatus(HttpServletResponse response, String status) {
        if (statusHeader != null) {
            response.setHeader(statusHeader, status);
        }
    }

    /** Settings of a {@link PageCache}; each is checked as it is set. */
    public static final class Builder {
        private final Cache cache;
        private String keyPrefix = "";
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration pageTimeout;
        private String statusHeader = DEFAULT_STATUS_HEADER;
        private Duration stampedeWait = DEFAULT_STAMPEDE_WAIT;
        private int maxPageBytes = DEFAULT_MAX_PAGE_BYTES;
        private Function<HttpServletRequest, String> language;
        private Function<HttpServletRequest, String> timeZone;
        private Clock clock = Clock.systemUTC();

        private Builder(Cache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** Django's CACHE_MIDDLEWARE_KEY_PREFIX / {@code cache_page(key_prefix=)}; default "". */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
            return this;
        }

        /** How long to keep a page whose response has no max-age; default 600 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = nonNegative("timeout", timeout);
            return this;
        }

        /**
         * Django's {@code cache_page(timeout)}: keep every storable page this long, whatever
         * its max-age, even {@code max-age=0}. Private, no-cache and no-store still win.
         */
        public Builder pageTimeout(Duration pageTimeout) {
            this.pageTimeout = nonNegative("pageTimeout", pageTimeout);
            return this;
        }

        /** The response header that says HIT, MISS or BYPASS; {@code null} sends none. */
        public Builder statusHeader(String name) {
            if (name != null && !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("statusHeader is not a header name: '" + name + "'");
            }
            this.statusHeader = name;
            return this;
        }

        /** How long a request waits for another one rendering the same page; zero turns waiting off. */
        public Builder stampedeWait(Duration wait) {
            this.stampedeWait = nonNegative("stampedeWait", wait);
            return this;
        }

        /** Bodies larger than this are sent as they are written and not stored; default 1 MiB. */
        public Builder maxPageBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxPageBytes must be positive, got " + bytes);
            }
            this.maxPageBytes = bytes;
            return this;
        }

        /**
         * Django's USE_I18N: a function of the request that names the language the page is
         * rendered in, for example {@code r -> r.getLocale().toLanguageTag()}; keys end with
         * {@code "." + language}. For a request it names a language for, {@code Accept-Language}
         * is left out of the headers its page varies on, as Django does (ticket #18191): the
         * language stands for it, so {@code fr-FR} and {@code fr;q=0.9} that select one language
         * share one stored page. The function must therefore tell apart every language a page
         * can be rendered in; a request for which it returns {@code null} keeps varying on
         * {@code Accept-Language}.
         */
        public Builder language(Function<HttpServletRequest, String> language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /**
         * Django's USE_TZ: a function of the request that names the time zone the page is
         * rendered in, for example {@code r -> zoneOf(r).getId()}; keys end with
         * {@code "." + timeZone} (after the language). It never stands for Accept-Language:
         * a page that varies on it still varies on it. {@code null} adds nothing.
         */
        public Builder timeZone(Function<HttpServletRequest, String> timeZone) {
            this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PageCache build() {
            return new PageCache(this);
        }

        private static Duration nonNegative(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
