package dev.larder.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread walks the shared key order ({@link Workload#readOrder()}) from its own offset. */
@State(Scope.Thread)
public class KeyCursor {
    final String[] order = Workload.readOrder();
    int next;

    @Setup(Level.Trial)
    public void offset() {
        next = (int) (Thread.currentThread().getId() * 7919);
    }

    String key() {
        return order[next++ & (Workload.ORDER_SIZE - 1)];
    }
}
