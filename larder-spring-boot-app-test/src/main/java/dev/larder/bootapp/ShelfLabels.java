package dev.larder.bootapp;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Labels of shelves, cached by Spring's annotations over the application's Larder cache. */
@Service
public class ShelfLabels {
    private final AtomicInteger lookups = new AtomicInteger();

    @Cacheable("labels")
    public String label(long shelf) {
        lookups.incrementAndGet();
        return "Shelf " + shelf;
    }

    public int lookups() {
        return lookups.get();
    }
}
