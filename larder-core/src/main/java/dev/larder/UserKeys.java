package dev.larder;

import dev.larder.spi.CacheKey;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The keys a caller gave, read back from a backend's stored keys ({@link Cache#keys()}): those
 * that start with this version's {@code prefix:version:} head, without it. Keys of other
 * versions, leases and keys of other caches sharing the store do not start with it and are
 * skipped. As lazy as the backend's iterator: one key is looked ahead, no more.
 */
final class UserKeys implements Iterator<String> {
    private final Iterator<CacheKey> stored;
    private final String head;
    private String next;

    UserKeys(Iterator<CacheKey> stored, String head) {
        this.stored = stored;
        this.head = head;
    }

    @Override
    public boolean hasNext() {
        while (next == null && stored.hasNext()) {
            String key = stored.next().value();
            if (key.startsWith(head)) {
                next = key.substring(head.length());
            }
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String key = next;
        next = null;
        return key;
    }
}
