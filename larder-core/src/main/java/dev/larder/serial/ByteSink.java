package dev.larder.serial;

import dev.larder.SerializationException;
import java.util.Arrays;

/** A growable byte buffer with the varints of Larder's value format. Not thread-safe. */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    /** Drops what was written after {@code mark}, to write an element again another way. */
    void truncate(int mark) {
        size = mark;
    }

    void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void put(byte[] b) {
        put(b, 0, b.length);
    }

    void put(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
    }

    void putLong(long v, int width) {
        ensure(width);
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (v >>> shift);
        }
    }

    /** An unsigned LEB128 varint. */
    void putVarint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            bytes[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /**
     * Leaves one byte for the length of what comes next and returns where it starts; {@link
     * #endLength} writes the length there, moving the bytes along when it needs more than one.
     * Most elements are under 128 bytes, so most lengths cost one byte and no move.
     */
    int startLength() {
        ensure(1);
        size++;
        return size;
    }

    void endLength(int start) {
        int length = size - start;
        int extra = 0;
        for (int v = length >>> 7; v != 0; v >>>= 7) {
            extra++;
        }
        if (extra > 0) {
            ensure(extra);
            System.arraycopy(bytes, start, bytes, start + extra, length);
            size += extra;
        }
        int at = start - 1;
        int v = length;
        while ((v & ~0x7f) != 0) {
            bytes[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        bytes[at] = (byte) v;
    }

    byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if ((long) size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new SerializationException("value is too large to encode (over 2 GB)");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
