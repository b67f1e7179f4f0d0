package dev.larder.file;

import java.io.ByteArrayOutputStream;
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

    /** Thrown for bytes that are not a whole cache file: truncated, foreign, or damaged. */
    static final class CorruptException extends Exception {
        CorruptException(String message) {
            super(message);
        }
    }

    private EntryFile() {
    }

    static byte[] encode(byte[] value, long expiresAt) {
        byte flags = 0;
        byte[] body = value;
        if (value.length > COMPRESS_ABOVE) {
            byte[] deflated = deflate(value);
            if (deflated.length < value.length) {
                body = deflated;
                flags = DEFLATED;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
        out.put(MAGIC).put(FORMAT).put(flags).putLong(expiresAt).putInt(body.length).putInt(crc(body, 0, body.length))
                .put(body);
        return out.array();
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

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 16);
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] input, long limit) throws CorruptException, TooLargeException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, input.length * 3L));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new CorruptException("compressed value is truncated");
                }
                if (out.size() + (long) n > limit) {
                    throw new TooLargeException(limit + 1);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new CorruptException("compressed value is damaged: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
