package dev.larder.serial;

import dev.larder.SerializationException;
import dev.larder.support.ReadOnlyBytes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads one value in Larder's format. Every count is checked against the bytes left before
 * anything is allocated for it, and every member is read inside its own length, so what a read
 * allocates is a small multiple of the stored length, its time is linear in it (members of sets
 * and keys of maps obey {@link Keys}), and nesting stops at {@link NativeWriter#MAX_DEPTH}.
 * One instance per read; not thread-safe.
 */
final class NativeReader {
    private final byte[] bytes;
    private final ClassResolver classes;
    private final JavaSerialization java;
    private int pos;
    private int end;

    NativeReader(byte[] bytes, ClassResolver classes, JavaSerialization java) {
        this.bytes = bytes;
        this.classes = classes;
        this.java = java;
        this.end = bytes.length;
    }

    Object read() {
        Object value = element(0);
        if (pos != end) {
            throw new SerializationException((end - pos) + " bytes follow the stored value");
        }
        return value;
    }

    private Object element(int depth) {
        if (depth > NativeWriter.MAX_DEPTH) {
            throw new SerializationException("stored value nests deeper than " + NativeWriter.MAX_DEPTH + " levels");
        }
        if (pos >= end) {
            throw new SerializationException("no bytes to decode at offset " + pos);
        }
        byte tag = bytes[pos];
        if (tag == '-' || (tag >= '0' && tag <= '9')) {
            return parseLong();
        }
        pos++;
        return switch (tag) {
            case Tags.STRING -> new String(bytes, pos, take(end - pos), StandardCharsets.UTF_8);
            case Tags.UTF16 -> utf16();
            case Tags.BYTES -> slice(end - pos);
            case Tags.READ_ONLY_BYTES -> ReadOnlyBytes.wrap(bytes, pos, take(end - pos));
            case Tags.DOUBLE -> Double.longBitsToDouble(fixedBody(8));
            case Tags.FLOAT -> Float.intBitsToFloat((int) fixedBody(4));
            case Tags.INT -> (int) fixedBody(4);
            case Tags.SHORT -> (short) fixedBody(2);
            case Tags.BYTE -> (byte) fixedBody(1);
            case Tags.CHAR -> (char) fixedBody(2);
            case Tags.TRUE, Tags.FALSE -> { fixedBody(0); yield tag == Tags.TRUE; }
            case Tags.OPTIONAL_EMPTY -> { fixedBody(0); yield Optional.empty(); }
            case Tags.OPTIONAL_OF -> Optional.of(element(depth + 1));
            default -> structured(tag, depth);
        };
    }

    private Object structured(byte tag, int depth) {
        return switch (tag) {
            case Tags.LIST -> list(depth);
            case Tags.SET -> set(depth);
            case Tags.MAP -> map(depth);
            case Tags.ARRAY -> ArrayShapes.read(this, depth);
            case Tags.RECORD -> record(depth);
            case Tags.ENUM -> enumConstant();
            case Tags.BIG_INTEGER -> new BigInteger(slice(end - pos));
            case Tags.BIG_DECIMAL -> bigDecimal();
            case Tags.UUID -> new UUID(fixed(8), fixedBody(8));
            case Tags.TEXT -> Shapes.parseText(u8(), new String(bytes, pos, take(end - pos), StandardCharsets.UTF_8));
            case Tags.JAVA -> java.read(bytes, pos, take(end - pos));
            default -> throw new SerializationException(String.format("unknown type tag 0x%02x", tag & 0xff));
        };
    }

    private String utf16() {
        if ((end - pos) % 2 != 0) {
            throw new SerializationException("a UTF-16 string of an odd number of bytes");
        }
        char[] chars = new char[(end - pos) / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (((bytes[pos + 2 * i] & 0xff) << 8) | (bytes[pos + 2 * i + 1] & 0xff));
        }
        take(end - pos);
        return new String(chars);
    }

    private Object list(int depth) {
        int kind = u8();
        Object[] members = members(count(), depth);
        Object list = Shapes.newList(kind, members);
        if (list == null) {
            throw new SerializationException("unknown list kind " + kind);
        }
        return list;
    }

    private Object set(int depth) {
        int kind = u8();
        Object[] members = members(count(), depth);
        requireKeys(members, kind);
        Object set = Shapes.newSet(kind, members);
        if (set == null) {
            throw new SerializationException("unknown set kind " + kind);
        }
        return set;
    }

    private Object map(int depth) {
        int kind = u8();
        int size = count();
        Object[] keys = new Object[size];
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            keys[i] = member(depth);
            values[i] = member(depth);
        }
        requireKeys(keys, kind);
        Map<Object, Object> map = Shapes.newMap(kind, size);
        if (map == null) {
            throw new SerializationException("unknown map kind " + kind);
        }
        for (int i = 0; i < size; i++) {
            map.put(keys[i], values[i]);
        }
        return Shapes.finish(kind, map);
    }

    private static void requireKeys(Object[] keys, int kind) {
        String why = Keys.violation(keys, kind == Shapes.TREE || kind == Shapes.SKIP_LIST);
        if (why != null) {
            throw new SerializationException("stored set or map refused: " + why);
        }
    }

    private Object record(int depth) {
        Class<?> type = classes.resolve(className());
        if (!type.isRecord()) {
            throw new SerializationException(type.getName() + " is not a record");
        }
        RecordShape shape = RecordShape.of(type);
        int size = count();
        if (size != shape.size()) {
            throw new SerializationException("stored " + type.getName() + " has " + size + " components, the class "
                    + shape.size());
        }
        return shape.construct(members(size, depth));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object enumConstant() {
        Class<?> type = classes.resolve(className());
        if (!type.isEnum()) {
            throw new SerializationException(type.getName() + " is not an enum");
        }
        String name = new String(bytes, pos, take(end - pos), StandardCharsets.UTF_8);
        return Enum.valueOf((Class) type, name);
    }

    private String className() {
        int length = count();
        return new String(bytes, pos, take(length), StandardCharsets.UTF_8);
    }

    private BigDecimal bigDecimal() {
        int scale = (int) fixed(4);
        return new BigDecimal(new BigInteger(slice(end - pos)), scale);
    }

    private Object[] members(int count, int depth) {
        Object[] members = new Object[count];
        for (int i = 0; i < count; i++) {
            members[i] = member(depth);
        }
        return members;
    }

    /** One length-prefixed element, read inside its length; an empty one is null. */
    Object member(int depth) {
        int length = count();
        if (length == 0) {
            return null;
        }
        int outer = end;
        end = pos + length;
        Object value = element(depth + 1);
        if (pos != end) {
            throw new SerializationException("member ends at " + pos + " but its length says " + end);
        }
        end = outer;
        return value;
    }

    /** A count or length, which can never exceed the bytes left, since each counts at least one. */
    int count() {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value > end - pos) {
                    throw new SerializationException("stored count " + value + " exceeds the " + (end - pos)
                            + " bytes that follow it");
                }
                return (int) value;
            }
        }
        throw new SerializationException("stored count is longer than five bytes");
    }

    /** The length of a primitive array, which must fill exactly the bytes left. */
    int checkArray(int length, int width) {
        if (width > 0 && (long) length * width != end - pos) {
            throw new SerializationException("stored array of " + length + " elements of " + width
                    + " bytes does not match the " + (end - pos) + " bytes that follow");
        }
        return length;
    }

    int u8() {
        if (pos >= end) {
            throw new SerializationException("stored value ends early at offset " + pos);
        }
        return bytes[pos++] & 0xff;
    }

    long fixed(int width) {
        take(width);
        long v = 0;
        for (int i = pos - width; i < pos; i++) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        // Sign-extended; callers cast to the width they read, which keeps the bits as written.
        int unused = 64 - width * 8;
        return width == 0 ? 0 : (v << unused) >> unused;
    }

    /** A fixed-width body that must be all that is left of the element. */
    private long fixedBody(int width) {
        if (end - pos != width) {
            throw new SerializationException("expected " + width + " bytes after the tag, found " + (end - pos));
        }
        return fixed(width);
    }

    private int take(int length) {
        if (length < 0 || length > end - pos) {
            throw new SerializationException("stored value ends early at offset " + pos);
        }
        pos += length;
        return length;
    }

    private byte[] slice(int length) {
        int from = pos;
        take(length);
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    private Long parseLong() {
        String digits = new String(bytes, pos, end - pos, StandardCharsets.US_ASCII);
        pos = end;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new SerializationException("bytes start like an integer but are not one", e);
        }
    }
}
