package dev.larder.jcache;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * One JCache cache's counters in this JVM (JSR-107 section 12.4), counted only while
 * statistics are enabled. Average times are in microseconds, over the calls counted since the
 * last {@link #clear()}.
 */
final class Statistics implements CacheStatisticsMXBean {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private volatile boolean enabled;

    void enable(boolean on) {
        enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    void hits(long n) {
        if (enabled) {
            hits.add(n);
        }
    }

    void misses(long n) {
        if (enabled) {
            misses.add(n);
        }
    }

    /** One read: a hit when the entry was there, else a miss. */
    void found(boolean hit) {
        if (hit) {
            hits(1);
        } else {
            misses(1);
        }
    }

    void puts(long n) {
        if (enabled) {
            puts.add(n);
        }
    }

    void removals(long n) {
        if (enabled) {
            removals.add(n);
        }
    }

    void evictions(long n) {
        if (enabled) {
            evictions.add(n);
        }
    }

    /** A start time for the average of one call, or 0 while statistics are off. */
    long start() {
        return enabled ? System.nanoTime() : 0;
    }

    void getTime(long start) {
        if (start != 0) {
            getNanos.add(System.nanoTime() - start);
        }
    }

    void putTime(long start) {
        if (start != 0) {
            putNanos.add(System.nanoTime() - start);
        }
    }

    void removeTime(long start) {
        if (start != 0) {
            removeNanos.add(System.nanoTime() - start);
        }
    }

    @Override
    public void clear() {
        for (LongAdder a : new LongAdder[] {hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos}) {
            a.reset();
        }
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long h = getCacheHits();
        long all = h + getCacheMisses();
        return all == 0 ? 0 : 100f * h / all;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long m = getCacheMisses();
        long all = m + getCacheHits();
        return all == 0 ? 0 : 100f * m / all;
    }

    @Override
    public long getCacheGets() {
        return getCacheHits() + getCacheMisses();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos, getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos, getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos, getCacheRemovals());
    }

    private static float average(LongAdder nanos, long calls) {
        return calls == 0 ? 0 : nanos.sum() / 1000f / calls;
    }
}
