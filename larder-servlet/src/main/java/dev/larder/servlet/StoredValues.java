package dev.larder.servlet;

import dev.larder.http.HeaderSource;
import dev.larder.support.FailOpen;
import dev.larder.support.ReadOnlyBytes;
import java.util.List;

/**
 * Reads back what a page cache stores: a URL's header list (a comma-separated string) and the
 * pages ({@link StoredPage}'s bytes). A value that is not what the page cache writes (another
 * program's, or one from an incompatible version) is a miss, logged and counted by
 * {@code corrupt}, never a failed request.
 */
final class StoredValues {
    private final FailOpen corrupt;

    StoredValues(FailOpen corrupt) {
        this.corrupt = corrupt;
    }

    /** The header list stored under {@code listKey}, or {@code null}: none, or not a list. */
    List<String> headerList(String listKey, Object value) {
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

    /** The page stored under {@code pageKey} if it matches the request's varied headers, or {@code null}. */
    StoredPage page(String pageKey, Object value, HeaderSource headers) {
        if (value == null) {
            return null;
        }
        try {
            // A byte[]: a page stored before pages were stored as ReadOnlyBytes.
            ReadOnlyBytes bytes = value instanceof ReadOnlyBytes b ? b
                    : value instanceof byte[] a ? ReadOnlyBytes.wrap(a, 0, a.length) : null;
            if (bytes == null) {
                throw new StoredPage.CorruptPageException(pageKey + " holds a " + value.getClass().getName());
            }
            StoredPage page = StoredPage.decode(bytes);
            return page.matches(headers) ? page : null;
        } catch (StoredPage.CorruptPageException e) {
            corrupt.failed("read of " + pageKey, e);
            return null;
        }
    }
}
