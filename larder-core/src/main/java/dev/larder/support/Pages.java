package dev.larder.support;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * An iterator over items fetched a page at a time, for listings that must not hold every item
 * at once (the backends' {@code keys()}). The next page is fetched only when the current one is
 * used up; a failure of the fetch propagates from {@code hasNext} or {@code next}.
 *
 * @param <T> the items
 */
public final class Pages<T> implements Iterator<T> {
    private final Supplier<List<T>> fetch;
    private Iterator<T> page = List.<T>of().iterator();
    private boolean done;

    /**
     * @param fetch the next page: empty when there is nothing this time but more may follow
     *              (a Redis {@code SCAN} step may find none), null once the listing is over
     */
    public Pages(Supplier<List<T>> fetch) {
        this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && !done) {
            List<T> next = fetch.get();
            if (next == null) {
                done = true;
            } else {
                page = next.iterator();
            }
        }
        return page.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }
}
