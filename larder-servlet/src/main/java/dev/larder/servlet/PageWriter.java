package dev.larder.servlet;

import dev.larder.Timeout;
import dev.larder.http.CacheHeaders;
import dev.larder.http.HeaderSource;
import dev.larder.http.PageKeys;
import dev.larder.http.StoragePolicy;
import dev.larder.http.Vary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The storing half of a {@link PageCache}: the decision, the header patching, the key learning and the write. */
final class PageWriter {
    /** Response headers that describe one transfer, not the page: never stored. */
    private static final Set<String> NOT_STORED = Set.of("date", "age", "connection", "keep-alive",
            "transfer-encoding", "content-length", "set-cookie", "server", "trailer", "upgrade");

    private final PageCache pages;

    PageWriter(PageCache pages) {
        this.pages = pages;
    }

    /** See {@link PageCache#update}. */
    StoredPage update(HttpServletRequest request, CapturedResponse response, Lookup lookup) {
        HeaderSource requestHeaders = Exchanges.requestHeaders(request);
        HeaderSource responseHeaders = Exchanges.responseHeaders(response);
        int status = response.getStatus();
        // Django patches a 304's caching headers exactly when it would have stored the 200.
        StoragePolicy.Decision decision = StoragePolicy.decide(request.getMethod(), requestHeaders,
                status == 304 ? 200 : status, responseHeaders, response.streamed(), pages.pageTimeout, pages.timeout);
        if (!decision.store() || status == 304) {
            pages.refused.increment();
            if (decision.store()) {
                patch(response, responseHeaders, decision.timeout());
            }
            return null;
        }
        patch(response, responseHeaders, decision.timeout());
        return store(requestHeaders, response, lookup, decision.timeout());
    }

    private void patch(HttpServletResponse response, HeaderSource headers, Duration ttl) {
        CacheHeaders.responseHeaders(headers, ttl, pages.clock.instant()).forEach(response::setHeader);
    }

    private StoredPage store(HeaderSource requestHeaders, CapturedResponse response, Lookup lookup, Duration ttl) {
        List<String> own = PageKeys.normalize(Vary.parse(new ArrayList<>(response.getHeaders("Vary"))));
        StoredPage page = new StoredPage(pages.clock.millis(), own, PageKeys.headerHash(own, requestHeaders),
                snapshot(response, lookup.method()), response.body());
        try {
            List<String> union = learn(lookup, own, ttl);
            String key = lookup.url().pageKey(lookup.method(), union, requestHeaders);
            pages.cache.set(key, page.encode(), Timeout.of(ttl));
            pages.failures.succeeded();
            pages.stored.increment();
            return page;
        } catch (RuntimeException e) {
            pages.failures.failed("store", e);
            return null;
        }
    }

    /**
     * Writes the URL's header list: the union of what it held and what this page varies on,
     * so that learning an anonymous page never shrinks the list another variant needs (Django's
     * last-writer-wins, spec §10.5). Rewritten on every store so it outlives every page keyed
     * by it; read back once to merge a concurrent writer's names.
     */
    private List<String> learn(Lookup lookup, List<String> own, Duration ttl) {
        Set<String> union = new TreeSet<>(own);
        if (lookup.vary() != null) {
            union.addAll(lookup.vary());
        }
        pages.cache.set(lookup.listKey(), String.join(",", union), Timeout.of(ttl));
        List<String> after = pages.readList(lookup.listKey(), pages.cache.get(lookup.listKey()));
        if (after != null && !after.containsAll(union)) {
            union.addAll(after);
            pages.cache.set(lookup.listKey(), String.join(",", union), Timeout.of(ttl));
        }
        List<String> learned = List.copyOf(union);
        pages.remember(lookup.listKey(), learned);
        return learned;
    }

    /**
     * The response's headers, less those that describe one transfer. A HEAD response keeps its
     * Content-Length: it has no body, and the length is that of the GET it stands for.
     */
    private List<Map.Entry<String, String>> snapshot(HttpServletResponse response, String method) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : response.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean kept = !NOT_STORED.contains(lower) || (lower.equals("content-length") && method.equals("HEAD"));
            if (seen.add(name) && kept && !name.equalsIgnoreCase(pages.statusHeader)) {
                response.getHeaders(name).forEach(value -> headers.add(Map.entry(name, value)));
            }
        }
        return headers;
    }
}
