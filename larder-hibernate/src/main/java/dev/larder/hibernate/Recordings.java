package dev.larder.hibernate;

import java.util.Map;

/** Each thread's open {@link Recording}, if any, for one model cache. Thread-safe. */
final class Recordings {
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

    void closed(Recording closing, Recording outer) {
        if (current.get() != closing) {
            throw new IllegalStateException("a model-cache recording was closed out of order, or on another thread");
        }
        if (outer == null) {
            current.remove();
        } else {
            current.set(outer);
        }
    }
}
