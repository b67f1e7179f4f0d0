package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.support.FailOpen;
import dev.larder.support.Hints;
import dev.larder.support.Tally;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Model-instance caching for Hibernate: an entity by id or by a unique attribute, optionally
 * with related entities loaded by fetch joins, and a model's {@code all()}, each kept in a
 * Larder cache and never served stale after a writer commits.
 *
 * <pre>{@code
 * ModelCache models = ModelCache.of(sessionFactory);       // built by LarderIntegrator
 * Child c = models.get(session, Child.class, 42L, "mother", "father");
 * Child byEmail = models.getBy(session, Child.class, "email", "ann@example.com");
 * List<Parent> parents = models.all(session, Parent.class);
 * models.invalidateAll(Child.class);                       // after SQL run outside Hibernate
 * }</pre>
 *
 * <p><b>How it stays correct, statelessly.</b> Every entity instance and every model has a
 * generation stamp in the cache. An entry records the stamps of everything it embeds,
 * <em>as read before the load</em>; a read fetches the entry and those stamps in one
 * {@code getMany} and treats any moved stamp as a miss. Writes move stamps twice: when the
 * statement runs (the writer's own session then reads through and stops filling the cache
 * until its transaction ends) and after commit (Hibernate's post-commit listeners). So
 * changing a {@code Parent} moves one stamp and every cached {@code Child} that embeds it,
 * at any depth, becomes a miss, with no dependant lists to keep and nothing to scan. A fill
 * whose stamps moved during the load is not stored; and because every read checks, one that
 * slipped through could never be served.
 *
 * <p>Results are <b>detached copies</b> built from the cached state, on hits and misses
 * alike: change an entity through {@code session.find}, not through them. To-one
 * associations that were fetched are copies too; others are {@code session.getReference}
 * proxies. Collections are not cached and are {@code null} in copies. A failing cache never
 * fails a read: it goes to the database, the failure logged once per incident and counted.
 * Thread-safe.
 */
public final class ModelCache {
    private static final System.Logger LOG = System.getLogger("dev.larder.hibernate");
    private static final Map<SessionFactory, ModelCache> BY_FACTORY = new ConcurrentHashMap<>();
    /** How long a write in flight keeps its stamps pending if the move after its commit is lost (Hibernate's soft-lock default). */
    static final Duration PENDING_FOR = Duration.ofSeconds(60);

    final Cache cache;
    private final CacheRegistry owned;
    final StampStore stamps;
    private final Loader loader = new Loader();
    private final ModelReader reader = new ModelReader(this);
    private final Map<String, Integer> shapes = new ConcurrentHashMap<>();
    /** The stamps each entry needed last time, so a hit is one round trip (a hint; the entry decides). */
    final Hints hints = new Hints(100_000);
    final Set<SharedSessionContractImplementor> dirty =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** The pending values each session's transaction wrote last, per stamp: settled again if it rolls back. */
    private final Map<SharedSessionContractImplementor, Map<String, Object>> pendingBySession =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final FailOpen failures;
    final Tally<ModelEvent> tally = new Tally<>(ModelEvent.class);
    volatile Probe probe = Probe.NONE;
    /** The session factory this cache serves, once {@link LarderIntegrator} registered it. */
    private volatile SessionFactory factory;

    ModelCache(Cache cache, CacheRegistry owned) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.owned = owned;
        this.stamps = new StampStore(cache);
        this.failures = new FailOpen(LOG, "model cache on '" + cache.alias() + "'", "reading the database");
    }

    /** The model cache that {@link LarderIntegrator} built for {@code factory}. */
    public static ModelCache of(SessionFactory factory) {
        ModelCache models = BY_FACTORY.get(factory.unwrap(SessionFactory.class));
        if (models == null) {
            throw new IllegalStateException("no Larder model cache for this session factory: is larder-hibernate on the"
                    + " class path, and " + LarderIntegrator.ENABLED + " not false?");
        }
        return models;
    }

    /** The model cache of {@code factory}, or null when the integration is off for it. */
    static ModelCache find(SessionFactory factory) {
        return BY_FACTORY.get(factory);
    }

    static void register(SessionFactory factory, ModelCache models) {
        models.factory = factory;
        BY_FACTORY.put(factory, models);
    }

    static void unregister(SessionFactory factory) {
        ModelCache models = BY_FACTORY.remove(factory);
        if (models != null && models.owned != null) {
            models.owned.close();
        }
    }

    public Cache cache() {
        return cache;
    }

    public ModelCacheStats stats() {
        return new ModelCacheStats(tally.sum(ModelEvent.HIT), tally.sum(ModelEvent.MISS),
                tally.sum(ModelEvent.BYPASSED), tally.sum(ModelEvent.STORED), tally.sum(ModelEvent.NOT_STORED),
                tally.sum(ModelEvent.INVALIDATION), tally.sum(ModelEvent.UNDECODABLE) + failures.count());
    }

    /** The entity with this id, with the named to-one paths fetched (e.g. "mother", "mother.family"); null if none. */
    public <T> T get(Session session, Class<T> type, Object id, String... fetch) {
        Objects.requireNonNull(id, "id");
        EntityPersister persister = persister(session, type);
        List<String> paths = Loader.paths(fetch);
        String key = Keys.byId(persister.getEntityName(), id, paths);
        return first(type, read(session, key, null,
                from -> loader.byAttributes(from, type, Map.of(persister.getIdentifierPropertyName(), id), paths)));
    }

    /** The entity whose unique attribute has this value, with the named paths fetched; null if none. */
    public <T> T getBy(Session session, Class<T> type, String attribute, Object value, String... fetch) {
        Objects.requireNonNull(value, "value");
        return getBy(session, type, Map.of(attribute, value), fetch);
    }

    /**
     * The entity whose unique set of attributes has these values (a composite unique key, such
     * as {@code Map.of("tenant", t, "email", e)}), with the named paths fetched; null if none.
     */
    public <T> T getBy(Session session, Class<T> type, Map<String, ?> uniqueValues, String... fetch) {
        if (uniqueValues.isEmpty() || uniqueValues.values().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("getBy needs at least one attribute, and no null value: " + uniqueValues);
        }
        for (String attribute : uniqueValues.keySet()) {
            if (!Loader.isAttribute(attribute)) {
                throw new IllegalArgumentException("not an attribute name: '" + attribute + "'");
            }
        }
        EntityPersister persister = persister(session, type);
        List<String> paths = Loader.paths(fetch);
        SortedMap<String, Object> values = new TreeMap<>(uniqueValues);
        String key = Keys.byFields(persister.getEntityName(), values, paths);
        T found = first(type, read(session, key, null, from -> loader.byAttributes(from, type, values, paths)));
        if (found != null && !values.entrySet().stream()
                .allMatch(e -> Objects.equals(persister.getPropertyValue(found, e.getKey()), e.getValue()))) {
            // The key hashes the values: on the astronomically rare collision, ask the database.
            return first(type, new ArrayList<>(loader.byAttributes(session, type, values, paths)));
        }
        return found;
    }

    /** Every row of the model, ordered by id; invalidated by any insert, update or delete of it. */
    public <T> List<T> all(Session session, Class<T> type) {
        EntityPersister persister = persister(session, type);
        String name = persister.getEntityName();
        List<Object> rows = read(session, Keys.all(name), name, from -> loader.all(from, type));
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(type.cast(r)));
        return out;
    }

    /** Makes every cached entry that embeds this instance stale. */
    public void invalidate(Class<?> type, Object id) {
        EntityPersister persister = persisterOf(type);
        bump(persister == null ? List.of(StampStore.instance(type.getName(), id), StampStore.model(type.getName()))
                : StampStore.forInstance(persister, id));
    }

    /**
     * Makes every cached entry that embeds any instance of the model stale: what a write made
     * outside Hibernate needs (plain JDBC, another application, a database trigger). Bulk HQL
     * and native SQL run through Hibernate are seen by {@link BulkWatch} and need no call.
     */
    public void invalidateAll(Class<?> type) {
        EntityPersister persister = persisterOf(type);
        bump(persister == null ? List.of(StampStore.epoch(type.getName()), StampStore.model(type.getName()))
                : StampStore.forBulk(persister));
    }

    /** The model's persister, from the session factory this cache serves; null when built without one. */
    private EntityPersister persisterOf(Class<?> type) {
        SessionFactory served = factory;
        if (served == null) {
            return null;
        }
        try {
            return served.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                    .getEntityDescriptor(type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type.getName() + " is not an entity of this session factory", e);
        }
    }

    /**
     * {@link #invalidateAll(Class)} for a write made in {@code session}'s transaction outside
     * Hibernate (JDBC on the session's connection, say): the stamps move now and again after
     * commit, and the session stops filling the cache until then, so neither a reader in
     * between nor a rollback leaves a wrong entry.
     */
    public void invalidateAll(Session session, Class<?> type) {
        wroteWithoutCommitEvent(session.unwrap(SharedSessionContractImplementor.class),
                StampStore.forBulk(persister(session, type)));
    }

    // --- events -------------------------------------------------------------------------

    /**
     * A bulk statement (HQL, Criteria or native SQL) wrote these tables in {@code session}'s
     * transaction; {@link BulkWatch} reports it. Every model mapped to one of them, with its
     * subclasses and superclasses, is invalidated now and again after commit. No tables named
     * (native SQL without synchronized spaces) means every model.
     */
    void bulkWrote(SharedSessionContractImplementor session, Set<String> tables) {
        Set<String> written = new HashSet<>();
        tables.forEach(t -> written.add(tableName(t)));
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        session.getFactory().getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (written.isEmpty() || writes(written, persister)) {
                keys.addAll(StampStore.forBulk(persister));
            }
        });
        if (!keys.isEmpty()) {
            wroteWithoutCommitEvent(session, List.copyOf(keys));
        }
    }

    /**
     * A table name as compared here: without schema or catalog, quotes or case, so that a
     * native query's {@code addSynchronizedQuerySpace("parent")} finds the model mapped to
     * {@code app."Parent"}. Two models whose tables differ only so are both invalidated.
     */
    static String tableName(String space) {
        String name = space.substring(space.lastIndexOf('.') + 1);
        return name.replace("\"", "").replace("`", "").replace("[", "").replace("]", "")
                .toLowerCase(Locale.ROOT);
    }

    /** A multi-table bulk statement on this model ran: it and its subclasses, as {@link #bulkWrote}. */
    void bulkWroteModel(SharedSessionContractImplementor session, EntityPersister root) {
        wroteWithoutCommitEvent(session, StampStore.forBulk(root));
    }

    private static boolean writes(Set<String> tables, EntityPersister persister) {
        for (Serializable space : persister.getQuerySpaces()) {
            if (tables.contains(tableName(space.toString()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A statement ran in {@code session}'s transaction. A stateless session's writes have no
     * post-commit event, so theirs move the stamps again when its transaction commits.
     */
    void flushed(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        if (session.isStatelessSession()) {
            wroteWithoutCommitEvent(session, StampStore.forWrite(persister, id));
            return;
        }
        markDirty(session);
        bumpPending(session, StampStore.forWrite(persister, id));
    }

    /** A transaction that wrote this instance committed. */
    void committed(EntityPersister persister, Object id) {
        bump(StampStore.forWrite(persister, id));
    }

    /**
     * A write with no post-commit event (an upsert, a bulk statement): moves the stamps now and
     * again when the transaction commits, as the post-commit listeners do for entity writes.
     */
    void wroteWithoutCommitEvent(SharedSessionContractImplementor session, List<String> keys) {
        markDirty(session);
        bumpPending(session, keys);
        session.getTransactionCompletionCallbacks().registerCallback(
                (TransactionCompletionCallbacks.AfterCompletionCallback) (success, s) -> {
                    if (success) {
                        bump(keys);
                    }
                });
    }

    /** Until its transaction ends, the session sees uncommitted rows: it must not fill the cache. */
    private void markDirty(SharedSessionContractImplementor session) {
        if (dirty.add(session)) {
            session.getTransactionCompletionCallbacks().registerCallback(
                    (TransactionCompletionCallbacks.AfterCompletionCallback) (success, s) -> {
                        dirty.remove(s);
                        Map<String, Object> pending = pendingBySession.remove(s);
                        if (!success && pending != null) {
                            settleAfterRollback(pending);
                        }
                    });
        }
    }

    /** A move at flush: pending values, remembered for the session in case its transaction rolls back. */
    private void bumpPending(SharedSessionContractImplementor session, List<String> keys) {
        Map<String, Object> written = bump(keys, true);
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
            succeeded();
        } catch (RuntimeException e) {
            failed("settling " + dev.larder.support.Keys.printable(pending.keySet().toString())
                    + " after a rollback (fills wait for the pending values to expire)", e);
        }
    }

    /** A committed move: the stamps take new settled values. */
    private void bump(List<String> keys) {
        bump(keys, false);
    }

    /** Moves the stamps; returns the values written, or null when the cache failed. */
    private Map<String, Object> bump(List<String> keys, boolean pending) {
        try {
            probe.at(pending ? Probe.Point.PENDING_MOVE : Probe.Point.COMMITTED_MOVE, String.join(",", keys));
            Map<String, Object> written = stamps.bump(keys, pending, PENDING_FOR);
            tally.count(ModelEvent.INVALIDATION, keys.size());
            succeeded();
            return written;
        } catch (RuntimeException e) {
            failed("invalidation of " + dev.larder.support.Keys.printable(String.valueOf(keys))
                    + " (entries embedding it may be served until their timeout)", e);
            return null;
        }
    }

    // --- reads --------------------------------------------------------------------------

    private List<Object> read(Session session, String key, String allOf, ModelReader.Load load) {
        return reader.read(session, key, allOf, load);
    }

    private static <T> T first(Class<T> type, List<Object> rows) {
        return rows.isEmpty() ? null : type.cast(rows.get(0));
    }

    /** An entity's property shape, computed once; null for an entity the model no longer has. */
    Integer shape(Session session, String entityName) {
        Integer known = shapes.get(entityName);
        if (known != null) {
            return known;
        }
        try {
            int shape = Snapshot.shape(metamodel(session).getEntityDescriptor(entityName));
            shapes.put(entityName, shape);
            return shape;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static EntityPersister persister(Session session, Class<?> type) {
        return metamodel(session).getEntityDescriptor(type);
    }

    private static MappingMetamodel metamodel(Session session) {
        return session.unwrap(SharedSessionContractImplementor.class).getFactory().getMappingMetamodel();
    }

    void failed(String what, RuntimeException e) {
        failures.failed(what, e);
    }

    void succeeded() {
        failures.succeeded();
    }

    /** Test seam: called at the points of a fill where the race harness interleaves a writer. */
    interface Probe {
        Probe NONE = (point, key) -> { };

        enum Point { STAMPS_READ, LOADED, BEFORE_STORE, PENDING_MOVE, COMMITTED_MOVE }

        void at(Point point, String key);
    }
}
