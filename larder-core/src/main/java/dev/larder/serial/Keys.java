package dev.larder.serial;

/**
 * The rule for the members of a hashed or sorted set and the keys of a map in Larder's format:
 * all of one class, and that class {@link Comparable}. A hash table orders colliding keys of
 * such a class in a tree, so keys chosen to share one hash code cost {@code log n} each
 * instead of {@code n}; bytes planted in a shared store cannot turn one read into a quadratic
 * one. (Sets of sets are the classic case: never comparable, and with Java serialisation's
 * shared references, exponential to hash.)
 */
final class Keys {
    private Keys() {
    }

    /** Null when the keys follow the rule, else why not. */
    static String violation(Object[] keys, boolean sorted) {
        Class<?> first = null;
        for (Object k : keys) {
            if (k == null) {
                if (sorted) {
                    return "a sorted collection holds null";
                }
                continue;
            }
            Class<?> c = classOf(k);
            if (first == null) {
                if (!Comparable.class.isAssignableFrom(c)) {
                    return "keys of " + c.getName() + " are not Comparable";
                }
                first = c;
            } else if (c != first) {
                return "keys of two classes, " + first.getName() + " and " + c.getName();
            }
        }
        return null;
    }

    private static Class<?> classOf(Object k) {
        return k instanceof Enum<?> e ? e.getDeclaringClass() : k.getClass();
    }
}
