package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.http.PageKeys;
import dev.larder.http.StaleWindows;
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
import java.util.EnumMap;
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
 *
 * <p><b>Stale pages (RFC 5861).</b> With {@link Builder#staleWhileRevalidate} or
 * {@link Builder#staleIfError} set, or a response's own {@code stale-while-revalidate=N} /
 * {@code stale-if-error=N} directive (which beats the setting, see
 * {@link dev.larder.http.StaleWindows}), a page is kept past its freshness for the longer
 * window. Inside the while-revalidate window, one request per page and process renders it
 * again (and stores it) while every other request for it is answered at once with the stale
 * page, {@code X-Larder-Cache: STALE}. Inside the if-error window, a rendering that throws or
 * answers 500, 502, 503 or 504 is replaced by the stale page, and nothing is stored. A stale
 * page is only ever served to a request a hit could be served to (same varied headers; 304s
 * alike), and a response that may not be stored is never served stale.
 */
public final class PageCache {
    private static final System.Logger LOG = System.getLogger("dev.larder.servlet");
    /** Django's CACHE_MIDDLEWARE_SECONDS. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    public static final String DEFAULT_STATUS_HEADER = "X-Larder-Cache";
    public static final Duration DEFAULT_STAMPEDE_WAIT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_PAGE_BYTES = 1024 * 1024;
    /** How many URLs' header lists a page cache over a remote store remembers. */
    private static final int KNOWN_LISTS = 10_000;

    private final Cache cache;
    private final PageSettings settings;
    private final Tally<PageEvent> tally = new Tally<>(PageEvent.class);
    private final Tally<StoragePolicy.Refusal> refusals = new Tally<>(StoragePolicy.Refusal.class);
    private final FailOpen failures;
    private final FailOpen corrupt;
    /**
     * Stampede control within one process: the first request to miss a page key renders it, and
     * requests for the same key that arrive meanwhile wait, for a bounded time, for that
     * rendering's stored page (spec/invalidation.md §5.1).
     */
    private final SingleFlight<String, StoredPage> flights = new SingleFlight<>();
    private final PageReader reader;
    private final PageWriter writer;
    private final Hits hits;
    private final StalePages stale;

    private PageCache(Builder b) {
        this.cache = b.cache;
        this.settings = new PageSettings(b.timeout, b.pageTimeout, b.statusHeader, b.stampedeWait, b.maxPageBytes,
                b.serverTiming, StaleWindows.of(b.staleWhileRevalidate, b.staleIfError));
        String what = "page cache on '" + cache.alias() + "'";
        this.failures = new FailOpen(LOG, what, "serving without the cache");
        this.corrupt = new FailOpen(LOG, what, "treating stored pages that do not decode as misses");
        StoredValues stored = new StoredValues(corrupt);
        // Batch the two reads of a hit only where they cost round trips: not for an in-process store.
        Hints knownLists = cache.capabilities().outOfProcess() ? new Hints(KNOWN_LISTS) : null;
        this.reader = new PageReader(cache, new PageKeys(b.keyPrefix), b.language, b.timeZone, knownLists, stored,
                failures);
        this.writer = new PageWriter(cache, settings, b.clock, tally, refusals, stored, knownLists, failures);
        this.hits = new Hits(settings, b.clock, tally);
        this.stale = new StalePages(settings, b.clock, hits, what);
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
                failures.count() + corrupt.count(), tally.sum(PageEvent.STALE));
    }

    /** The configured stale windows (RFC 5861); a response's own directives beat them. */
    public StaleWindows staleWindows() {
        return settings.stale();
    }

    /**
     * Why rendered pages were kept out of the cache, per reason, for the reasons seen at least
     * once. The counts add up to {@link PageCacheStats#refused()} less the 304s rendered by
     * the application (a 304 has no body to store, whatever the rules say).
     */
    public Map<StoragePolicy.Refusal, Long> refusals() {
        Map<StoragePolicy.Refusal, Long> out = new EnumMap<>(StoragePolicy.Refusal.class);
        for (StoragePolicy.Refusal reason : StoragePolicy.Refusal.values()) {
            long n = refusals.sum(reason);
            if (n > 0) {
                out.put(reason, n);
            }
        }
        return out;
    }

    /** Bodies larger than this are sent as they are written and not stored. */
    int maxPageBytes() {
        return settings.maxPageBytes();
    }

    /**
     * Looks the request's page up. Never throws: a failing backend gives a failed lookup.
     *
     * <p>When this process has seen the URL's header list before and the store is not in this
     * process, the list and the page key it implies are fetched together with one
     * {@code getMany} (one round trip to Redis, Memcached or the database, not two).
     */
    Lookup lookup(HttpServletRequest request) {
        return reader.lookup(request);
    }

    /**
     * Decides about a rendered response and stores it when the rules allow, after patching its
     * caching headers (Django §5.2). Returns the stored page, or {@code null}.
     */
    StoredPage update(HttpServletRequest request, CapturedResponse response, Lookup lookup) {
        return writer.update(request, response, lookup);
    }

    /** Answers the request from {@code page}, a hit its lookup found. */
    void serve(StoredPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        hits.serve(page, request, response);
    }

    /** Joins the rendering of {@code flightKey} ({@link Lookup#flightKey()}), as its leader if none is under way. */
    SingleFlight<String, StoredPage>.Flight join(String flightKey) {
        return flights.join(flightKey);
    }

    /** Requests waiting for another's rendering right now. */
    int waiting() {
        return flights.waiting();
    }

    /**
     * For a request that joined another's rendering: waits (bounded) for that page and serves
     * it if it was stored and fits this request's varied headers. False: render on your own.
     */
    boolean answeredByLeader(SingleFlight<String, StoredPage>.Flight flight, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (flight.leader() || settings.stampedeWait().isZero()) {
            return false;
        }
        StoredPage page = leadersPage(flight);
        if (page == null || !page.matches(Exchanges.requestHeaders(request))) {
            return false;
        }
        tally.count(PageEvent.COLLAPSED);
        hits.serve(page, request, response);
        return true;
    }

    /** The leader's stored page, or {@code null} when it stored none, failed, or took too long. */
    private StoredPage leadersPage(SingleFlight<String, StoredPage>.Flight flight) {
        try {
            return flight.await(settings.stampedeWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** What a found page may be used for now: served fresh, served stale, or rendered again. */
    StaleWindows.Phase phase(StoredPage page) {
        return stale.phase(page);
    }

    /** {@code page}, if it may stand in for a failed rendering of it now (its stale-if-error window); else {@code null}. */
    StoredPage fallback(StoredPage page) {
        return stale.fallback(page);
    }

    /** Answers the request from a stale page, saying {@code STALE}. */
    void serveStale(StoredPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        stale.serve(page, request, response);
    }

    /** See {@link StalePages#answeredStale}. */
    boolean answeredStale(StoredPage fallback, HttpServletRequest request, HttpServletResponse response,
            CapturedResponse rendered, Throwable failure) throws IOException {
        return stale.answeredStale(fallback, request, response, rendered, failure);
    }

    void bypass(HttpServletResponse response) {
        tally.count(PageEvent.BYPASS);
        settings.markStatus(response, "BYPASS");
    }

    void miss(HttpServletResponse response) {
        tally.count(PageEvent.MISS);
        settings.markStatus(response, "MISS");
    }

    /** Settings of a {@link PageCache}; each is checked as it is set. */
    public static final class Builder {
        private final Cache cache;
        private String keyPrefix = "";
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration pageTimeout;
        private String statusHeader = DEFAULT_STATUS_HEADER;
        private boolean serverTiming;
        private Duration stampedeWait = DEFAULT_STAMPEDE_WAIT;
        private int maxPageBytes = DEFAULT_MAX_PAGE_BYTES;
        private Function<HttpServletRequest, String> language;
        private Function<HttpServletRequest, String> timeZone;
        private Clock clock = Clock.systemUTC();
        private Duration staleWhileRevalidate = Duration.ZERO;
        private Duration staleIfError = Duration.ZERO;

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

        /**
         * Whether each response also carries a W3C {@code Server-Timing} entry,
         * {@code larder-page;desc="HIT"} (or MISS, BYPASS): browsers show it in their developer
         * tools, and a page's own script can read it from
         * {@code performance.getEntriesByType("navigation")[0].serverTiming}. Never stored with
         * a page. Default off.
         */
        public Builder serverTiming(boolean on) {
            this.serverTiming = on;
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

        /**
         * RFC 5861's {@code stale-while-revalidate}: for this long after a page stops being
         * fresh, one request renders it again while the others are answered at once with the
         * stale page ({@code X-Larder-Cache: STALE}). A response's own
         * {@code stale-while-revalidate=N} beats it. Default zero: never.
         */
        public Builder staleWhileRevalidate(Duration window) {
            this.staleWhileRevalidate = nonNegative("staleWhileRevalidate", window);
            return this;
        }

        /**
         * RFC 5861's {@code stale-if-error}: for this long after a page stops being fresh, a
         * rendering of it that throws or answers 500, 502, 503 or 504 is replaced by the stale
         * page. A response's own {@code stale-if-error=N} beats it. Default zero: never.
         */
        public Builder staleIfError(Duration window) {
            this.staleIfError = nonNegative("staleIfError", window);
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
