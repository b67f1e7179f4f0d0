package dev.larder.hibernate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.SharedSessionContract;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.type.EntityType;
import org.hibernate.type.Type;

/**
 * The state of an entity graph as the cache holds it: for each entity the graph embeds (the
 * roots, and every to-one association that was loaded with them, to any depth) its name, id
 * and property values, with associations as references. Collections are not part of it. It
 * is copied out of the session when stored and built into new, detached instances when read,
 * so no cached object is ever shared with a session or another caller.
 *
 * @param roots how many leading states are the roots (one, or every row of an {@code all()})
 * @param stamps the generation stamps of everything embedded, as read before the load
 */
record Snapshot(List<State> states, int roots, Map<String, Long> stamps) {

    /**
     * One entity: values are basic values, {@link Ref}s, or {@link #NOT_CACHED} for a
     * collection. {@code shape} fingerprints the entity's properties (names and types, in
     * order) when it was stored, so an entry written before the model changed is not read into
     * the wrong fields after a deploy.
     */
    record State(String entityName, Object id, int shape, Object[] values) {
    }

    /** The fingerprint of an entity's properties, in the order {@code getValues} uses. */
    static int shape(EntityPersister persister) {
        int h = Arrays.hashCode(persister.getPropertyNames());
        for (Type type : persister.getPropertyTypes()) {
            h = 31 * h + type.getReturnedClass().getName().hashCode();
        }
        return h;
    }

    /** Whether every state still has the shape its entity has today ({@code shapes}: entity name to shape, or null). */
    boolean fits(Function<String, Integer> shapes) {
        for (State state : states) {
            Integer now = shapes.apply(state.entityName());
            if (now == null || now != state.shape()) {
                return false;
            }
        }
        return true;
    }

    /** A to-one association: the target's entity name and id. */
    record Ref(String entityName, Object id) {
    }

    /** Marks a collection property: not cached, null in instances built from a snapshot. */
    static final Object NOT_CACHED = new Object() {
        @Override
        public String toString() {
            return "NOT_CACHED";
        }
    };

    Snapshot withStamps(Map<String, Long> recorded) {
        return new Snapshot(states, roots, recorded);
    }

    /** The stamps an entry holding these states depends on: each instance, and each model's bulk epoch. */
    static Set<String> stampKeys(List<State> states) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        for (State s : states) {
            keys.add(StampStore.instance(s.entityName(), s.id()));
            models.add(s.entityName());
        }
        models.forEach(m -> keys.add(StampStore.epoch(m)));
        return keys;
    }

    /**
     * Copies the loaded graph of {@code roots} out of the session; the roots come first, in
     * order. {@code shallow} keeps only the roots (an {@code all()}): their associations become
     * references, so the entry depends on the model alone.
     */
    static List<State> capture(List<?> roots, SharedSessionContract session, boolean shallow) {
        SharedSessionContractImplementor s = session.unwrap(SharedSessionContractImplementor.class);
        Map<String, State> seen = new LinkedHashMap<>();
        for (Object root : roots) {
            Ref ref = ref(root, s);
            seen.put(ref.entityName() + "#" + ref.id(), null); // reserves the roots' places
        }
        Set<String> done = new HashSet<>();
        for (Object root : roots) {
            walk(root, s, seen, shallow ? null : done);
        }
        return new ArrayList<>(seen.values());
    }

    private static Ref ref(Object entity, SharedSessionContractImplementor session) {
        Object real = Hibernate.unproxy(entity);
        EntityPersister persister = metamodel(session).getEntityDescriptor(real.getClass());
        return new Ref(persister.getEntityName(), persister.getIdentifier(real, session));
    }

    private static Ref walk(Object entity, SharedSessionContractImplementor session, Map<String, State> seen,
            Set<String> done) {
        Object real = Hibernate.unproxy(entity);
        EntityPersister persister = metamodel(session).getEntityDescriptor(real.getClass());
        Ref ref = new Ref(persister.getEntityName(), persister.getIdentifier(real, session));
        String key = ref.entityName() + "#" + ref.id();
        if (done != null && !done.add(key)) {
            return ref;
        }
        seen.putIfAbsent(key, null);
        Object[] values = persister.getValues(real);
        Type[] types = persister.getPropertyTypes();
        Object[] copied = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            copied[i] = copy(values[i], types[i], session, seen, done);
        }
        seen.put(key, new State(ref.entityName(), ref.id(), shape(persister), copied));
        return ref;
    }

    private static Object copy(Object value, Type type, SharedSessionContractImplementor session,
            Map<String, State> seen, Set<String> done) {
        if (type.isCollectionType()) {
            return NOT_CACHED;
        }
        if (value == null || !type.isEntityType()) {
            return value;
        }
        if (done != null && Hibernate.isInitialized(value)) {
            return walk(value, session, seen, done);
        }
        if (Hibernate.isInitialized(value)) {
            return ref(value, session);
        }
        // An unloaded proxy: only its id is known; it is referenced, not embedded.
        Object id = ((HibernateProxy) value).getHibernateLazyInitializer().getIdentifier();
        return new Ref(((EntityType) type).getAssociatedEntityName(), id);
    }

    /** Builds detached instances from the states and returns the roots. */
    List<Object> materialize(Session session) {
        SharedSessionContractImplementor s = session.unwrap(SharedSessionContractImplementor.class);
        MappingMetamodel metamodel = metamodel(s);
        EntityPersister[] persisters = new EntityPersister[states.size()];
        Map<Ref, Object> built = new HashMap<>(states.size() * 2);
        for (int i = 0; i < persisters.length; i++) {
            State state = states.get(i);
            persisters[i] = metamodel.getEntityDescriptor(state.entityName());
            built.put(new Ref(state.entityName(), state.id()), persisters[i].instantiate(state.id(), s));
        }
        for (int i = 0; i < persisters.length; i++) {
            State state = states.get(i);
            Object[] values = new Object[state.values().length];
            Type[] types = persisters[i].getPropertyTypes();
            for (int v = 0; v < values.length; v++) {
                values[v] = resolve(state.values()[v], types[v], built, metamodel, session);
            }
            persisters[i].setValues(built.get(new Ref(state.entityName(), state.id())), values);
        }
        List<Object> out = new ArrayList<>(roots);
        for (int i = 0; i < roots; i++) {
            out.add(built.get(new Ref(states.get(i).entityName(), states.get(i).id())));
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object resolve(Object value, Type type, Map<Ref, Object> built, MappingMetamodel metamodel,
            Session session) {
        if (value == NOT_CACHED) {
            return null;
        }
        if (value instanceof SnapshotCodec.EnumName e && type.getReturnedClass().isEnum()) {
            return Enum.valueOf((Class) type.getReturnedClass(), e.name());
        }
        if (value instanceof Ref ref) {
            Object inGraph = built.get(ref);
            return inGraph != null ? inGraph
                    : session.getReference(metamodel.getEntityDescriptor(ref.entityName()).getMappedClass(), ref.id());
        }
        return value;
    }

    private static MappingMetamodel metamodel(SharedSessionContractImplementor session) {
        return session.getFactory().getMappingMetamodel();
    }
}
