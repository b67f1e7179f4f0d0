package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Found by Hibernate through {@code META-INF/services}: with {@code larder-hibernate} on the
 * class path, every session factory gets a {@link ModelCache} and the listeners that keep it
 * correct. Settings, read from the session factory's properties:
 *
 * <ul>
 *   <li>{@value #CACHE}: the cache alias, default {@code default};
 *   <li>{@value #REGISTRY}: a {@link CacheRegistry} object to use; without it the integrator
 *       loads one ({@link CacheRegistry#load()}) and closes it with the session factory;
 *   <li>{@value #ENABLED}: {@code false} turns the integration off;
 *   <li>{@value #CONSISTENCY}: {@code strict} (the default) or {@code bounded-staleness}, see
 *       {@link Consistency}; a mode the cache cannot keep fails the session factory's start.
 * </ul>
 */
public final class LarderIntegrator implements Integrator {
    public static final String CACHE = "larder.hibernate.cache";
    public static final String REGISTRY = "larder.hibernate.registry";
    public static final String ENABLED = "larder.hibernate.enabled";
    public static final String CONSISTENCY = "larder.hibernate.consistency";

    /** What was installed in each open session factory; {@code owned} is the registry loaded for it, else null. */
    private record Installed(ModelCache models, WriteTracker writes, CacheRegistry owned) {
    }

    private static final Map<SessionFactory, Installed> INSTALLED = new ConcurrentHashMap<>();

    /** The model cache installed in {@code factory}, or null when the integration is off for it. */
    static ModelCache modelCache(SessionFactory factory) {
        Installed installed = INSTALLED.get(factory);
        return installed == null ? null : installed.models();
    }

    /** Where {@code factory}'s writes that fire no entity event go, or null when the integration is off for it. */
    static WriteTracker writeTracker(SessionFactory factory) {
        Installed installed = INSTALLED.get(factory);
        return installed == null ? null : installed.writes();
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
        Map<String, Object> settings = factory.getProperties();
        if ("false".equalsIgnoreCase(String.valueOf(settings.get(ENABLED)))) {
            return;
        }
        Object given = settings.get(REGISTRY);
        CacheRegistry registry = given instanceof CacheRegistry r ? r : CacheRegistry.load();
        String alias = String.valueOf(settings.getOrDefault(CACHE, CacheRegistry.DEFAULT_ALIAS));
        Cache cache;
        Consistency consistency;
        try {
            cache = registry.cache(alias);
            consistency = Consistency.parse(settings.get(CONSISTENCY));
            consistency.check(cache);
        } catch (RuntimeException e) {
            if (!(given instanceof CacheRegistry)) {
                registry.close();
            }
            throw e;
        }
        ModelCache models = new ModelCache(cache, consistency, factory);
        WriteTracker writes = models.writes();
        INSTALLED.put(factory, new Installed(models, writes, given instanceof CacheRegistry ? null : registry));
        EventListenerRegistry listeners = factory.getEventListenerRegistry();
        Invalidator.AtFlush atFlush = new Invalidator.AtFlush(writes);
        Invalidator.AfterCommit afterCommit = new Invalidator.AfterCommit(writes);
        listeners.appendListeners(EventType.POST_INSERT, atFlush);
        listeners.appendListeners(EventType.POST_UPDATE, atFlush);
        listeners.appendListeners(EventType.POST_DELETE, atFlush);
        listeners.appendListeners(EventType.POST_UPSERT, atFlush);
        listeners.appendListeners(EventType.POST_COMMIT_INSERT, afterCommit);
        listeners.appendListeners(EventType.POST_COMMIT_UPDATE, afterCommit);
        listeners.appendListeners(EventType.POST_COMMIT_DELETE, afterCommit);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor factory, SessionFactoryServiceRegistry serviceRegistry) {
        Installed installed = INSTALLED.remove(factory);
        if (installed != null && installed.owned() != null) {
            installed.owned().close();
        }
    }
}
