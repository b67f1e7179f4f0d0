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
            StoredPage page;
            if (value instanceof ReadOnlyBytes b) {
                // Decoded once per instance: locmem hands every hit the instance it stored.
                page = b.decoded(StoredPage.DECODE);
            } else if (value instanceof byte[] a) {
                // A page stored before pages were stored as ReadOnlyBytes, or by a serializer that cannot write them.
                page = StoredPage.decode(ReadOnlyBytes.wrap(a, 0, a.length));
            } else {
                throw new StoredPage.CorruptPageException(pageKey + " holds a " + value.getClass().getName());
            }
            return page.matches(headers) ? page : null;
        } catch (StoredPage.CorruptPageException e) {
            corrupt.failed("read of " + pageKey, e);
            return null;
        }
    }
}
