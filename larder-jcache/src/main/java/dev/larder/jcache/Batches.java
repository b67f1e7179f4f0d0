package dev.larder.jcache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Work over a store's listing a batch at a time, so memory stays bounded however many keys there are. */
final class Batches {
    /** Keys per batch: one round trip each for a shared store's reads or deletes. */
    static final int SIZE = 500;

    private Batches() {
    }

    static <T> void each(Iterator<T> items, int size, Consumer<List<T>> work) {
        List<T> batch = new ArrayList<>(size);
        while (items.hasNext()) {
            batch.add(items.next());
            if (batch.size() == size) {
                work.accept(batch);
                batch = new ArrayList<>(size);
            }
        }
        if (!batch.isEmpty()) {
            work.accept(batch);
        }
    }
}
