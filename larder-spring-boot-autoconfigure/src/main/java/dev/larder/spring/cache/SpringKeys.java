package dev.larder.spring.cache;

import dev.larder.support.Md5;
import dev.larder.support.Utf16;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * Turns a Spring cache key (an object) into a Larder key (a string): stable across JVMs and
 * releases, never from {@code hashCode()}, and collision-free: two keys that are not
 * {@code equals} never get the same string (up to MD5 for hashed keys, below).
 *
 * <table>
 *   <caption>Encodings</caption>
 *   <tr><th>Key</th><th>Larder key</th></tr>
 *   <tr><td>{@code "book:42"}</td><td>{@code book:42} (a string is itself; one starting with
 *       {@code ~} gets a second {@code ~} in front, since every other encoding starts with
 *       {@code ~} and a letter)</td></tr>
 *   <tr><td>{@code 42}, {@code 42L}, {@code (short) 42}, {@code (byte) 42}</td><td>{@code ~i42},
 *       {@code ~l42}, {@code ~s42}, {@code ~b42} ({@code Integer 42} and {@code Long 42} are not
 *       equal in Java, so they are two keys)</td></tr>
 *   <tr><td>{@code 1.5}, {@code 1.5f}, {@code BigInteger}, {@code BigDecimal}</td><td>{@code ~d1.5},
 *       {@code ~f1.5}, {@code ~I…}, {@code ~D…} (a {@code BigDecimal} keeps its scale, as its
 *       {@code equals} does)</td></tr>
 *   <tr><td>{@code true}, {@code 'x'}, a {@code UUID}</td><td>{@code ~ztrue}, {@code ~cx}, {@code ~u…}</td></tr>
 *   <tr><td>an enum constant</td><td>{@code ~e} class name {@code .} constant name</td></tr>
 *   <tr><td>a {@code java.time} value</td><td>{@code ~t} class name {@code =} ISO text</td></tr>
 *   <tr><td>{@code SimpleKey}, a {@code List}, an array</td><td>{@code ~k[…]}, {@code ~L[…]},
 *       {@code ~a} component class {@code […]}, each element as its length, {@code :} and its
 *       encoding; {@code null} elements are {@code ~n}</td></tr>
 *   <tr><td>a record</td><td>{@code ~r} class name {@code (…)} with its components as above</td></tr>
 * </table>
 *
 * <p>A key whose encoding would be over {@value #MAX_BYTES} UTF-8 bytes, or holds a space, a
 * control character or an unpaired surrogate (which Memcached refuses and Larder warns about), is
 * stored as {@code ~h}, the MD5 of its encoding (over its UTF-16 code units, unpaired surrogates
 * included, so that no two texts share it),
 * then up to {@value #HEAD} of its leading printable ASCII characters for people reading the
 * store: so any key works on every backend, Memcached's 250 bytes included.
 *
 * <p>Any other class is refused with {@link IllegalArgumentException}: its equality cannot be
 * read from its value. Use a string key ({@code @Cacheable(key = "'book:' + #id")}), a record of
 * the types above, or a {@code KeyGenerator} returning one. Records are encoded by their
 * components, so a record overriding {@code equals} to ignore one must not be a key.
 * Stateless and thread-safe.
 */
public final class SpringKeys {
    /** Encodings longer than this many UTF-8 bytes are hashed. */
    public static final int MAX_BYTES = 160;
    /** How many readable characters a hashed key keeps. */
    public static final int HEAD = 48;
    private static final int MAX_DEPTH = 16;
    private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

    private SpringKeys() {
    }

    /**
     * The Larder key for {@code key}.
     *
     * @throws IllegalArgumentException naming the key's class when it has no encoding
     */
    public static String toLarderKey(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("a Spring cache key must not be null");
        }
        String encoded = encode(key, 0);
        return needsHash(encoded) ? hashed(encoded) : encoded;
    }

    private static String encode(Object key, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a Spring cache key nests more than " + MAX_DEPTH
                    + " levels deep (or contains itself); use a String key or a KeyGenerator");
        }
        if (key == null) {
            return "~n";
        }
        if (key instanceof String s) {
            return s.startsWith("~") ? "~" + s : s;
        }
        String scalar = scalar(key);
        if (scalar != null) {
            return scalar;
        }
        return composite(key, depth);
    }

    private static String scalar(Object key) {
        if (key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof Byte
                || key instanceof Double || key instanceof Float || key instanceof BigInteger
                || key instanceof BigDecimal) {
            return "~" + numberTag(key) + key;
        }
        if (key instanceof Boolean b) {
            return "~z" + b;
        }
        if (key instanceof Character c) {
            return "~c" + c;
        }
        if (key instanceof UUID u) {
            return "~u" + u;
        }
        if (key instanceof Enum<?> e) {
            return "~e" + e.getDeclaringClass().getName() + "." + e.name();
        }
        if (key.getClass().getName().startsWith("java.time.") && key instanceof Comparable<?>) {
            // Every java.time value type prints a unique ISO text for each value it can hold.
            return "~t" + key.getClass().getName() + "=" + key;
        }
        return null;
    }

    private static char numberTag(Object n) {
        if (n instanceof Integer) {
            return 'i';
        }
        if (n instanceof Long) {
            return 'l';
        }
        if (n instanceof Short) {
            return 's';
        }
        if (n instanceof Byte) {
            return 'b';
        }
        if (n instanceof Double) {
            return 'd';
        }
        if (n instanceof Float) {
            return 'f';
        }
        return n instanceof BigInteger ? 'I' : 'D';
    }

    private static String composite(Object key, int depth) {
        if (key instanceof SimpleKey k) {
            return "~k" + elements(simpleKeyParams(k), depth);
        }
        if (key instanceof List<?> list) {
            return "~L" + elements(list.toArray(), depth);
        }
        if (key.getClass().isArray()) {
            Object[] items = new Object[Array.getLength(key)];
            for (int i = 0; i < items.length; i++) {
                items[i] = Array.get(key, i);
            }
            return "~a" + key.getClass().getComponentType().getName() + elements(items, depth);
        }
        if (key instanceof Record r) {
            return "~r" + r.getClass().getName() + components(r, depth);
        }
        throw new IllegalArgumentException("a Spring cache key of class " + key.getClass().getName()
                + " cannot be made into a Larder key: its equality is not known from its value. Use a String key"
                + " (@Cacheable(key = \"'book:' + #id\")), a record of strings, numbers, enums and UUIDs, or a"
                + " KeyGenerator bean that returns one");
    }

    /** Each element as its length, ':' and its encoding: no element can end early or run into the next. */
    private static String elements(Object[] items, int depth) {
        StringBuilder out = new StringBuilder("[");
        for (Object item : items) {
            String e = encode(item, depth + 1);
            out.append(e.length()).append(':').append(e);
        }
        return out.append(']').toString();
    }

    private static String components(Record r, int depth) {
        RecordComponent[] parts = r.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = accessor(r, parts[i]);
        }
        String list = elements(values, depth);
        return "(" + list.substring(1, list.length() - 1) + ")";
    }

    private static Object accessor(Record r, RecordComponent part) {
        Method m = part.getAccessor();
        try {
            // A record declared private or package-private in the application is still a fine key.
            m.setAccessible(true);
            return m.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read component '" + part.getName() + "' of the cache key's record "
                    + r.getClass().getName() + "; use a String key or a KeyGenerator", e);
        }
    }

    private static Object[] simpleKeyParams(SimpleKey key) {
        try {
            return (Object[]) SIMPLE_KEY_PARAMS.get(key);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read SimpleKey's parameters", e);
        }
    }

    private static Field simpleKeyParams() {
        try {
            // SimpleKey exposes its parameters only through toString(), which is not injective.
            Field f = SimpleKey.class.getDeclaredField("params");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this Spring version's SimpleKey has no 'params' field", e);
        }
    }

    static boolean needsHash(String encoded) {
        if (encoded.length() > MAX_BYTES / 3 && encoded.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return true;
        }
        return Utf16.firstBadKeyChar(encoded) >= 0;
    }

    private static String hashed(String encoded) {
        int end = 0;
        while (end < encoded.length() && end < HEAD && encoded.charAt(end) > 32 && encoded.charAt(end) < 127) {
            end++;
        }
        return "~h" + Md5.hex(Utf16.codeUnits(encoded)) + encoded.substring(0, end);
    }
}
