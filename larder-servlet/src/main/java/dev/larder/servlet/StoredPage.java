package dev.larder.servlet;

import dev.larder.http.HeaderSource;
import dev.larder.http.PageKeys;
import dev.larder.http.StaleWindows;
import dev.larder.support.ReadOnlyBytes;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A page as the cache holds it: the headers and body of a 200 response, when it was stored,
 * and the request header values it was rendered for.
 *
 * <p>The vary list and the hash of the request's values for it are kept per stored page, not
 * once per URL (RFC 9111 §4.1: a stored response is reused only when the headers it names
 * match). A hit is checked against them, so a page is never served to a request whose
 * varied headers differ, whatever the URL-level header list says at that moment.
 *
 * <p>A page with stale windows (RFC 5861) also carries how long it is fresh and its two
 * windows: it is kept past its freshness, and {@link #phase} says what it may be used for.
 *
 * <p>Encoded as a small versioned binary record, never with Java serialisation, so a writer
 * of the cache cannot make a reader instantiate classes. A page without stale windows is
 * written as {@code LPP1}, byte for byte as before they existed; a page with them as
 * {@code LPP2}, the same record with the freshness after the store time. A reader that knows
 * only {@code LPP1} rejects {@code LPP2} by its leading bytes: a miss, never a page served
 * past its freshness. Bytes that do not decode are rejected with {@link CorruptPageException}.
 *
 * @param freshMillis how long after {@code storedAtMillis} the page is fresh; 0 for an {@code LPP1}
 *     page, which is fresh for as long as the store keeps it
 * @param windows the page's stale windows; {@link StaleWindows#NONE} for an {@code LPP1} page
 */
record StoredPage(long storedAtMillis, long freshMillis, StaleWindows windows, List<String> vary, String varyHash,
        List<Map.Entry<String, String>> headers, ReadOnlyBytes bytes, int bodyOffset, int bodyLength) {

    private static final int MAGIC = 0x4c505031; // "LPP1"
    private static final int MAGIC_STALE = 0x4c505032; // "LPP2": LPP1 with freshness and stale windows
    private static final int MAX_COUNT = 10_000;

    StoredPage {
        vary = List.copyOf(vary);
        headers = List.copyOf(headers);
    }

    /** A page whose body is all of {@code body}. */
    StoredPage(long storedAtMillis, long freshMillis, StaleWindows windows, List<String> vary, String varyHash,
            List<Map.Entry<String, String>> headers, byte[] body) {
        this(storedAtMillis, freshMillis, windows, vary, varyHash, headers, ReadOnlyBytes.wrap(body, 0, body.length),
                0, body.length);
    }

    /** What the page may be used for at {@code nowMillis}: always FRESH without stale windows (the store expires it). */
    StaleWindows.Phase phase(long nowMillis) {
        if (windows.isNone()) {
            return StaleWindows.Phase.FRESH;
        }
        return windows.phase(Instant.ofEpochMilli(storedAtMillis), Duration.ofMillis(freshMillis),
                Instant.ofEpochMilli(nowMillis));
    }

    /** Writes the body; a decoded page's body stays a slice of the cached bytes (one copy less per hit). */
    void writeBody(OutputStream out) throws IOException {
        bytes.writeTo(out, bodyOffset, bodyLength);
    }

    /** Whether the request sends the same values, for every header this page varies on. */
    boolean matches(HeaderSource request) {
        return varyHash.equals(PageKeys.headerHash(vary, request));
    }

    List<String> header(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** Whether the page may stand in for a failed rendering of it at {@code nowMillis} (its stale-if-error window). */
    boolean coversError(long nowMillis) {
        return !windows.isNone() && windows.coversError(Instant.ofEpochMilli(storedAtMillis),
                Duration.ofMillis(freshMillis), Instant.ofEpochMilli(nowMillis));
    }

    byte[] encode() {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(bodyLength + 256);
        try (DataOutputStream out = new DataOutputStream(encoded)) {
            out.writeInt(windows.isNone() ? MAGIC : MAGIC_STALE);
            out.writeLong(storedAtMillis);
            if (!windows.isNone()) {
                out.writeLong(freshMillis);
                out.writeLong(windows.whileRevalidate().toMillis());
                out.writeLong(windows.ifError().toMillis());
            }
            out.writeInt(vary.size());
            for (String name : vary) {
                writeString(out, name);
            }
            writeString(out, varyHash);
            out.writeInt(headers.size());
            for (Map.Entry<String, String> h : headers) {
                writeString(out, h.getKey());
                writeString(out, h.getValue());
            }
            out.writeInt(bodyLength);
            bytes.writeTo(out, bodyOffset, bodyLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return encoded.toByteArray();
    }

    static StoredPage decode(ReadOnlyBytes bytes) {
        Cursor in = new Cursor(bytes);
        try {
            int magic = in.getInt();
            if (magic != MAGIC && magic != MAGIC_STALE) {
                throw new CorruptPageException("not a Larder page (wrong leading bytes)");
            }
            long storedAt = in.getLong();
            long fresh = magic == MAGIC ? 0 : millis(in);
            StaleWindows windows = magic == MAGIC ? StaleWindows.NONE
                    : StaleWindows.of(Duration.ofMillis(millis(in)), Duration.ofMillis(millis(in)));
            List<String> vary = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                vary.add(readString(in));
            }
            String varyHash = readString(in);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                headers.add(Map.entry(readString(in), readString(in)));
            }
            int bodyLength = length(in);
            if (in.remaining() != bodyLength) {
                throw new CorruptPageException((in.remaining() - bodyLength) + " bytes after the body");
            }
            return new StoredPage(storedAt, fresh, windows, vary, varyHash, headers, bytes, in.position(), bodyLength);
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptPageException("truncated (" + bytes.length() + " bytes)");
        }
    }

    /** Reads the page's fields in order. */
    private static final class Cursor {
        private final ReadOnlyBytes bytes;
        private int position;

        Cursor(ReadOnlyBytes bytes) {
            this.bytes = bytes;
        }

        int getInt() {
            int v = bytes.getInt(position);
            position += 4;
            return v;
        }

        long getLong() {
            long v = bytes.getLong(position);
            position += 8;
            return v;
        }

        String string(int n) {
            String s = bytes.toString(position, n, StandardCharsets.UTF_8);
            position += n;
            return s;
        }

        int position() {
            return position;
        }

        int remaining() {
            return bytes.length() - position;
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(Cursor in) {
        return in.string(length(in));
    }

    private static long millis(Cursor in) {
        long n = in.getLong();
        if (n < 0) {
            throw new CorruptPageException("negative duration " + n);
        }
        return n;
    }

    private static int count(Cursor in) {
        int n = in.getInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new CorruptPageException("implausible count " + n);
        }
        return n;
    }

    private static int length(Cursor in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new CorruptPageException("length " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    /** Stored bytes that are not a page Larder wrote: treated as a miss, logged and counted. */
    static final class CorruptPageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptPageException(String message) {
            super("corrupt cached page: " + message);
        }
    }
}
