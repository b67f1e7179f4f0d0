package dev.larder.hibernate;

import java.lang.System.Logger.Level;
import java.util.Map;

/** Each thread's open {@link Recording}, if any, for one model cache. Thread-safe. */
final class Recordings {
    private static final System.Logger LOG = System.getLogger("dev.larder.hibernate");

    private final ThreadLocal<Recording> current = new ThreadLocal<>();

    Recording open() {
        Recording recording = new Recording(this, current.get());
        current.set(recording);
        return recording;
    }

    /** The thread's open recording, or null. */
    Recording current() {
        return current.get();
    }

    /** A read on this thread: counted, and its stamps noted, when a recording is open. */
    void read(boolean hit, Map<String, Long> stamps) {
        Recording recording = current.get();
        if (recording != null) {
            recording.read(hit, stamps);
        }
    }

    /** This thread may now show uncommitted state: its open recording stores nothing more. */
    void unsaved() {
        Recording recording = current.get();
        if (recording != null) {
            recording.markUnsaved();
        }
    }

    /**
     * Ends {@code closing} and any recording opened inside it and left open (an exception
     * skipped its close): the thread must not keep a recording that nobody will close, which
     * would collect every later read on a pooled thread.
     *
     * @throws IllegalStateException when {@code closing} is not open on this thread
     */
    void closed(Recording closing) {
        int leaked = 0;
        for (Recording r = current.get(); r != null; r = r.outer()) {
            if (r == closing) {
                if (leaked > 0) {
                    LOG.log(Level.WARNING, "model cache: " + leaked + " recording(s) opened inside another were never"
                            + " closed; closed with it");
                }
                if (closing.outer() == null) {
                    current.remove();
                } else {
                    current.set(closing.outer());
                }
                return;
            }
            leaked++;
        }
        throw new IllegalStateException("a model-cache recording was closed on a thread where it is not open");
    }
}
