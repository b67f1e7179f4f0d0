package dev.larder.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * Bytes that nobody changes: a value a cache can hand to every reader without a copy. The
 * default serializer stores it under a tag of its own and reads it back as a view of the bytes
 * it decodes, so a hit on a large value (a stored page) costs no copy of it, where a
 * {@code byte[]} is copied on every read so that its reader may change it. Only as a value of
 * its own, not inside a collection or record. A serializer of your own may not know it, and a
 * Larder version before it reads it as bytes that do not decode (a miss). The {@code locmem}
 * backend keeps it as it is in copy mode too, as it keeps a {@code String}: every reader gets
 * the instance that was stored, and with it what {@link #decoded} kept. Thread-safe.
 */
public final class ReadOnlyBytes {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    /** What {@link #decoded} computed last, with the function that computed it; {@code null} before. */
    private volatile Decoded decoded;

    private record Decoded(Function<?, ?> by, Object value) {
    }

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

    /**
     * {@code decoder} applied to these bytes, computed once per instance and kept with them:
     * nobody changes the bytes, so every call would compute the same. For a reader that decodes
     * a value on every read (a page cache, on every hit) from the instance a store hands every
     * reader ({@code locmem} keeps the instance it was given; a shared backend reads a new one
     * each time, so this saves nothing there and costs nothing either). The result is shared by
     * every caller, on any thread, so it must be immutable. {@code decoder} should be one
     * constant function: another one computes again and replaces what was kept. What it throws
     * is thrown to the caller and nothing is kept, so bytes that do not decode fail every time.
     */
    @SuppressWarnings("unchecked")
    public <T> T decoded(Function<? super ReadOnlyBytes, ? extends T> decoder) {
        Decoded kept = decoded;
        if (kept != null && kept.by() == decoder) {
            return (T) kept.value();
        }
        T value = Objects.requireNonNull(decoder.apply(this), "decoder returned null");
        // A race computes twice and keeps either result: both are the same value.
        decoded = new Decoded(decoder, value);
        return value;
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
