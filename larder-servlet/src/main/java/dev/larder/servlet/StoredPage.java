package dev.larder.servlet;

import dev.larder.http.Conditional;
import dev.larder.http.ETag;
import dev.larder.http.HeaderSource;
import dev.larder.http.HttpDates;
import dev.larder.http.PageKeys;
import dev.larder.http.StaleWindows;
import dev.larder.support.ReadOnlyBytes;
import jakarta.servlet.http.HttpServletResponse;
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
import java.util.Objects;
import java.util.function.Function;

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
 * past its freshness. Bytes that do not decode are rejected with {@link CorruptPageException};
 * every count and length is checked against the bytes left before it is used.
 *
 * <p>What a hit writes is prepared when the page is made, not per hit: the header lines as
 * stored, which of them a 304 carries, whether a Content-Length is stored, and the ETag and
 * Last-Modified parsed. The body stays a slice of the stored bytes. Only {@code Age} depends
 * on the time; its text is made once per second per page. A page is made when it is stored,
 * and when its bytes are read; on {@code locmem} those are the stored instance, which keeps
 * the page decoded from it ({@link ReadOnlyBytes#decoded}), so its hits decode nothing.
 * Immutable but for that Age text, which any thread may replace with an equal one; thread-safe.
 */
final class StoredPage {
    private static final int MAGIC = 0x4c505031; // "LPP1"
    private static final int MAGIC_STALE = 0x4c505032; // "LPP2": LPP1 with freshness and stale windows
    private static final int MAX_COUNT = 10_000;
    /** The one decoder {@link ReadOnlyBytes#decoded} keeps pages for. */
    static final Function<ReadOnlyBytes, StoredPage> DECODE = StoredPage::decode;

    private final long storedAtMillis;
    private final long freshMillis;
    private final StaleWindows windows;
    private final List<String> vary;
    private final String varyHash;
    private final ReadOnlyBytes bytes;
    private final int bodyOffset;
    private final int bodyLength;
    // Prepared once per page, not per hit: what a hit writes and the validators a 304 is decided on.
    private final String[] names;
    private final String[] values;
    /** Per header: whether a 304 carries it (RFC 9110 §15.4.5). */
    private final boolean[] notModified;
    private final boolean hasContentLength;
    private final ETag etag;
    private final Instant lastModified;
    /** The Age last written, so that hits within one second share its text. */
    private volatile AgeText age = AgeText.NONE;

    private record AgeText(long seconds, String text) {
        static final AgeText NONE = new AgeText(-1, "");
    }

    StoredPage(long storedAtMillis, long freshMillis, StaleWindows windows, List<String> vary, String varyHash,
            List<Map.Entry<String, String>> headers, ReadOnlyBytes bytes, int bodyOffset, int bodyLength) {
        this(storedAtMillis, freshMillis, windows, vary, varyHash, headers.stream().map(Map.Entry::getKey)
                .toArray(String[]::new), headers.stream().map(Map.Entry::getValue).toArray(String[]::new), bytes,
                bodyOffset, bodyLength);
    }

    /** The header lines as two arrays of one length, names and values, which the page then owns. */
    private StoredPage(long storedAtMillis, long freshMillis, StaleWindows windows, List<String> vary,
            String varyHash, String[] names, String[] values, ReadOnlyBytes bytes, int bodyOffset, int bodyLength) {
        this.storedAtMillis = storedAtMillis;
        this.freshMillis = freshMillis;
        this.windows = windows;
        this.vary = List.copyOf(vary);
        this.varyHash = varyHash;
        this.bytes = bytes;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.names = names;
        this.values = values;
        this.notModified = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            notModified[i] = carriedBy304(Objects.requireNonNull(names[i], "name"));
            Objects.requireNonNull(values[i], "value");
        }
        this.hasContentLength = first("Content-Length") != null;
        String tag = first("ETag");
        this.etag = tag == null ? null : ETag.parse(tag).orElse(null);
        String modified = first("Last-Modified");
        this.lastModified = modified == null ? null : HttpDates.parse(modified).orElse(null);
    }

    /** A page whose body is all of {@code body}. */
    StoredPage(long storedAtMillis, long freshMillis, StaleWindows windows, List<String> vary, String varyHash,
            List<Map.Entry<String, String>> headers, byte[] body) {
        this(storedAtMillis, freshMillis, windows, vary, varyHash, headers, ReadOnlyBytes.wrap(body, 0, body.length),
                0, body.length);
    }

    long storedAtMillis() {
        return storedAtMillis;
    }

    /** How long after {@link #storedAtMillis()} the page is fresh; 0 for an {@code LPP1} page (fresh while kept). */
    long freshMillis() {
        return freshMillis;
    }

    /** The page's stale windows; {@link StaleWindows#NONE} for an {@code LPP1} page. */
    StaleWindows windows() {
        return windows;
    }

    /** The stored header lines, in order. */
    List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> lines = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            lines.add(Map.entry(names[i], values[i]));
        }
        return List.copyOf(lines);
    }

    int bodyLength() {
        return bodyLength;
    }

    /** Whether the stored headers hold a Content-Length (a HEAD's, which has no body). */
    boolean hasContentLength() {
        return hasContentLength;
    }

    /** The stored ETag, parsed when the page was made; {@code null} without a valid one. */
    ETag etag() {
        return etag;
    }

    /** The stored Last-Modified, parsed when the page was made; {@code null} without a valid one. */
    Instant lastModified() {
        return lastModified;
    }

    /**
     * Adds the stored headers to {@code response}, as they were stored (no parsing, no
     * formatting); for a 304, only those it carries.
     */
    void addHeaders(HttpServletResponse response, boolean forNotModified) {
        for (int i = 0; i < names.length; i++) {
            if (!forNotModified || notModified[i]) {
                response.addHeader(names[i], values[i]);
            }
        }
    }

    /** The Age header's value at {@code nowMillis} (RFC 9111 §5.1): whole seconds since the page was stored. */
    String ageAt(long nowMillis) {
        long seconds = Math.max(0, (nowMillis - storedAtMillis) / 1000);
        AgeText last = age;
        if (last.seconds() != seconds) {
            last = new AgeText(seconds, Long.toString(seconds));
            age = last;
        }
        return last.text();
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

    private String first(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    private static boolean carriedBy304(String name) {
        for (String kept : Conditional.NOT_MODIFIED_HEADERS) {
            if (kept.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
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
            out.writeInt(names.length);
            for (int i = 0; i < names.length; i++) {
                writeString(out, names[i]);
                writeString(out, values[i]);
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
            int lines = count(in);
            if (lines > in.remaining() / 8) {
                // Each line takes two lengths at least: arrays are sized by what the bytes can hold.
                throw new CorruptPageException(lines + " header lines in " + in.remaining() + " bytes");
            }
            String[] names = new String[lines];
            String[] values = new String[lines];
            for (int i = 0; i < lines; i++) {
                names[i] = readString(in);
                values[i] = readString(in);
            }
            int bodyLength = length(in);
            if (in.remaining() != bodyLength) {
                throw new CorruptPageException((in.remaining() - bodyLength) + " bytes after the body");
            }
            return new StoredPage(storedAt, fresh, windows, vary, varyHash, names, values, bytes, in.position(),
                    bodyLength);
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
