package dev.larder.thymeleaf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.thymeleaf.context.IExpressionContext;

/**
 * The fragments of one template run, available to the template as {@code #larderFragments}:
 * how many {@code larder:cache} elements were served from the cache and how many were
 * rendered, so a page footer can say so.
 *
 * <pre>{@code
 * <footer th:text="|fragments: ${#larderFragments.hits()} hits, ${#larderFragments.misses()} misses|"></footer>
 * }</pre>
 *
 * <p>Fragments rendered inside a rendered fragment count too; those inside a fragment served
 * from the cache are not processed and do not count. It also keeps the stack of fragments
 * being rendered, through which an inner fragment's stamps reach the fragments around it.
 * One instance per template run (per engine context); not thread-safe, as a run is not.
 */
public final class FragmentRun {
    /** The name of the expression object. */
    public static final String NAME = "larderFragments";

    private final Deque<Frame> open = new ArrayDeque<>();
    private int hits;
    private int misses;

    FragmentRun() {
    }

    /** The run of the template being processed in {@code context}. */
    static FragmentRun of(IExpressionContext context) {
        return (FragmentRun) context.getExpressionObjects().getObject(NAME);
    }

    /** Fragments served from the cache in this run. */
    public int hits() {
        return hits;
    }

    /** Fragments rendered in this run (not found, stale, not cacheable, or the cache failing). */
    public int misses() {
        return misses;
    }

    /**
     * A fragment served from the cache.
     *
     * @param newer whether its stamps differ from those the thread's reads saw: it shows
     *     another version of data the fragments around it may show too, so they are not stored
     */
    void hit(Map<String, Long> stamps, boolean newer) {
        hits++;
        Frame around = open.peek();
        if (around != null) {
            around.add(stamps);
            if (newer) {
                around.poison();
            }
        }
    }

    void miss() {
        misses++;
    }

    Frame open(Map<String, Long> own) {
        Frame frame = new Frame(own);
        open.push(frame);
        return frame;
    }

    /** Closes the innermost fragment, handing what it depends on to the one around it. */
    void close(Frame frame) {
        if (open.peek() != frame) {
            throw new IllegalStateException("fragments closed out of order");
        }
        open.pop();
        Frame around = open.peek();
        if (around != null) {
            around.add(frame.stamps());
            if (!frame.storable()) {
                around.poison();
            }
        }
    }

    @Override
    public String toString() {
        return hits + (hits == 1 ? " hit, " : " hits, ") + misses + (misses == 1 ? " miss" : " misses");
    }

    /** A fragment being rendered: the stamps its text depends on, its own and its inner fragments'. */
    static final class Frame {
        private final Map<String, Long> stamps;
        private boolean storable = true;

        private Frame(Map<String, Long> own) {
            this.stamps = new LinkedHashMap<>(own);
        }

        void add(Map<String, Long> more) {
            more.forEach((key, value) -> {
                Long before = stamps.putIfAbsent(key, value);
                if (before != null && !before.equals(value)) {
                    // The stamp moved while the page rendered: parts of the text saw two versions.
                    storable = false;
                }
            });
        }

        void poison() {
            storable = false;
        }

        Map<String, Long> stamps() {
            return stamps;
        }

        boolean storable() {
            return storable;
        }
    }
}
