package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.support.FailOpen;
import dev.larder.support.Hints;
import dev.larder.support.Tally;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
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
 * <p><b>Two modes</b> ({@link Consistency}). {@code strict}, the default, is the above: a hit
 * checks its stamps on the shared cache, one round trip. {@code bounded-staleness} reads the
 * entry and its stamps through the cache's near cache, so a hit sends nothing; stamps still
 * move on the server, which pushes their invalidation to every process that read them, and a
 * commit made elsewhere is seen once that push arrives.
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
    /** How long a write in flight keeps its stamps pending if the move after its commit is lost (Hibernate's soft-lock default). */
    static final Duration PENDING_FOR = Duration.ofSeconds(60);

    private final Cache cache;
    private final Consistency consistency;
    private final Tally<ModelEvent> tally = new Tally<>(ModelEvent.class);
    private final FailOpen failures;
    private final Loader loader = new Loader();
    private final WriteTracker writes;
    private final ModelReader reader;
    private final Recordings recordings = new Recordings();
    private final ModelStamps stamps;

    /**
     * Built by {@link LarderIntegrator} for {@code factory}, reading and writing {@code cache},
     * which {@link Consistency#check} has accepted for {@code consistency}.
     */
    ModelCache(Cache cache, Consistency consistency, SessionFactory factory) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        this.failures = new FailOpen(LOG, "model cache on '" + cache.alias() + "'", "reading the database");
        StampStore store = new StampStore(cache);
        this.writes = new WriteTracker(store, PENDING_FOR, tally, failures, new InvalidationLog(Clock.systemUTC()),
                recordings);
        this.reader = new ModelReader(cache, store, new Hints(100_000), tally, failures, writes::wrote, recordings);
        this.stamps = new ModelStamps(cache, store,
                Objects.requireNonNull(factory, "factory").unwrap(SessionFactoryImplementor.class), recordings);
    }

    /**
     * The model cache that {@link LarderIntegrator} built for {@code factory}: a
     * {@code SessionFactory}, or a JPA {@code EntityManagerFactory} such as the proxy Spring
     * injects (unwrapped to Hibernate's own factory, which a Spring proxy is not).
     */
    public static ModelCache of(EntityManagerFactory factory) {
        ModelCache models = LarderIntegrator.modelCache(factory.unwrap(SessionFactoryImplementor.class));
        if (models == null) {
            throw new IllegalStateException("no Larder model cache for this session factory: is larder-hibernate on the"
                    + " class path, and " + LarderIntegrator.ENABLED + " not false?");
        }
        return models;
    }

    /** The part that Hibernate's write events, bulk statements and the invalidations go to. */
    WriteTracker writes() {
        return writes;
    }

    /** Test seam: the probe that the race tests hold a fill or a write at. */
    void probe(Probe probe) {
        reader.probe(probe);
        writes.probe(probe);
    }

    public Cache cache() {
        return cache;
    }

    /** What its reads promise: never stale after a commit, or stale for at most the near cache's push delay. */
    public Consistency consistency() {
        return consistency;
    }

    /**
     * The generation stamps, for caching other things that show entities (rendered fragments,
     * JSON) so that they are invalidated by the same writes.
     */
    public ModelStamps stamps() {
        return stamps;
    }

    /**
     * Starts recording this thread's reads (until the returned recording is closed): how many
     * hit, and the stamps the data was read under, which {@link ModelStamps#read} then uses.
     * Open one around each unit of work that caches what it read, such as a web request.
     */
    public Recording record() {
        return recordings.open();
    }

    /** The latest stamp moves (at most {@value InvalidationLog#CAPACITY}), newest first: when, why, which stamps. */
    public List<ModelInvalidation> recentInvalidations() {
        return writes.latest();
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
        return first(type, reader.read(session, key, null,
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
        T found = first(type, reader.read(session, key, null, from -> loader.byAttributes(from, type, values, paths)));
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
        List<Object> rows = reader.read(session, Keys.all(name), name, from -> loader.all(from, type));
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(type.cast(r)));
        return out;
    }

    /** Makes every cached entry that embeds this instance stale. */
    public void invalidate(Class<?> type, Object id) {
        EntityPersister persister = stamps.persister(type);
        writes.move(StampStore.forInstance(persister, id),
                "invalidate(" + persister.getJpaEntityName() + ", " + id + ")");
    }

    /**
     * Makes every cached entry that embeds any instance of the model stale: what a write made
     * outside Hibernate needs (plain JDBC, another application, a database trigger). Bulk HQL
     * and native SQL run through Hibernate are seen by {@link BulkWatch} and need no call.
     */
    public void invalidateAll(Class<?> type) {
        EntityPersister persister = stamps.persister(type);
        writes.move(StampStore.forBulk(persister), "invalidateAll(" + persister.getJpaEntityName() + ")");
    }

    /**
     * {@link #invalidateAll(Class)} for a write made in {@code session}'s transaction outside
     * Hibernate (JDBC on the session's connection, say): the stamps move now and again after
     * commit, and the session stops filling the cache until then, so neither a reader in
     * between nor a rollback leaves a wrong entry.
     */
    public void invalidateAll(Session session, Class<?> type) {
        EntityPersister persister = persister(session, type);
        writes.wroteWithoutCommitEvent(session.unwrap(SharedSessionContractImplementor.class),
                StampStore.forBulk(persister), "invalidateAll(session, " + persister.getJpaEntityName() + ")");
    }

    private static <T> T first(Class<T> type, List<Object> rows) {
        return rows.isEmpty() ? null : type.cast(rows.get(0));
    }

    private static EntityPersister persister(Session session, Class<?> type) {
        return metamodel(session).getEntityDescriptor(type);
    }

    private static MappingMetamodel metamodel(Session session) {
        return session.unwrap(SharedSessionContractImplementor.class).getFactory().getMappingMetamodel();
    }
}
