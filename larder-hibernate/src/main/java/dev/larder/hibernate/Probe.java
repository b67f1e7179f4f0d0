package dev.larder.hibernate;

/**
 * Test seam: called at the points of a fill and of a write where the race tests interleave a
 * writer or make the cache fail. The model cache's reader and write tracker each take one; it
 * is {@link #NONE} outside tests.
 */
interface Probe {
    Probe NONE = (point, key) -> { };

    enum Point { STAMPS_READ, LOADED, BEFORE_STORE, PENDING_MOVE, COMMITTED_MOVE }

    void at(Point point, String key);
}
