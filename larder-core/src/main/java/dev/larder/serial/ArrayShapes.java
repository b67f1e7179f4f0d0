package dev.larder.serial;

import dev.larder.SerializationException;
import java.lang.reflect.Array;

/**
 * Arrays in Larder's format: a kind byte, a count, then fixed-width primitives or
 * length-prefixed elements. A primitive array's count must match the bytes that follow
 * exactly, so a stored array can never claim more memory than its own length.
 */
final class ArrayShapes {
    private static final Class<?>[] TYPES = {int[].class, long[].class, short[].class, char[].class, float[].class,
        double[].class, boolean[].class, String[].class, Object[].class};
    private static final int[] WIDTHS = {4, 8, 2, 2, 4, 8, 1, 0, 0};

    private ArrayShapes() {
    }

    static boolean write(ByteSink sink, Object array, NativeWriter writer, int depth) {
        int kind = kindOf(array.getClass());
        if (kind < 0) {
            return false;
        }
        int length = Array.getLength(array);
        sink.put(Tags.ARRAY);
        sink.put((byte) kind);
        sink.putVarint(length);
        for (int i = 0; i < length; i++) {
            if (WIDTHS[kind] == 0) {
                writer.member(sink, Array.get(array, i), depth);
            } else {
                sink.putLong(bits(array, kind, i), WIDTHS[kind]);
            }
        }
        return true;
    }

    private static int kindOf(Class<?> c) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static long bits(Object array, int kind, int i) {
        return switch (kind) {
            case 0 -> ((int[]) array)[i];
            case 1 -> ((long[]) array)[i];
            case 2 -> ((short[]) array)[i];
            case 3 -> ((char[]) array)[i];
            case 4 -> Float.floatToRawIntBits(((float[]) array)[i]);
            case 5 -> Double.doubleToRawLongBits(((double[]) array)[i]);
            default -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Reads the array after the tag; {@code reader} supplies the elements of object arrays. */
    static Object read(NativeReader reader, int depth) {
        int kind = reader.u8();
        if (kind >= TYPES.length) {
            throw new SerializationException("unknown array kind " + kind);
        }
        int length = reader.count();
        Object array = Array.newInstance(TYPES[kind].getComponentType(), reader.checkArray(length, WIDTHS[kind]));
        for (int i = 0; i < length; i++) {
            if (WIDTHS[kind] == 0) {
                Object member = reader.member(depth);
                if (kind == 7 && member != null && !(member instanceof String)) {
                    throw new SerializationException("a String[] holds a " + member.getClass().getName());
                }
                Array.set(array, i, member);
            } else {
                set(array, kind, i, reader.fixed(WIDTHS[kind]));
            }
        }
        return array;
    }

    private static void set(Object array, int kind, int i, long bits) {
        switch (kind) {
            case 0 -> ((int[]) array)[i] = (int) bits;
            case 1 -> ((long[]) array)[i] = bits;
            case 2 -> ((short[]) array)[i] = (short) bits;
            case 3 -> ((char[]) array)[i] = (char) bits;
            case 4 -> ((float[]) array)[i] = Float.intBitsToFloat((int) bits);
            case 5 -> ((double[]) array)[i] = Double.longBitsToDouble(bits);
            default -> {
                if (bits != 0 && bits != 1) {
                    throw new SerializationException("a boolean[] holds the byte " + bits);
                }
                ((boolean[]) array)[i] = bits == 1;
            }
        }
    }
}
