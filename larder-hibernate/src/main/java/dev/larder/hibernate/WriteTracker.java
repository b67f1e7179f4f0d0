package dev.larder.hibernate;

import dev.larder.support.FailOpen;
import dev.larder.support.Tally;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The writing half of the model cache: moves the stamps of what was written, and tracks
 * the sessions whose transactions wrote. A write moves stamps twice, to a pending value when
 * the statement runs and to a settled one after commit; until its transaction ends, the
 * session sees uncommitted rows and must not fill the cache; if it rolls back, the pending
 * values it left are settled again. {@link Invalidator}'s listeners, {@link BulkWatch} and
 * the explicit invalidations call it. Thread-safe.
 */
final class WriteTracker {
    private final StampStore stamps;
    private final Duration pendingFor;
    private final Tally<ModelEvent> tally;
    private final FailOpen failures;
    private final InvalidationLog log;
    private final Recordings recordings;
    /** Sessions whose transaction wrote, until it ends (weak: a session abandoned mid-transaction must not leak). */
    private final Set<SharedSessionContractImplementor> dirty =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** The pending values each session's transaction wrote last, per stamp: settled again if it rolls back. */
    private final Map<SharedSessionContractImplementor, Map<String, Object>> pendingBySession =
            Collections.synchronizedMap(new WeakHashMap<>());
    private volatile Probe probe = Probe.NONE;

    /**
     * @param pendingFor how long a pending value lasts if the move after its commit is lost
     * @param tally counts {@link ModelEvent#INVALIDATION}s
     * @param failures where failed moves are counted and logged
     * @param log where each move is listed with its cause
     * @param recordings told when a thread's transaction rolls back: what it renders afterwards may not be committed
     */
    WriteTracker(StampStore stamps, Duration pendingFor, Tally<ModelEvent> tally, FailOpen failures,
            InvalidationLog log, Recordings recordings) {
        this.stamps = Objects.requireNonNull(stamps, "stamps");
        this.pendingFor = Objects.requireNonNull(pendingFor, "pendingFor");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.log = Objects.requireNonNull(log, "log");
        this.recordings = Objects.requireNonNull(recordings, "recordings");
    }

    void probe(Probe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Whether {@code session}'s transaction wrote: until it ends, the session sees uncommitted rows. */
    boolean wrote(SharedSessionContractImplementor session) {
        return dirty.contains(session);
    }

    /**
     * A statement ran in {@code session}'s transaction. A stateless session's writes have no
     * post-commit event, so theirs move the stamps again when its transaction commits.
     *
     * @param kind the statement, {@code "insert"}, {@code "update"} or {@code "delete"}
     */
    void flushed(SharedSessionContractImplementor session, EntityPersister persister, Object id, String kind) {
        String cause = describe(kind, persister, id);
        if (session.isStatelessSession()) {
            wroteWithoutCommitEvent(session, StampStore.forWrite(persister, id), cause);
            return;
        }
        markDirty(session);
        movePending(session, StampStore.forWrite(persister, id), cause);
    }

    /** A transaction that wrote this instance committed. */
    void committed(EntityPersister persister, Object id, String kind) {
        move(StampStore.forWrite(persister, id), describe(kind, persister, id) + " (commit)");
    }

    /** {@code "update of Parent#3"}: the JPA entity name, short enough for a dashboard. */
    static String describe(String kind, EntityPersister persister, Object id) {
        return kind + " of " + persister.getJpaEntityName() + "#" + id;
    }

    /**
     * A write with no post-commit event (an upsert, a bulk statement, a write outside
     * Hibernate): moves the stamps now and again when the transaction commits, as the
     * post-commit listeners do for entity writes.
     */
    void wroteWithoutCommitEvent(SharedSessionContractImplementor session, List<String> keys, String cause) {
        markDirty(session);
        movePending(session, keys, cause);
        session.getTransactionCompletionCallbacks().registerCallback(
                (TransactionCompletionCallbacks.AfterCompletionCallback) (success, s) -> {
                    if (success) {
                        move(keys, cause + " (commit)");
                    }
                });
    }

    /** A committed move (or one outside any transaction): the stamps take new settled values. */
    void move(List<String> keys, String cause) {
        move(keys, false, cause);
    }

    /** The latest moves, newest first. */
    List<ModelInvalidation> latest() {
        return log.latest();
    }

    /** Until its transaction ends, the session sees uncommitted rows: it must not fill the cache. */
    private void markDirty(SharedSessionContractImplementor session) {
        if (dirty.add(session)) {
            session.getTransactionCompletionCallbacks().registerCallback(
                    (TransactionCompletionCallbacks.AfterCompletionCallback) (success, s) -> {
                        dirty.remove(s);
                        Map<String, Object> pending = pendingBySession.remove(s);
                        if (!success) {
                            // The thread's objects may hold what was rolled back: cache nothing it renders now.
                            recordings.unsaved();
                            if (pending != null) {
                                settleAfterRollback(pending);
                            }
                        }
                    });
        }
    }

    /** A move at flush: pending values, remembered for the session in case its transaction rolls back. */
    private void movePending(SharedSessionContractImplementor session, List<String> keys, String cause) {
        Map<String, Object> written = move(keys, true, cause + " (flush)");
        if (written != null) {
            pendingBySession.computeIfAbsent(session, s -> new HashMap<>()).putAll(written);
        }
    }

    /**
     * The rows are as they were, so the stamps this transaction left pending need not block
     * fills until they expire (nothing is invalidated for a rolled-back transaction beyond the
     * move at flush).
     */
    private void settleAfterRollback(Map<String, Object> pending) {
        try {
            stamps.settleAfterRollback(pending);
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("settling " + dev.larder.support.Keys.printable(pending.keySet().toString())
                    + " after a rollback (fills wait for the pending values to expire)", e);
        }
    }

    /** Moves the stamps; returns the values written, or null when the cache failed. */
    private Map<String, Object> move(List<String> keys, boolean pending, String cause) {
        try {
            probe.at(pending ? Probe.Point.PENDING_MOVE : Probe.Point.COMMITTED_MOVE, String.join(",", keys));
            Map<String, Object> written = stamps.bump(keys, pending, pendingFor);
            tally.count(ModelEvent.INVALIDATION, keys.size());
            log.moved(cause, keys);
            failures.succeeded();
            return written;
        } catch (RuntimeException e) {
            failures.failed("invalidation of " + dev.larder.support.Keys.printable(String.valueOf(keys))
                    + " (entries embedding it may be served until their timeout)", e);
            return null;
        }
    }
}
