package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;

/**
 * The model cache's generation stamps, for caching anything else that shows entities: a
 * rendered fragment, a JSON document, a computed report. A value stored with the stamps of
 * what it shows is served only while none of them has moved, so it is invalidated by exactly
 * the writes the model cache sees (entity writes after commit, bulk HQL and native SQL,
 * explicit invalidation), with no keys to delete by hand.
 *
 * <pre>{@code
 * ModelStamps stamps = models.stamps();
 * ModelStamps.Stamped hit = stamps.get(cache, "card:" + child.id);
 * if (hit != null) return (String) hit.value();
 * Map<String, Long> recorded = stamps.read(stamps.keysOf(List.of(child, child.mother, child.father)));
 * String html = render(child);
 * stamps.put(cache, "card:" + child.id, html, Timeout.ofMinutes(5), recorded);
 * }</pre>
 *
 * <p><b>Record before you read.</b> {@link #read} must give the stamps as they were when the
 * data was read. Inside a {@link ModelCache#record() recording}, entities read through the
 * model cache have exactly those values and they are used; other stamps are read when
 * {@code read} is called, so a write committing between loading such an entity and calling
 * {@code read} leaves the stored value stale until it expires. Load what you cache through
 * the model cache, inside a recording (the Spring Boot starter opens one per request).
 *
 * <p>A stamp that a writer in flight left pending is never recorded into a stored value
 * ({@link #put} refuses it); a missing stamp (evicted, or the cache cleared) makes every value
 * that recorded it stale. Calls go to the model cache's own cache, and fail with its
 * exceptions. Thread-safe.
 */
public final class ModelStamps {
    /** Marks a stored map as written by {@link #put}, with the format's version. */
    static final String FORMAT = "larder.stamped.v1";

    /**
     * A value stored by {@link #put}, with the stamps it recorded; all still current when
     * {@link #get} returned it.
     */
    public record Stamped(Object value, Map<String, Long> stamps) {
        public Stamped {
            Objects.requireNonNull(value, "value");
            stamps = Map.copyOf(stamps);
        }
    }

    private final Cache cache;
    private final StampStore store;
    private final SessionFactoryImplementor factory;
    private final Recordings recordings;

    ModelStamps(Cache cache, StampStore store, SessionFactoryImplementor factory, Recordings recordings) {
        this.cache = cache;
        this.store = store;
        this.factory = factory;
        this.recordings = recordings;
    }

    /** The cache the stamps live in (the model cache's). */
    public Cache cache() {
        return cache;
    }

    /**
     * The stamps that move when {@code what} changes:
     * <ul>
     *   <li>an entity instance (managed, detached, a model-cache copy, or a proxy): its own
     *       stamp and its model's bulk epoch;
     *   <li>an entity class: the model's stamp and epoch, moved by any insert, update or
     *       delete of the model (what {@link ModelCache#all} depends on);
     *   <li>an {@code Iterable} or an array: the union of its elements'.
     * </ul>
     *
     * @throws IllegalArgumentException for null, an object that is not an entity of this
     *     session factory, or an entity without an id (not saved yet)
     */
    public List<String> keysOf(Object what) {
        Set<String> keys = new LinkedHashSet<>();
        collect(what, keys);
        return List.copyOf(keys);
    }

    private void collect(Object what, Set<String> keys) {
        if (what == null) {
            throw new IllegalArgumentException("cannot depend on null: pass an entity, an entity class or a collection of them");
        }
        if (what instanceof Class<?> type) {
            String name = persister(type).getEntityName();
            keys.add(StampStore.model(name));
            keys.add(StampStore.epoch(name));
        } else if (what instanceof Iterable<?> many) {
            many.forEach(each -> collect(each, keys));
        } else if (what.getClass().isArray() && !what.getClass().getComponentType().isPrimitive()) {
            for (int i = 0, n = Array.getLength(what); i < n; i++) {
                collect(Array.get(what, i), keys);
            }
        } else if (what instanceof HibernateProxy proxy) {
            var lazy = proxy.getHibernateLazyInitializer();
            if (!lazy.isUninitialized()) {
                collect(lazy.getImplementation(), keys);
                return;
            }
            // Typed as declared (Person), the row may be a subclass's (Woman), whose writes move
            // Woman's stamps: depend on the instance under the model and every subclass.
            EntityPersister declared = metamodel().getEntityDescriptor(lazy.getEntityName());
            for (String name : StampStore.selfAndSubclasses(declared)) {
                instance(metamodel().getEntityDescriptor(name), lazy.getInternalIdentifier(), keys);
            }
        } else {
            EntityPersister persister = persister(what.getClass());
            instance(persister, persister.getIdentifierMapping().getIdentifier(what), keys);
        }
    }

    private static void instance(EntityPersister persister, Object id, Set<String> keys) {
        if (id == null) {
            throw new IllegalArgumentException("a " + persister.getJpaEntityName()
                    + " without an id (not saved yet) has no stamp to depend on");
        }
        keys.add(StampStore.instance(persister.getEntityName(), id));
        keys.add(StampStore.epoch(persister.getEntityName()));
    }

    /** The entity's persister; IllegalArgumentException naming a class that is not an entity of this factory. */
    EntityPersister persister(Class<?> type) {
        EntityPersister persister = metamodel().findEntityDescriptor(type);
        if (persister == null) {
            throw new IllegalArgumentException(type.getName() + " is not an entity of this session factory");
        }
        return persister;
    }

    private MappingMetamodel metamodel() {
        return factory.getMappingMetamodel();
    }

    /**
     * The values to record for {@code keys}: those this thread's open {@link Recording} saw
     * when the model cache read the data, and the current values (created when absent) for
     * the others.
     *
     * @throws dev.larder.CacheException when the cache fails
     */
    public Map<String, Long> read(Collection<String> keys) {
        Map<String, Long> values = new LinkedHashMap<>(recorded(keys));
        List<String> unread = keys.stream().filter(key -> !values.containsKey(key)).toList();
        if (!unread.isEmpty()) {
            values.putAll(store.current(unread));
        }
        return values;
    }

    /**
     * The values this thread's open {@link Recording} saw for {@code keys}, as the model cache
     * read the data (no I/O); keys it did not see are left out. A value stored elsewhere with
     * different stamps for the same keys shows other versions of that data.
     */
    public Map<String, Long> recorded(Collection<String> keys) {
        Recording recording = recordings.current();
        if (recording == null) {
            return Map.of();
        }
        Map<String, Long> seen = new LinkedHashMap<>();
        for (String key : keys) {
            Long value = recording.seen().get(key);
            if (value != null) {
                seen.put(key, value);
            }
        }
        return seen;
    }

    /** Whether a writer in flight left any of these values: what was read with them must not be stored. */
    public static boolean anyPending(Map<String, Long> stamps) {
        return stamps.values().stream().anyMatch(StampStore::isPending);
    }

    /**
     * What {@link #put} stored under {@code key} in {@code target}, when every stamp it
     * recorded still has its value; null when absent, stale, or not written by {@code put}.
     * Two round trips when the entry records stamps (the entry, then its stamps).
     *
     * @throws dev.larder.CacheException when a cache fails
     */
    public Stamped get(Cache target, String key) {
        Stamped stored = decode(target.get(key));
        if (stored == null) {
            return null;
        }
        if (stored.stamps().isEmpty()) {
            return stored;
        }
        Map<String, Object> now = cache.getMany(stored.stamps().keySet());
        for (Map.Entry<String, Long> e : stored.stamps().entrySet()) {
            Object current = now.get(e.getKey());
            if (current == null || StampStore.asLong(current) != e.getValue()) {
                return null;
            }
        }
        return stored;
    }

    /**
     * Stores {@code value} under {@code key} in {@code target} with the stamps it shows, as
     * {@link #read} gave them. Refuses (false, nothing stored) when one of them is pending, or
     * when this thread's open recording {@linkplain Recording#showsUnsaved() shows unsaved
     * state}.
     * When {@code target} is the model cache's own cache, the write is fenced: nothing is
     * stored if a stamp moved since it was read (atomically where the backend says
     * {@code atomicConditionalSet}). Elsewhere it is written as it is; {@link #get} never
     * serves it once a stamp has moved.
     *
     * @param value anything the target's serializer stores
     * @throws dev.larder.CacheException when a cache fails
     */
    public boolean put(Cache target, String key, Object value, Timeout timeout, Map<String, Long> stamps) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timeout, "timeout");
        Recording recording = recordings.current();
        if (anyPending(stamps) || recording != null && recording.showsUnsaved()) {
            return false;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("format", FORMAT);
        entry.put("stamps", new LinkedHashMap<>(stamps));
        entry.put("value", value);
        if (target == cache && !stamps.isEmpty()) {
            return target.setIfUnchanged(key, entry, timeout, stamps);
        }
        target.set(key, entry, timeout);
        return true;
    }

    /** An entry {@link #put} wrote, or null for anything else (a plain value, another application's bytes). */
    private static Stamped decode(Object stored) {
        if (!(stored instanceof Map<?, ?> map) || !FORMAT.equals(map.get("format"))
                || !(map.get("stamps") instanceof Map<?, ?> raw) || map.get("value") == null) {
            return null;
        }
        Map<String, Long> stamps = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof Number n)) {
                return null;
            }
            stamps.put(k, n.longValue());
        }
        return new Stamped(map.get("value"), stamps);
    }
}
