package dev.larder.hibernate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one thread's model-cache reads saw while it was open: the stamp values the data was
 * read under, and how many reads hit. Opened by {@link ModelCache#record()} around a unit of
 * work such as one web request, and closed at its end (try-with-resources):
 *
 * <pre>{@code
 * try (Recording reads = models.record()) {
 *     Child c = models.get(session, Child.class, 42L, "mother", "father");
 *     String html = render(c);              // fragments depending on c record what c was read under
 *     log.debug("model cache: {} hits, {} misses", reads.hits(), reads.misses());
 * }
 * }</pre>
 *
 * <p><b>Why record.</b> Something cached outside the model cache (a rendered fragment, say)
 * that shows an entity must record the entity's stamps as they were <em>before</em> the
 * entity was read: a write that commits between the read and the recording would otherwise
 * be recorded as already shown, and the cached text would stay stale. {@link ModelStamps#read}
 * takes the values this recording saw and reads only the others.
 *
 * <p><b>Unsaved state.</b> Once a transaction that wrote rolls back on the thread, or the
 * thread reads through the model cache in a session holding changes of its own, what it
 * renders may not be what is committed (rolled-back objects, edits not yet committed): from
 * then on
 * {@link ModelStamps#put} stores nothing for this recording. {@link #markUnsaved()} says the
 * same where Larder cannot see it, such as an entity edited in memory and never flushed (a
 * form re-rendered after a failed validation); the Spring Boot starter marks every request
 * that is not a GET or HEAD. A write that commits needs no mark: the stamps it moved make
 * whatever recorded the old values stale.
 *
 * <p>Belongs to the thread that opened it: not thread-safe, and must be closed by that
 * thread. Recordings nest; closing one restores the one it was opened in, and closing an
 * outer recording closes any inner one left open (an exception that skipped its close).
 */
public final class Recording implements AutoCloseable {
    private final Recordings owner;
    private final Recording outer;
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private int hits;
    private int misses;
    private boolean unsaved;
    private boolean closed;

    Recording(Recordings owner, Recording outer) {
        this.owner = owner;
        this.outer = outer;
    }

    /**
     * Each stamp as first seen: a stamp seen again with a newer value keeps the older one, so
     * whatever shows data from either read is recorded as at least as old as it is.
     */
    public Map<String, Long> seen() {
        return Collections.unmodifiableMap(seen);
    }

    /** Reads answered from the cache while this was open. */
    public int hits() {
        return hits;
    }

    /** Reads that went to the database (misses, and reads in a session with writes of its own). */
    public int misses() {
        return misses;
    }

    /**
     * Says the thread may show state that is not committed: from now on
     * {@link ModelStamps#put} stores nothing for this recording (and the ones around it).
     */
    public void markUnsaved() {
        unsaved = true;
        if (outer != null) {
            outer.markUnsaved();
        }
    }

    /** Whether a rollback, a read of the session's own changes, or {@link #markUnsaved()} happened while this was open. */
    public boolean showsUnsaved() {
        return unsaved;
    }

    Recording outer() {
        return outer;
    }

    void read(boolean hit, Map<String, Long> stamps) {
        if (hit) {
            hits++;
        } else {
            misses++;
        }
        stamps.forEach(seen::putIfAbsent);
        if (outer != null) {
            outer.read(hit, stamps);
        }
    }

    /** Ends the recording; the thread's enclosing recording, if any, is current again. */
    @Override
    public void close() {
        if (!closed) {
            owner.closed(this);
            closed = true;
        }
    }
}
