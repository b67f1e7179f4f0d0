package dev.larder.benchmarks;

import dev.larder.benchmarks.models.Child;
import dev.larder.benchmarks.models.Parent;
import dev.larder.hibernate.ModelCache;
import java.util.Arrays;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.SessionFactory;

/**
 * How stale a model-cache reader on one node is after a commit on another: node A renames a
 * child's mother and commits; node B reads the child (mother fetched) through its model cache
 * in a tight loop. For each update the <em>stale window</em> is how long after A's commit
 * returned a read that B began after that moment could still return the old name: the end of
 * the last such read, less the commit's return, or 0 when there was none. Strict mode should
 * show 0 every time.
 *
 * <p>Two kinds of write: an entity update through Hibernate, which moves the stamps at flush
 * (pending) and again after commit, so B's near cache usually drops them while A's transaction
 * is still open; and a write Hibernate does not see (plain JDBC through {@code doWork}) followed
 * by {@code invalidate(Parent.class, id)} after commit, one move with nothing before it, whose
 * window is the push delay itself.
 */
final class ModelStaleness {
    /** What B should see from {@code committedAt} (nanoTime) on. */
    private record Target(String name, long committedAt) {
    }

    /** One update as B saw it. */
    private record Seen(long windowNanos, int staleReads) {
    }

    private ModelStaleness() {
    }

    /**
     * Runs {@code updates} commits on {@code writer} while {@code reader} polls, and reports the
     * stale window's percentiles as one line under {@code label}.
     */
    static void measure(Report report, String label, SessionFactory writer, ModelCache writerModels,
                        SessionFactory reader, ModelCache readerModels, long childId, int updates,
                        boolean outsideHibernate) throws Exception {
        long parentId = writer.fromSession(s -> s.createSelectionQuery("select c.mother.id from "
                + Child.class.getName() + " c where c.id = :id", Long.class).setParameter("id", childId)
                .getSingleResult());
        AtomicReference<Target> target = new AtomicReference<>();
        SynchronousQueue<Seen> seen = new SynchronousQueue<>();
        long[] regressions = new long[1];
        AtomicBoolean stop = new AtomicBoolean();
        Thread poller = new Thread(() -> poll(reader, readerModels, childId, label, target, seen, regressions, stop),
                "staleness-reader");
        poller.setDaemon(true);
        poller.start();
        long[] windows = new long[updates];
        int updatesWithStaleReads = 0;
        long staleReads = 0;
        try {
            for (int i = 0; i < updates; i++) {
                String name = label + " " + i;
                if (outsideHibernate) {
                    writer.inTransaction(s -> s.doWork(c -> {
                        try (var update = c.prepareStatement("update Parent set name = ? where id = ?")) {
                            update.setString(1, name);
                            update.setLong(2, parentId);
                            update.executeUpdate();
                        }
                    }));
                    writerModels.invalidate(Parent.class, parentId);
                } else {
                    writer.inTransaction(s -> s.find(Parent.class, parentId).name = name);
                }
                target.set(new Target(name, System.nanoTime()));
                Seen one = seen.poll(10, TimeUnit.SECONDS);
                if (one == null) {
                    throw new IllegalStateException(label + ": node B did not see \"" + name + "\" within 10 s");
                }
                windows[i] = one.windowNanos();
                staleReads += one.staleReads();
                updatesWithStaleReads += one.staleReads() > 0 ? 1 : 0;
            }
        } finally {
            // Not an interrupt: one landing in a cache read would be logged as a cache failure.
            stop.set(true);
            poller.join(10_000);
        }
        Arrays.sort(windows);
        report.line(String.format("| %s | %,d | %d (%.0f%%) | %,d | %.0f | %.0f | %.0f | %,d |", label, updates,
                updatesWithStaleReads, 100.0 * updatesWithStaleReads / updates, staleReads,
                Load.percentileMicros(windows, 0.5), Load.percentileMicros(windows, 0.99),
                windows[windows.length - 1] / 1000.0, regressions[0]));
    }

    /**
     * B's loop: every read is timed; once A's commit is published, a read begun after it that
     * returns the old name is stale, and the first one returning the new name ends the update.
     * A read returning anything else after that, until the next commit, is a regression.
     */
    private static void poll(SessionFactory reader, ModelCache models, long childId, String label,
                             AtomicReference<Target> target, SynchronousQueue<Seen> seen, long[] regressions,
                             AtomicBoolean stop) {
        Target done = null;
        Target current = null;
        long lastStaleEnd = 0;
        int stale = 0;
        while (!stop.get()) {
            long start = System.nanoTime();
            String name = reader.fromSession(s -> models.get(s, Child.class, childId, "mother", "father")).mother.name;
            long end = System.nanoTime();
            Target now = target.get();
            if (now == null || now == done) {
                // The next commit may already show before it is published: only an older name counts.
                if (done != null && start > done.committedAt() && version(label, name) < version(label, done.name())) {
                    regressions[0]++;
                }
                continue;
            }
            if (now != current) {
                current = now;
                lastStaleEnd = 0;
                stale = 0;
            }
            if (start <= now.committedAt()) {
                continue;
            }
            if (!now.name().equals(name)) {
                stale++;
                lastStaleEnd = end;
                continue;
            }
            done = now;
            try {
                if (!seen.offer(new Seen(stale == 0 ? 0 : lastStaleEnd - now.committedAt(), stale), 10,
                        TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The update number a name carries; the seeded name counts as before every update. */
    private static int version(String label, String name) {
        return name.startsWith(label + " ") ? Integer.parseInt(name.substring(label.length() + 1)) : -1;
    }
}
