package dev.larder.servlet;

import java.util.List;

/**
 * What a page lookup found.
 *
 * @param vary the URL's header list, or {@code null} when none is stored (a miss)
 * @param pageKey the page key for the request's method, or {@code null} without a header list
 * @param hit the stored page that matches the request, or {@code null}
 * @param failed the backend failed: render without the cache and do not store
 */
record Lookup(String uri, String suffix, String listKey, String method, List<String> vary, String pageKey,
        StoredPage hit, boolean failed) {

    Lookup(String uri, String suffix, String listKey, String method, List<String> vary, String pageKey,
            StoredPage hit) {
        this(uri, suffix, listKey, method, vary, pageKey, hit, false);
    }

    static Lookup failed(String uri, String suffix, String listKey, String method) {
        return new Lookup(uri, suffix, listKey, method, null, null, null, true);
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
