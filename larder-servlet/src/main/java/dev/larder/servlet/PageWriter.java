package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.SerializationException;
import dev.larder.Timeout;
import dev.larder.http.CacheHeaders;
import dev.larder.http.HeaderSource;
import dev.larder.http.PageKeys;
import dev.larder.http.StaleWindows;
import dev.larder.http.StoragePolicy;
import dev.larder.http.Vary;
import dev.larder.support.FailOpen;
import dev.larder.support.Hints;
import dev.larder.support.ReadOnlyBytes;
import dev.larder.support.Tally;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The storing half of the page cache: the decision, the header patching, the key learning and the write. */
final class PageWriter {
    /** Response headers that describe one transfer, not the page: never stored. */
    private static final Set<String> NOT_STORED = Set.of("date", "age", "connection", "keep-alive",
            "transfer-encoding", "content-length", "set-cookie", "server", "trailer", "upgrade");

    private final Cache cache;
    private final PageSettings settings;
    private final Clock clock;
    private final Tally<PageEvent> tally;
    private final Tally<StoragePolicy.Refusal> refusals;
    private final StoredValues stored;
    /** Shared with the {@link PageReader}; {@code null} when it reads without hints. */
    private final Hints knownLists;
    private final FailOpen failures;

    PageWriter(Cache cache, PageSettings settings, Clock clock, Tally<PageEvent> tally,
            Tally<StoragePolicy.Refusal> refusals, StoredValues stored, Hints knownLists, FailOpen failures) {
        this.refusals = refusals;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
        this.tally = tally;
        this.stored = stored;
        this.knownLists = knownLists;
        this.failures = failures;
    }

    /**
     * Decides about a rendered response and stores it when the rules allow, after patching its
     * caching headers (Django §5.2). Returns the stored page, or {@code null}.
     */
    StoredPage update(HttpServletRequest request, CapturedResponse response, Lookup lookup) {
        HeaderSource requestHeaders = Exchanges.requestHeaders(request);
        HeaderSource responseHeaders = Exchanges.responseHeaders(response);
        int status = response.getStatus();
        // Django patches a 304's caching headers exactly when it would have stored the 200.
        StoragePolicy.Decision decision = StoragePolicy.decide(request.getMethod(), requestHeaders,
                status == 304 ? 200 : status, responseHeaders, response.streamed(), settings.pageTimeout(),
                settings.timeout(), clock.instant());
        if (!decision.store() || status == 304) {
            tally.count(PageEvent.REFUSED);
            if (decision.refusal() != null) {
                refusals.count(decision.refusal());
                dropReplaced(lookup, decision.refusal());
            }
            if (decision.store()) {
                patch(response, responseHeaders, decision.timeout());
            }
            return null;
        }
        patch(response, responseHeaders, decision.timeout());
        return store(requestHeaders, response, lookup, decision.timeout(),
                StaleWindows.resolve(responseHeaders, settings.stale()));
    }

    /**
     * The resource now answers with what may not be stored (private, a cookie, no-store, a 404,
     * ...): the page stored for this request's variant, if any, is dropped, so that it is not
     * served stale (RFC 5861) nor replaced by a cache of its own in place of what the origin now
     * says. A refusal that depends on this request only (its method, its Authorization) leaves
     * the page to the other requests it serves. A failed delete leaves it to its timeout.
     */
    private void dropReplaced(Lookup lookup, StoragePolicy.Refusal refusal) {
        if (lookup.pageKey() == null || refusal == StoragePolicy.Refusal.METHOD
                || refusal == StoragePolicy.Refusal.AUTHORIZATION) {
            return;
        }
        try {
            cache.delete(lookup.pageKey());
        } catch (RuntimeException e) {
            failures.failed("delete", e);
        }
    }

    private void patch(HttpServletResponse response, HeaderSource headers, Duration ttl) {
        CacheHeaders.responseHeaders(headers, ttl, clock.instant()).forEach(response::setHeader);
    }

    /**
     * Stores the page, fresh for {@code fresh} and kept through its stale windows; the header
     * list is kept as long, or a stale page could not be found.
     */
    private StoredPage store(HeaderSource requestHeaders, CapturedResponse response, Lookup lookup, Duration fresh,
            StaleWindows windows) {
        List<String> own = PageKeys.learn(Vary.parse(new ArrayList<>(response.getHeaders("Vary"))),
                lookup.url().localized());
        byte[] encoded = new StoredPage(clock.millis(), fresh.toMillis(), windows, own,
                PageKeys.headerHash(own, requestHeaders), snapshot(response, lookup.method()), response.body()).encode();
        ReadOnlyBytes stored = ReadOnlyBytes.wrap(encoded, 0, encoded.length);
        // The page as its hits will see it, prepared now: on locmem they are handed this instance, decoded once here.
        StoredPage page = stored.decoded(StoredPage.DECODE);
        try {
            Duration ttl = windows.keep(fresh);
            List<String> union = learn(lookup, own, ttl);
            String key = lookup.url().pageKey(lookup.method(), union, requestHeaders);
            write(key, stored, encoded, ttl);
            failures.succeeded();
            tally.count(PageEvent.STORED);
            return page;
        } catch (RuntimeException e) {
            failures.failed("store", e);
            return null;
        }
    }

    /**
     * Stores the page as bytes every hit can share (no copy per hit; locmem keeps this very
     * instance), or as a copied byte[] if the serializer cannot.
     */
    private void write(String key, ReadOnlyBytes stored, byte[] encoded, Duration ttl) {
        try {
            cache.set(key, stored, Timeout.of(ttl));
        } catch (SerializationException e) {
            // A serializer of the user's own may not know ReadOnlyBytes: a byte[] costs a copy per hit, but is stored.
            cache.set(key, encoded, Timeout.of(ttl));
        }
    }

    /**
     * Makes the URL's header list hold what this page varies on. The list is read afresh (the
     * lookup's copy may be stale: a stampede follower, a slow view) and written only when this
     * page adds names to it, so learning an anonymous page never shrinks the list another
     * variant needs (Django's last-writer-wins, spec §10.5). Otherwise its timeout is renewed
     * to this page's. A write is read back once to merge names a concurrent writer added.
     */
    private List<String> learn(Lookup lookup, List<String> own, Duration ttl) {
        String listKey = lookup.listKey();
        List<String> current = stored.headerList(listKey, cache.get(listKey));
        Set<String> union = new TreeSet<>(own);
        if (lookup.vary() != null) {
            union.addAll(lookup.vary());
        }
        if (current != null && current.containsAll(union)) {
            cache.touch(listKey, Timeout.of(ttl));
            union.addAll(current);
        } else {
            if (current != null) {
                union.addAll(current);
            }
            cache.set(listKey, String.join(",", union), Timeout.of(ttl));
            List<String> after = stored.headerList(listKey, cache.get(listKey));
            if (after != null && !after.containsAll(union)) {
                union.addAll(after);
                cache.set(listKey, String.join(",", union), Timeout.of(ttl));
            }
        }
        List<String> learned = List.copyOf(union);
        if (knownLists != null) {
            knownLists.put(listKey, learned);
        }
        return learned;
    }

    /**
     * The page's headers: the response's, less those that describe one transfer and those a
     * filter further out had set before the page cache saw the response (a request id, a
     * nonce: they belong to that request, and that filter sets them again on a hit). A HEAD
     * response keeps its Content-Length: it has no body, and the length is that of its GET.
     */
    private List<Map.Entry<String, String>> snapshot(CapturedResponse response, String method) {
        List<Map.Entry<String, String>> outer = new ArrayList<>(response.preexisting());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : response.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean kept = !NOT_STORED.contains(lower) || (lower.equals("content-length") && method.equals("HEAD"));
            if (!seen.add(name) || !kept) {
                continue;
            }
            for (String value : response.getHeaders(name)) {
                if (settings.isStatusMark(name, value)) {
                    continue;
                }
                if (!outer.removeIf(new Once(name, value))) {
                    headers.add(Map.entry(name, value));
                }
            }
        }
        return headers;
    }

    /** Matches one header line (name case-insensitively, value exactly), once. */
    private static final class Once implements Predicate<Map.Entry<String, String>> {
        private final String name;
        private final String value;
        private boolean matched;

        Once(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public boolean test(Map.Entry<String, String> e) {
            if (!matched && e.getKey().equalsIgnoreCase(name) && e.getValue().equals(value)) {
                matched = true;
                return true;
            }
            return false;
        }
    }
}
