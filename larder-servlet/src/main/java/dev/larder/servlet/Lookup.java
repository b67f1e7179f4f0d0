package dev.larder.servlet;

import dev.larder.http.PageKeys;
import java.util.List;

/**
 * What a page lookup found.
 *
 * @param url the keys of the request's URL and locale
 *
 * @param vary the URL's header list, or {@code null} when none is stored (a miss)
 * @param pageKey the page key for the request's method, or {@code null} without a header list
 * @param hit the stored page that matches the request, or {@code null}
 * @param failed the backend failed: render without the cache and do not store
 */
record Lookup(PageKeys.Url url, String listKey, String method, List<String> vary, String pageKey,
        StoredPage hit, boolean failed) {

    Lookup(PageKeys.Url url, String listKey, String method, List<String> vary, String pageKey, StoredPage hit) {
        this(url, listKey, method, vary, pageKey, hit, false);
    }

    static Lookup failed(PageKeys.Url url, String listKey, String method) {
        return new Lookup(url, listKey, method, null, null, null, true);
    }

    /** This lookup as if it had found no page: for a stale page that is rendered again. */
    Lookup withoutHit() {
        return new Lookup(url, listKey, method, vary, pageKey, null, failed);
    }

    /**
     * The key requests wait on while one of them renders: the page key when the URL's header
     * list is known (so requests for different variants do not wait on each other), else the
     * URL and method.
     */
    String flightKey() {
        return pageKey != null ? pageKey : listKey + " " + method;
    }
}
