package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.persister.entity.EntityPersister;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Generation stamps: one per entity instance ({@code stamp:<entity>:<id>}), one per model for
 * its {@code all()} ({@code stamp:<entity>}), and one per model for bulk changes
 * ({@code epoch:<entity>}). A cached entry records the stamps of everything it embeds; it is
 * valid while every one of them still has the recorded value.
 *
 * <p>A bump writes a new random value rather than incrementing: if a stamp is evicted or
 * expires, the next reader creates a fresh random one, which no entry recorded, so a lost
 * stamp costs a miss, never a stale hit (Hibernate's query cache treats a missing timestamp
 * as up to date, spec/invalidation.md §7.3; this is the safe direction).
 */
final class StampStore {
    private static final RandomGenerator RANDOM = new SecureRandom();

    private final Cache cache;

    StampStore(Cache cache) {
        this.cache = cache;
    }

    static String instance(String entityName, Object id) {
        return "stamp:" + entityName + ":" + Keys.part(id);
    }

    static String model(String entityName) {
        return "stamp:" + entityName;
    }

    static String epoch(String entityName) {
        return "epoch:" + entityName;
    }

    /**
     * Moves each stamp to a new value: every entry that recorded the old one is now stale.
     *
     * <p>A <em>pending</em> move (a write in flight, at flush) writes an odd value that expires
     * after {@code pendingFor}; a committed move writes an even value that never expires.
     * Fills never store an entry that recorded an odd value (spec/invalidation.md §9.1), so if
     * the move after commit is lost, entries filled while the writer was in flight were never
     * stored, and once the pending value expires readers start from a fresh one: a lost
     * invalidation costs misses, not stale reads.
     */
    Map<String, Object> bump(Collection<String> keys, boolean pending, Duration pendingFor) {
        Map<String, Object> fresh = new LinkedHashMap<>();
        for (String key : keys) {
            fresh.put(key, pending ? next() | 1L : next() & ~1L);
        }
        cache.setMany(fresh, pending ? Timeout.of(pendingFor) : Timeout.NEVER);
        return fresh;
    }

    /**
     * After a rollback: each stamp still holding the pending value this transaction wrote
     * moves to a new settled value, so fills are stored again at once instead of after the
     * pending value expires. Only where the check and the write are one atomic step: elsewhere
     * it could overwrite another writer's pending value, and the stamps stay pending.
     */
    void settleAfterRollback(Map<String, Object> pendingWritten) {
        if (!cache.capabilities().atomicConditionalSet()) {
            return;
        }
        pendingWritten.forEach((key, pending) ->
                cache.setIfUnchanged(key, next() & ~1L, Timeout.NEVER, Map.of(key, pending)));
    }

    /** A value written by a pending move: an entry recording it must not be stored. */
    static boolean isPending(long stamp) {
        return (stamp & 1L) != 0;
    }

    /** The current value of each stamp, creating the absent ones (so a later bump is visible). */
    Map<String, Long> current(Collection<String> keys) {
        Map<String, Object> found = cache.getMany(keys);
        return complete(keys, found);
    }

    /** {@link #current} for stamps already fetched in {@code found} (with an entry, in one round trip). */
    Map<String, Long> complete(Collection<String> keys, Map<String, Object> found) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = found.get(key);
            if (value == null) {
                long created = next() & ~1L;
                value = cache.add(key, created, Timeout.NEVER) ? created : cache.get(key);
            }
            values.put(key, asLong(value));
        }
        return values;
    }

    /** A stamp as stored; a serializer that hands numbers back as text still works, and anything else never matches. */
    static long asLong(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return next();
        }
    }

    private static long next() {
        return RANDOM.nextLong();
    }

    /**
     * The stamps a write of this instance moves: its own, and the model stamp of its entity and
     * of every superclass entity (an {@code all()} of a superclass lists subclass rows too).
     */
    static List<String> forWrite(EntityPersister persister, Object id) {
        List<String> keys = new ArrayList<>();
        keys.add(StampStore.instance(persister.getEntityName(), id));
        keys.add(StampStore.model(persister.getEntityName()));
        superclasses(persister).forEach(name -> keys.add(StampStore.model(name)));
        return keys;
    }

    /**
     * What an explicit {@code invalidate(type, id)} moves: the instance stamp under the model
     * and under each subclass (the row may be one of theirs), and the model stamps of all of
     * them and of the superclasses.
     */
    static List<String> forInstance(EntityPersister persister, Object id) {
        List<String> keys = new ArrayList<>();
        for (String name : selfAndSubclasses(persister)) {
            keys.add(StampStore.instance(name, id));
            keys.add(StampStore.model(name));
        }
        superclasses(persister).forEach(name -> keys.add(StampStore.model(name)));
        return keys;
    }

    /**
     * What a bulk write of a model moves: the epoch and model stamps of the model and of every
     * subclass (whose rows it may change), and the model stamps of its superclasses.
     */
    static List<String> forBulk(EntityPersister target) {
        List<String> keys = new ArrayList<>();
        for (String name : selfAndSubclasses(target)) {
            keys.add(StampStore.epoch(name));
            keys.add(StampStore.model(name));
        }
        superclasses(target).forEach(name -> keys.add(StampStore.model(name)));
        return keys;
    }

    static List<String> selfAndSubclasses(EntityPersister persister) {
        List<String> names = new ArrayList<>();
        ArrayDeque<EntityMappingType> todo = new ArrayDeque<>();
        todo.add(persister.getEntityMappingType());
        while (!todo.isEmpty()) {
            var type = todo.poll();
            names.add(type.getEntityName());
            todo.addAll(type.getSubMappingTypes());
        }
        return names;
    }

    private static List<String> superclasses(EntityPersister persister) {
        List<String> names = new ArrayList<>();
        for (var up = persister.getEntityMappingType().getSuperMappingType(); up != null; up = up.getSuperMappingType()) {
            names.add(up.getEntityName());
        }
        return names;
    }

}
