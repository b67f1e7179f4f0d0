package dev.larder.serial;

import dev.larder.SerializationException;
import dev.larder.support.ReadOnlyBytes;
import dev.larder.support.Utf16;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a value in Larder's own format: a tag, then a body whose every count and length is
 * checked against the bytes that follow it when read. Members of collections and components of
 * records are length-prefixed elements (an empty element is {@code null}). A value the format
 * has no shape for (a class of your own that is not a record, a collection class it does not
 * name) is written with Java serialisation as one element, where that is enabled.
 */
final class NativeWriter {
    /** Nesting allowed, in writing and reading alike; a cycle reaches it too. */
    static final int MAX_DEPTH = 20;

    private final AllowList allowList;
    private final JavaSerialization java;

    NativeWriter(AllowList allowList, JavaSerialization java) {
        this.allowList = allowList;
        this.java = java;
    }

    byte[] write(Object value) {
        // A large string or byte array is copied once, into a buffer of its size, not grown into.
        if (value instanceof byte[] b) {
            return tagged(Tags.BYTES, b);
        }
        if (value instanceof ReadOnlyBytes b) {
            byte[] out = new byte[b.length() + 1];
            out[0] = Tags.READ_ONLY_BYTES;
            b.copyTo(out, 1);
            return out;
        }
        if (value instanceof String s) {
            return hasUnpairedSurrogate(s) ? tagged(Tags.UTF16, Utf16.codeUnits(s)) : tagged(Tags.STRING, s.getBytes(StandardCharsets.UTF_8));
        }
        ByteSink sink = new ByteSink(64);
        element(sink, value, 0);
        return sink.toByteArray();
    }

    static boolean hasUnpairedSurrogate(String s) {
        return Utf16.firstUnpairedSurrogate(s, 0) >= 0;
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private void element(ByteSink sink, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new SerializationException("value nests deeper than " + MAX_DEPTH
                    + " levels (or holds itself), more than Larder's format reads back");
        }
        int mark = sink.size();
        String why;
        try {
            if (scalar(sink, v) || composite(sink, v, depth)) {
                return;
            }
            why = null;
        } catch (NoShape e) {
            sink.truncate(mark);
            why = e.getMessage();
        }
        java.write(sink, v, why);
    }

    /** Thrown where a collection's keys break {@link Keys}' rule; the collection falls back whole. */
    private static final class NoShape extends RuntimeException {
        NoShape(String why) {
            super(why, null, false, false);
        }
    }

    private static boolean scalar(ByteSink sink, Object v) {
        if (v instanceof String s) {
            // UTF-8 would write an unpaired surrogate as '?': such a string keeps its UTF-16.
            boolean utf16 = hasUnpairedSurrogate(s);
            sink.put(utf16 ? Tags.UTF16 : Tags.STRING);
            sink.put(utf16 ? Utf16.codeUnits(s) : s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Long l) {
            sink.put(Long.toString(l).getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof Integer i) {
            sink.put(Tags.INT);
            sink.putLong(i, 4);
        } else if (v instanceof byte[] b) {
            sink.put(Tags.BYTES);
            sink.put(b);
        } else if (v instanceof Double d) {
            sink.put(Tags.DOUBLE);
            sink.putLong(Double.doubleToRawLongBits(d), 8);
        } else if (v instanceof Boolean b) {
            sink.put(b ? Tags.TRUE : Tags.FALSE);
        } else if (v instanceof Float f) {
            sink.put(Tags.FLOAT);
            sink.putLong(Float.floatToRawIntBits(f), 4);
        } else if (v instanceof Character c) {
            sink.put(Tags.CHAR);
            sink.putLong(c, 2);
        } else if (v instanceof Short s) {
            sink.put(Tags.SHORT);
            sink.putLong(s, 2);
        } else if (v instanceof Byte b) {
            sink.put(Tags.BYTE);
            sink.put(b);
        } else {
            return numberOrText(sink, v);
        }
        return true;
    }

    private static boolean numberOrText(ByteSink sink, Object v) {
        if (v instanceof BigInteger b && v.getClass() == BigInteger.class) {
            sink.put(Tags.BIG_INTEGER);
            sink.put(b.toByteArray());
        } else if (v instanceof BigDecimal d && v.getClass() == BigDecimal.class) {
            sink.put(Tags.BIG_DECIMAL);
            sink.putLong(d.scale(), 4);
            sink.put(d.unscaledValue().toByteArray());
        } else if (v instanceof UUID u) {
            sink.put(Tags.UUID);
            sink.putLong(u.getMostSignificantBits(), 8);
            sink.putLong(u.getLeastSignificantBits(), 8);
        } else {
            int kind = Shapes.textKind(v);
            if (kind < 0) {
                return false;
            }
            sink.put(Tags.TEXT);
            sink.put((byte) kind);
            sink.put(Shapes.text(kind, v).getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    private boolean composite(ByteSink sink, Object v, int depth) {
        if (v instanceof Optional<?> o) {
            sink.put(o.isEmpty() ? Tags.OPTIONAL_EMPTY : Tags.OPTIONAL_OF);
            o.ifPresent(inner -> element(sink, inner, depth + 1));
            return true;
        }
        if (v instanceof List<?> list) {
            return collection(sink, Tags.LIST, Shapes.listKind(v.getClass()), list, depth);
        }
        if (v instanceof Set<?> set) {
            int kind = Shapes.setKind(set);
            if (kind >= 0) {
                Object[] members = set.toArray();
                requireKeys(members, kind);
                return collection(sink, Tags.SET, kind, Arrays.asList(members), depth);
            }
            return false;
        }
        if (v instanceof Map<?, ?> map) {
            return map(sink, map, depth);
        }
        if (v instanceof Record r) {
            return record(sink, r, depth);
        }
        if (v instanceof Enum<?> e) {
            return enumConstant(sink, e);
        }
        return v.getClass().isArray() && ArrayShapes.write(sink, v, this, depth);
    }

    private boolean collection(ByteSink sink, byte tag, int kind, Collection<?> members, int depth) {
        if (kind < 0) {
            return false;
        }
        sink.put(tag);
        sink.put((byte) kind);
        sink.putVarint(members.size());
        for (Object m : members) {
            member(sink, m, depth);
        }
        return true;
    }

    /** One length-prefixed element of a collection, array or record. */
    void member(ByteSink sink, Object m, int depth) {
        int start = sink.startLength();
        if (m != null) {
            element(sink, m, depth + 1);
        }
        sink.endLength(start);
    }

    private boolean map(ByteSink sink, Map<?, ?> map, int depth) {
        int kind = Shapes.mapKind(map);
        if (kind < 0) {
            return false;
        }
        Object[] entries = map.entrySet().toArray();
        Object[] keys = new Object[entries.length];
        for (int i = 0; i < entries.length; i++) {
            keys[i] = ((Map.Entry<?, ?>) entries[i]).getKey();
        }
        requireKeys(keys, kind);
        sink.put(Tags.MAP);
        sink.put((byte) kind);
        sink.putVarint(entries.length);
        for (Object e : entries) {
            member(sink, ((Map.Entry<?, ?>) e).getKey(), depth);
            member(sink, ((Map.Entry<?, ?>) e).getValue(), depth);
        }
        return true;
    }

    private static void requireKeys(Object[] keys, int kind) {
        String why = Keys.violation(keys, kind == Shapes.TREE || kind == Shapes.SKIP_LIST);
        if (why != null) {
            throw new NoShape(why);
        }
    }

    private boolean record(ByteSink sink, Record r, int depth) {
        Class<?> type = r.getClass();
        requireAllowed(type);
        RecordShape shape = RecordShape.of(type);
        sink.put(Tags.RECORD);
        className(sink, type);
        Object[] values = shape.components(r);
        sink.putVarint(values.length);
        for (Object value : values) {
            member(sink, value, depth);
        }
        return true;
    }

    private boolean enumConstant(ByteSink sink, Enum<?> e) {
        Class<?> type = e.getDeclaringClass();
        requireAllowed(type);
        sink.put(Tags.ENUM);
        className(sink, type);
        sink.put(e.name().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static void className(ByteSink sink, Class<?> type) {
        byte[] name = type.getName().getBytes(StandardCharsets.UTF_8);
        sink.putVarint(name.length);
        sink.put(name);
    }

    private void requireAllowed(Class<?> type) {
        if (!allowList.allows(type)) {
            throw JavaSerialization.notAllowed(type);
        }
    }
}
