package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.Timeout;
import dev.larder.support.FailOpen;
import dev.larder.support.Hints;
import dev.larder.support.Tally;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.hibernate.Session;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The reading half of the model cache: a hit checked against its stamps in one round
 * trip, and a miss loaded, captured and stored only when that cannot leave a stale entry.
 * Thread-safe.
 */
final class ModelReader {
    private static final System.Logger LOG = System.getLogger("dev.larder.hibernate");

    private final Cache cache;
    private final StampStore stamps;
    /** The stamps each entry needed last time, so a hit is one round trip (a hint; the entry decides). */
    private final Hints hints;
    private final Tally<ModelEvent> tally;
    private final FailOpen failures;
    private final Predicate<SharedSessionContractImplementor> wrote;
    private final Recordings recordings;
    /** Each entity's property shape, computed once. */
    private final Map<String, Integer> shapes = new ConcurrentHashMap<>();
    private volatile Probe probe = Probe.NONE;

    /**
     * @param tally counts hits, misses, bypassed reads, stores and undecodable entries
     * @param failures where failed cache calls are counted and logged
     * @param wrote whether a session's transaction wrote (its reads then bypass the cache)
     * @param recordings where each read's outcome and stamps go, for the thread's open recording
     */
    ModelReader(Cache cache, StampStore stamps, Hints hints, Tally<ModelEvent> tally, FailOpen failures,
                Predicate<SharedSessionContractImplementor> wrote, Recordings recordings) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.stamps = Objects.requireNonNull(stamps, "stamps");
        this.hints = Objects.requireNonNull(hints, "hints");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.wrote = Objects.requireNonNull(wrote, "wrote");
        this.recordings = Objects.requireNonNull(recordings, "recordings");
    }

    void probe(Probe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** The query behind a miss, run in whichever session is right for it. */
    @FunctionalInterface
    interface Load {
        List<?> from(SharedSessionContract session);
    }

    /**
     * @param allOf the entity name for an {@code all()}, whose entry depends on the model's stamps only; else null
     */
    List<Object> read(Session session, String key, String allOf, Load load) {
        if (hasOwnWrites(session) || session.getTenantIdentifierValue() != null) {
            // Its pending or uncommitted writes must show in its reads (race C): the session
            // answers, with its own entities, and nothing is stored. A tenant's session reads
            // through too: keys carry no tenant, and one tenant's rows must never reach another.
            tally.count(ModelEvent.BYPASSED);
            recordings.read(false, Map.of());
            recordings.unsaved();
            return new ArrayList<>(load.from(session));
        }
        Snapshot stale = null;
        try {
            Fetched found = fetch(key);
            if (found != null && current(found) && found.snapshot().fits(name -> shape(session, name))) {
                tally.count(ModelEvent.HIT);
                recordings.read(true, found.snapshot().stamps());
                Set<String> recorded = found.snapshot().stamps().keySet();
                List<String> hint = found.hint();
                // Hints hold distinct keys, so equal sizes and containment mean the same set.
                if (hint == null || hint.size() != recorded.size() || !recorded.containsAll(hint)) {
                    hints.put(key, List.copyOf(recorded));
                }
                failures.succeeded();
                return found.snapshot().materialize(session);
            }
            stale = found == null ? null : found.snapshot();
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("read of " + dev.larder.support.Keys.printable(key), e);
        }
        tally.count(ModelEvent.MISS);
        return fill(session, key, allOf, stale, load);
    }

    private boolean hasOwnWrites(Session session) {
        return wrote.test(session.unwrap(SharedSessionContractImplementor.class)) || session.isDirty();
    }

    /** An entry as read, with everything that came back in the same round trip, and the stamp keys asked for with it. */
    private record Fetched(Snapshot snapshot, Map<String, Object> values, List<String> hint) {
    }

    /** The entry and the stamps it probably needs, in one round trip; null when absent or undecodable. */
    private Fetched fetch(String key) {
        List<String> hint = hints.get(key);
        List<String> keys = new ArrayList<>();
        keys.add(key);
        if (hint != null) {
            keys.addAll(hint);
        }
        Map<String, Object> got = cache.getMany(keys);
        if (!(got.get(key) instanceof byte[] bytes)) {
            return null;
        }
        try {
            return new Fetched(SnapshotCodec.decode(bytes), got, hint);
        } catch (SnapshotCodec.CorruptSnapshotException e) {
            tally.count(ModelEvent.UNDECODABLE);
            LOG.log(Level.WARNING, "model cache: " + dev.larder.support.Keys.printable(key)
                    + " holds bytes Larder did not write; reading the database", e);
            return null;
        }
    }

    /** Whether every stamp the entry recorded still has that value (stamps the hint missed are read now). */
    private boolean current(Fetched fetched) {
        Map<String, Long> recorded = fetched.snapshot().stamps();
        List<String> unread = null;
        for (Map.Entry<String, Long> e : recorded.entrySet()) {
            Object now = fetched.values().get(e.getKey());
            if (now == null) {
                if (unread == null) {
                    unread = new ArrayList<>();
                }
                unread.add(e.getKey());
            } else if (StampStore.asLong(now) != e.getValue()) {
                return false;
            }
        }
        if (unread != null) {
            for (Map.Entry<String, Long> e : stamps.complete(unread, fetched.values()).entrySet()) {
                if (!e.getValue().equals(recorded.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Loads in a stateless session of its own ({@link FreshSession}: on the caller's connection
     * when it holds one): a session keeps the objects it loaded, however old, and the cache must
     * get the rows as committed now. A cold miss (stamps of the embedded entities unknown until
     * the first load) reads those stamps and loads again.
     */
    private List<Object> fill(Session session, String key, String allOf, Snapshot stale, Load load) {
        List<String> before = stale != null ? List.copyOf(stale.stamps().keySet())
                : allOf != null ? modelStamps(allOf) : hints.get(key);
        Map<String, Long> pre = readStamps(before);
        probe.at(Probe.Point.STAMPS_READ, key);
        Loaded loaded;
        try (FreshSession fresh = FreshSession.open(session)) {
            loaded = load(fresh.session(), load, allOf);
            probe.at(Probe.Point.LOADED, key);
            if (loaded.states() != null && !pre.keySet().containsAll(loaded.needed())) {
                pre = readStamps(loaded.needed());
                Loaded again = load(fresh.session(), load, allOf);
                loaded = again.states() != null && again.needed().equals(loaded.needed()) ? again : again.unstorable();
            }
            if (!fresh.current()) {
                // A transaction's snapshot, maybe older than the stamps: neither stored nor recorded as current.
                loaded = loaded.unstorable();
                recordings.unsaved();
            }
        }
        // What was loaded is at least as new as these values: whatever shows it may record them.
        recordings.read(false, pre);
        if (loaded.states() == null) {
            return loaded.rows().isEmpty() ? List.of() : new ArrayList<>(load.from(session));
        }
        hints.put(key, loaded.needed());
        Snapshot snapshot = new Snapshot(loaded.states(), allOf != null ? loaded.rows().size() : 1, Map.of());
        if (loaded.storable()) {
            store(key, snapshot, pre, loaded.needed());
        } else {
            tally.count(ModelEvent.NOT_STORED);
        }
        return snapshot.materialize(session);
    }

    /** One load: the rows, their captured graph (null when it cannot be cached) and the stamps it needs. */
    private record Loaded(List<Object> rows, List<Snapshot.State> states, List<String> needed, boolean storable) {
        Loaded unstorable() {
            return new Loaded(rows, states, needed, false);
        }
    }

    private Loaded load(StatelessSession session, Load load, String allOf) {
        List<Object> rows = new ArrayList<>(load.from(session));
        if (rows.isEmpty() && allOf == null) {
            return new Loaded(rows, null, List.of(), false);
        }
        try {
            List<Snapshot.State> states = Snapshot.capture(rows, session, allOf != null);
            List<String> needed = allOf != null ? modelStamps(allOf) : List.copyOf(Snapshot.stampKeys(states));
            return new Loaded(rows, states, needed, true);
        } catch (SnapshotCodec.UnsupportedValueException e) {
            tally.count(ModelEvent.NOT_STORED);
            LOG.log(Level.DEBUG, "model cache: not cached: " + e.getMessage());
            return new Loaded(rows, null, List.of(), false);
        }
    }

    /** What an {@code all()} depends on: any write of the model, and its bulk epoch. */
    private static List<String> modelStamps(String entityName) {
        return List.of(StampStore.model(entityName), StampStore.epoch(entityName));
    }

    private Map<String, Long> readStamps(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Map.of();
        }
        try {
            return stamps.current(keys);
        } catch (RuntimeException e) {
            failures.failed("stamp read", e);
            return Map.of();
        }
    }

    /**
     * Stores the snapshot with the stamps read before the load, when the session saw only
     * committed rows, every needed stamp was read then, and none has moved since.
     */
    private void store(String key, Snapshot snapshot, Map<String, Long> pre, List<String> needed) {
        if (!pre.keySet().containsAll(needed)) {
            tally.count(ModelEvent.NOT_STORED);
            return;
        }
        Map<String, Long> recorded = new LinkedHashMap<>();
        needed.forEach(k -> recorded.put(k, pre.get(k)));
        if (recorded.values().stream().anyMatch(StampStore::isPending)) {
            tally.count(ModelEvent.NOT_STORED); // a writer is in flight: what was loaded may change at its commit
            return;
        }
        try {
            probe.at(Probe.Point.BEFORE_STORE, key);
            // Written only if no stamp moved since before the load: one atomic step where the
            // backend says atomicConditionalSet (local memory, database, Redis).
            if (!cache.setIfUnchanged(key, SnapshotCodec.encode(snapshot.withStamps(recorded)), Timeout.DEFAULT,
                    recorded)) {
                tally.count(ModelEvent.NOT_STORED);
                return;
            }
            tally.count(ModelEvent.STORED);
            failures.succeeded();
        } catch (SnapshotCodec.UnsupportedValueException e) {
            tally.count(ModelEvent.NOT_STORED);
        } catch (RuntimeException e) {
            failures.failed("store of " + dev.larder.support.Keys.printable(key), e);
        }
    }

    /** An entity's property shape, computed once; null for an entity the model no longer has. */
    private Integer shape(Session session, String entityName) {
        Integer known = shapes.get(entityName);
        if (known != null) {
            return known;
        }
        try {
            int shape = Snapshot.shape(session.unwrap(SharedSessionContractImplementor.class).getFactory()
                    .getMappingMetamodel().getEntityDescriptor(entityName));
            shapes.put(entityName, shape);
            return shape;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
