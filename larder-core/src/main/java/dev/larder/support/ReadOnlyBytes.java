package dev.larder.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes that nobody changes: a value a cache can hand to every reader without a copy. The
 * default serializer stores it under a tag of its own and reads it back as a view of the bytes
 * it decodes, so a hit on a large value (a stored page) costs no copy of it, where a
 * {@code byte[]} is copied on every read so that its reader may change it. Only as a value of
 * its own, not inside a collection or record. A serializer of your own may not know it, and a
 * Larder version before it reads it as bytes that do not decode (a miss). Thread-safe.
 */
public final class ReadOnlyBytes {
    private final byte[] bytes;
    private final int offset;
    private final int length;

    private ReadOnlyBytes(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}. */
    public static ReadOnlyBytes copyOf(byte[] bytes) {
        return new ReadOnlyBytes(bytes.clone(), 0, bytes.length);
    }

    /**
     * A view of {@code length} bytes of {@code bytes} from {@code offset}, without a copy: for a
     * caller that hands the array over and never changes it again (a serializer, an encoder).
     */
    public static ReadOnlyBytes wrap(byte[] bytes, int offset, int length) {
        return new ReadOnlyBytes(bytes, offset, length);
    }

    public int length() {
        return length;
    }

    public byte get(int index) {
        return bytes[offset + Objects.checkIndex(index, length)];
    }

    /** The big-endian int at {@code index}. */
    public int getInt(int index) {
        Objects.checkFromIndexSize(index, 4, length);
        int at = offset + index;
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }

    /** The big-endian long at {@code index}. */
    public long getLong(int index) {
        return (long) getInt(index) << 32 | (getInt(index + 4) & 0xffffffffL);
    }

    /** {@code count} bytes from {@code index}, decoded. */
    public String toString(int index, int count, Charset charset) {
        Objects.checkFromIndexSize(index, count, length);
        return new String(bytes, offset + index, count, charset);
    }

    /** Writes {@code count} bytes from {@code index} to {@code out}. */
    public void writeTo(OutputStream out, int index, int count) throws IOException {
        Objects.checkFromIndexSize(index, count, length);
        out.write(bytes, offset + index, count);
    }

    /** Copies all the bytes into {@code target} from {@code at}. */
    public void copyTo(byte[] target, int at) {
        System.arraycopy(bytes, offset, target, at, length);
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadOnlyBytes other
                && Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "ReadOnlyBytes[" + length + " bytes]";
    }
}
