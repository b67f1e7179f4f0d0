package dev.larder.jcache;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers a cache's MXBeans with the platform MBean server under JSR-107's names,
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>},
 * with {@code : = ,} and line breaks replaced by {@code .} as the specification's test kit
 * expects. Registering twice, or removing what is not there, does nothing.
 */
final class Management {
    enum Kind { CacheConfiguration, CacheStatistics }

    private Management() {
    }

    static void register(Object bean, Class<?> type, Kind kind, String managerUri, String cacheName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(kind, managerUri, cacheName);
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(new StandardMBean(bean, cast(type), true), name);
            }
        } catch (InstanceAlreadyExistsException raced) {
            // Another thread registered the same cache's bean: it is there, as asked.
        } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
            throw new CacheException("could not register " + name + ": " + e.getMessage(), e);
        }
    }

    static void unregister(Kind kind, String managerUri, String cacheName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(kind, managerUri, cacheName);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException raced) {
            // Already gone.
        } catch (MBeanRegistrationException e) {
            throw new CacheException("could not unregister " + name + ": " + e.getMessage(), e);
        }
    }

    static ObjectName name(Kind kind, String managerUri, String cacheName) {
        try {
            return new ObjectName("javax.cache:type=" + kind + ",CacheManager=" + safe(managerUri)
                    + ",Cache=" + safe(cacheName));
        } catch (MalformedObjectNameException e) {
            throw new CacheException("no MBean name can be made for cache '" + cacheName + "': " + e.getMessage(), e);
        }
    }

    /** JSR-107's replacements; a value that still holds a character JMX reserves is quoted. */
    private static String safe(String s) {
        String replaced = s == null ? "" : s.replaceAll("[:=\n,]", ".");
        return replaced.matches(".*[\"*?\\\\].*") ? ObjectName.quote(replaced) : replaced;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> cast(Class<?> type) {
        return (Class<T>) type;
    }
}
