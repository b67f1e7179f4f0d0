package dev.larder.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The layout of one cache file: a 22-byte header (magic {@code LRDR}, format version, flags,
 * expiry as epoch millis, body length, CRC-32 of the body) followed by the body, the
 * serialised value, deflated when that makes it smaller and it is over 1 KiB.
 *
 * <p>The length and checksum are there because a file can be cut short (a full disk, a crash
 * before the rename was durable, a copy made by hand) and a short body often still decodes:
 * {@code "hello world"} cut by three bytes is {@code "hello wo"}. The expiry is outside the
 * checksum so that {@code touch} can rewrite it in place.
 */
final class EntryFile {
    static final int HEADER = 22;
    static final int EXPIRY_OFFSET = 6;
    private static final int LENGTH_OFFSET = 14;
    private static final int CRC_OFFSET = 18;
    private static final byte[] MAGIC = {'L', 'R', 'D', 'R'};
    private static final byte FORMAT = 2;
    private static final byte DEFLATED = 1;
    private static final int COMPRESS_ABOVE = 1024;
    private static final int CHUNK = 64 * 1024;

    /** Thrown for bytes that are not a whole cache file: truncated, foreign, or damaged. */
    static final class CorruptException extends Exception {
        CorruptException(String message) {
            super(message);
        }
    }

    private EntryFile() {
    }

    /** Where the bytes of an entry go: a file as it is written, or memory. */
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    /**
     * Writes the entry for {@code value} into a new, empty file. The body is deflated in chunks
     * straight into the file and the header written last, so a large value is never copied
     * whole: a set of 100 MB allocates the serialised value and 64 KiB, not a deflated copy
     * and a file-sized buffer beside it.
     */
    static void write(FileChannel file, byte[] value, long expiresAt) throws IOException {
        file.position(HEADER);
        Body body = body(value, (b, off, len) -> writeFully(file, ByteBuffer.wrap(b, off, len)));
        if (!body.deflated()) {
            file.truncate(HEADER);
            file.position(HEADER);
            writeFully(file, ByteBuffer.wrap(value));
        }
        file.position(0);
        writeFully(file, ByteBuffer.wrap(header(body, expiresAt)));
    }

    /** The entry for {@code value} in memory, as {@link #write} puts it in a file. */
    static byte[] encode(byte[] value, long expiresAt) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Body body;
        try {
            body = body(value, deflated::write);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = body.deflated() ? deflated.toByteArray() : value;
        return ByteBuffer.allocate(HEADER + bytes.length).put(header(body, expiresAt)).put(bytes).array();
    }

    /** The length and checksum of a body, and whether it is the deflated form. */
    private record Body(boolean deflated, int length, int crc) {
    }

    /**
     * Deflates {@code value} into {@code sink} when it is over 1 KiB and deflating makes it
     * smaller; stops as soon as the deflated form reaches the value's own length, in which case
     * the body is the value as it is and nothing written to the sink counts.
     */
    private static Body body(byte[] value, Sink sink) throws IOException {
        if (value.length > COMPRESS_ABOVE) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                deflater.setInput(value);
                deflater.finish();
                CRC32 crc = new CRC32();
                byte[] chunk = new byte[CHUNK];
                long length = 0;
                while (!deflater.finished() && length < value.length) {
                    int n = deflater.deflate(chunk);
                    crc.update(chunk, 0, n);
                    sink.write(chunk, 0, n);
                    length += n;
                }
                if (length < value.length) {
                    return new Body(true, (int) length, (int) crc.getValue());
                }
            } finally {
                deflater.end();
            }
        }
        return new Body(false, value.length, crc(value, 0, value.length));
    }

    private static byte[] header(Body body, long expiresAt) {
        return ByteBuffer.allocate(HEADER).put(MAGIC).put(FORMAT).put(body.deflated() ? DEFLATED : 0).putLong(expiresAt)
                .putInt(body.length()).putInt(body.crc()).array();
    }

    private static void writeFully(FileChannel file, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
    }

    /** The expiry in a header, checking the magic and format. */
    static long expiresAt(byte[] bytes, int length) throws CorruptException {
        if (length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptException("not a Larder cache file (" + length + " bytes, bad header)");
        }
        if (bytes[4] != FORMAT) {
            throw new CorruptException("unknown cache file format " + bytes[4]);
        }
        return ByteBuffer.wrap(bytes, EXPIRY_OFFSET, 8).getLong();
    }

    /** Thrown for a body that inflates to more than the reader's limit; inflating stops there. */
    static final class TooLargeException extends Exception {
        private final long size;

        TooLargeException(long size) {
            super("inflates to more than " + (size - 1) + " bytes", null, false, false);
            this.size = size;
        }

        /** How many bytes were inflated before stopping: the limit plus one. */
        long size() {
            return size;
        }
    }

    /**
     * The serialised value stored after the header, once its length and checksum match. A
     * deflated body is inflated to at most {@code limit} bytes: a small file must not expand
     * into an unbounded value.
     */
    static byte[] value(byte[] bytes, long limit) throws CorruptException, TooLargeException {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int length = header.getInt(LENGTH_OFFSET);
        if (length != bytes.length - HEADER) {
            throw new CorruptException("body is " + (bytes.length - HEADER) + " bytes, header says " + length);
        }
        if (crc(bytes, HEADER, length) != header.getInt(CRC_OFFSET)) {
            throw new CorruptException("body does not match its checksum");
        }
        byte[] body = Arrays.copyOfRange(bytes, HEADER, bytes.length);
        return (bytes[5] & DEFLATED) != 0 ? inflate(body, limit) : body;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * The most a deflate stream can expand: 258 bytes for each 2-bit code at best (RFC 1951
     * §3.2.5), 1032 to 1. No real entry inflates further, so a planted file costs at most this
     * many times its length, and never more than the cache's value limit; one that claims more
     * is damaged.
     */
    static final long MAX_RATIO = 1032;

    private static byte[] inflate(byte[] input, long limit) throws CorruptException, TooLargeException {
        long mostDeflateGives = MAX_RATIO * input.length;
        // Grown by doubling but never past what may be kept, so the buffers a read allocates
        // stay within twice the largest value plus the last copy (a ByteArrayOutputStream
        // would double past the limit, then copy again).
        int most = (int) Math.min(Math.min(limit, mostDeflateGives), Integer.MAX_VALUE - 8);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            byte[] out = new byte[(int) Math.min(most, input.length * 3L)];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (size >= most) {
                        requireEnd(inflater, limit, size);
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(most, Math.max(size * 2L, 8192)));
                }
                size += inflateSome(inflater, out, size);
            }
            return size == out.length ? out : Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new CorruptException("compressed value is damaged: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static int inflateSome(Inflater inflater, byte[] out, int from) throws DataFormatException, CorruptException {
        int n = inflater.inflate(out, from, out.length - from);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw new CorruptException("compressed value is truncated");
        }
        return n;
    }

    /**
     * The buffer holds all that may be kept: the stream must end here. One more byte is past
     * the reader's limit, or past deflate's own ratio (a planted file, not an entry).
     */
    private static void requireEnd(Inflater inflater, long limit, int size)
            throws DataFormatException, CorruptException, TooLargeException {
        byte[] one = new byte[1];
        while (!inflater.finished()) {
            if (inflateSome(inflater, one, 0) > 0) {
                if (size >= limit) {
                    throw new TooLargeException(limit + 1);
                }
                throw new CorruptException("compressed value inflates past " + MAX_RATIO + " times its length");
            }
        }
    }
}
