package dev.larder.spring.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How often each test handler ran: a hit must not run it. */
public class Calls {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    int count(String handler) {
        return counts.computeIfAbsent(handler, k -> new AtomicInteger()).incrementAndGet();
    }

    int of(String handler) {
        AtomicInteger n = counts.get(handler);
        return n == null ? 0 : n.get();
    }

    void reset() {
        counts.clear();
    }
}
