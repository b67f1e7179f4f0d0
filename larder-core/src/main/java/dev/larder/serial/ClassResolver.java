package dev.larder.serial;

import dev.larder.SerializationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the record and enum classes that stored bytes name, checking the name against the
 * allow-list before anything is loaded, and loading without initialising: a name planted in a
 * shared store can neither load a class outside the list nor run a static initialiser. Only
 * classes that were allowed and found are remembered, so planted names cannot grow the map.
 */
final class ClassResolver {
    private final AllowList allowList;
    private final Map<String, Class<?>> found = new ConcurrentHashMap<>();

    ClassResolver(AllowList allowList) {
        this.allowList = allowList;
    }

    Class<?> resolve(String name) {
        Class<?> known = found.get(name);
        if (known != null) {
            return known;
        }
        if (!allowList.allowsName(name)) {
            throw new SerializationException("refused to decode: class " + name + " is not in the allow-list");
        }
        Class<?> loaded;
        try {
            loaded = Class.forName(name, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SerializationException("stored class " + name + " cannot be loaded: " + e, e);
        }
        if (!allowList.allows(loaded)) {
            throw new SerializationException("refused to decode: class " + name + " is not in the allow-list");
        }
        found.put(name, loaded);
        return loaded;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassResolver.class.getClassLoader();
    }
}
