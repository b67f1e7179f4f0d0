package dev.larder.servlet;

import dev.larder.http.StaleWindows;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Holds back a response body so a filter can look at it, change headers and decide about it
 * after the view has run, then send it.
 *
 * <p>Headers, status and cookies go straight to the wrapped response; the container does not
 * commit them while no body byte has reached it. The body, through {@link #getOutputStream()}
 * or {@link #getWriter()}, is buffered up to a limit. What cannot be held back is passed
 * through and marked {@linkplain #streamed() streamed} (never cached): a body over the limit,
 * {@link #flushBuffer()}, {@link #sendError}, {@link #sendRedirect}, non-blocking output and
 * async processing ({@link #passThrough()}). Before the first byte is passed through, the
 * {@code beforeCommit} action runs, so header filters still get to patch headers. Held bytes
 * go out on the channel the view chose (the container's writer for a view that used a
 * writer). {@code flush()} on the stream or the writer does not commit: many views call it at
 * the end of rendering.
 *
 * <p>Writes and the switch to passing through are serialised on one lock, because an async
 * view writes from its own thread while the filter's thread lets go of the response.
 */
final class CapturedResponse extends HttpServletResponseWrapper {
    private final int limit;
    private final Runnable beforeCommit;
    private final List<Map.Entry<String, String>> preexisting;
    private final Object lock = new Object();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final CaptureStream stream = new CaptureStream();
    private volatile PrintWriter writer;
    private Charset charset;
    private boolean streamUsed;
    private volatile boolean passingThrough;
    private boolean committedHeaders;
    private boolean setsCookie;
    /** Whether an error the view sends may be replaced by a stale page: then it is held back, not sent. */
    private final BooleanSupplier holdErrors;
    private volatile int heldError;
    private String heldMessage;

    CapturedResponse(HttpServletResponse response, int limit, Runnable beforeCommit) {
        this(response, limit, beforeCommit, () -> false);
    }

    /**
     * @param holdErrors asked when the view sends a 500, 502, 503 or 504 with {@code sendError}:
     *     true holds it back (the container does not send it or dispatch to an error page), so
     *     the filter can answer with a stale page instead or {@linkplain #releaseHeldError send it}
     */
    CapturedResponse(HttpServletResponse response, int limit, Runnable beforeCommit, BooleanSupplier holdErrors) {
        super(response);
        this.limit = limit;
        this.beforeCommit = beforeCommit;
        this.preexisting = headers(response);
        this.holdErrors = holdErrors;
    }

    /** Whether the rendering failed as RFC 5861 §4 means it: a 500, 502, 503 or 504, set or sent. */
    boolean failed() {
        return StaleWindows.isError(getStatus());
    }

    /** Sends the error the view sent and this response held back, if any. */
    void releaseHeldError() throws IOException {
        int status;
        String message;
        synchronized (lock) {
            status = heldError;
            message = heldMessage;
            heldError = 0;
        }
        if (status != 0) {
            abandon();
            if (message == null) {
                super.sendError(status);
            } else {
                super.sendError(status, message);
            }
        }
    }

    @Override
    public int getStatus() {
        int held = heldError;
        return held != 0 ? held : super.getStatus();
    }

    /** True once any part of the response went out before the filter finished with it. */
    boolean streamed() {
        flushWriter();
        return passingThrough;
    }

    /**
     * Whether part of the response went out already, without flushing what the view's writer
     * still holds: for a failed rendering, whose pending text must not be pushed out (past the
     * buffer's limit, it would be) before a stale page stands in for it.
     */
    boolean passedThrough() {
        return passingThrough;
    }

    /** True when a cookie was added through {@link #addCookie}. */
    boolean setsCookie() {
        return setsCookie;
    }

    /** The headers the response had before this wrapper saw it: set by filters further out, not by the page. */
    List<Map.Entry<String, String>> preexisting() {
        return preexisting;
    }

    @Override
    public void addCookie(Cookie cookie) {
        setsCookie = true;
        super.addCookie(cookie);
    }

    /** The body held back so far; empty once {@linkplain #streamed() streamed}. */
    byte[] body() {
        flushWriter();
        synchronized (lock) {
            return passingThrough ? new byte[0] : buffer.toByteArray();
        }
    }

    /**
     * Sends what was held back (headers first, through {@code beforeCommit}), unless it went
     * out already. {@code body} replaces the captured body; {@code null} sends none (a 304).
     */
    void send(byte[] body) throws IOException {
        flushWriter();
        synchronized (lock) {
            if (passingThrough) {
                return;
            }
            runBeforeCommit();
            if (body != null && body.length > 0) {
                if (!containsHeader("Content-Length")) {
                    super.setContentLength(body.length);
                }
                sendOn(body, 0, body.length);
            }
        }
    }

    /** Sends the captured body. */
    void send() throws IOException {
        send(body());
    }

    /** Stops holding back: what was captured goes out now, and the rest as it is written. */
    void passThrough() throws IOException {
        flushWriter();
        spill();
    }

    /** Runs the header patching hook once; the first commit of any kind calls it. */
    void runBeforeCommit() {
        synchronized (lock) {
            if (!committedHeaders) {
                committedHeaders = true;
                beforeCommit.run();
            }
        }
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        streamUsed = true;
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (streamUsed) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        if (writer == null) {
            // Servlet 6 §5.6: the writer's charset is fixed when it is obtained; setting it on
            // the wrapped response puts it in Content-Type, as the container's own writer would.
            String encoding = getCharacterEncoding();
            charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            super.setCharacterEncoding(charset.name());
            writer = new CaptureWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    /** After {@link #getWriter()} the charset no longer changes (Servlet 6 §5.6); the type still may. */
    @Override
    public void setContentType(String type) {
        super.setContentType(type);
        keepWriterCharset();
    }

    @Override
    public void setCharacterEncoding(String encoding) {
        if (writer == null) {
            super.setCharacterEncoding(encoding);
        }
    }

    @Override
    public void setLocale(Locale locale) {
        super.setLocale(locale);
        keepWriterCharset();
    }

    private void keepWriterCharset() {
        if (writer != null && !passingThrough) {
            super.setCharacterEncoding(charset.name());
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        passThrough();
        super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
        flushWriter();
        synchronized (lock) {
            if (!passingThrough) {
                buffer.reset();
            }
        }
        super.resetBuffer();
    }

    /** Servlet 6: also forgets whether the writer or the stream was used. */
    @Override
    public void reset() {
        synchronized (lock) {
            if (!passingThrough) {
                buffer.reset();
                writer = null;
                charset = null;
                streamUsed = false;
            }
        }
        super.reset();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (hold(sc, msg)) {
            return;
        }
        abandon();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        if (hold(sc, null)) {
            return;
        }
        abandon();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        abandon();
        super.sendRedirect(location);
    }

    @Override
    public boolean isCommitted() {
        return passingThrough && super.isCommitted();
    }

    private boolean hold(int status, String message) {
        synchronized (lock) {
            if (passingThrough || !StaleWindows.isError(status) || !holdErrors.getAsBoolean()) {
                return false;
            }
            heldError = status;
            heldMessage = message;
            return true;
        }
    }

    /** The container writes the body of an error or redirect itself; drop ours. */
    private void abandon() {
        synchronized (lock) {
            buffer.reset();
            runBeforeCommit();
            passingThrough = true;
        }
    }

    /** Moves what the writer's encoder holds into the capture; never called holding {@link #lock}. */
    private void flushWriter() {
        PrintWriter w = writer;
        if (w != null) {
            w.flush();
        }
    }

    /** Sends what is held, headers first, and switches to passing writes through. */
    private void spill() throws IOException {
        synchronized (lock) {
            if (passingThrough) {
                return;
            }
            runBeforeCommit();
            byte[] held = buffer.toByteArray();
            buffer.reset();
            if (held.length > 0) {
                sendOn(held, 0, held.length);
            }
            passingThrough = true;
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        synchronized (lock) {
            if (!passingThrough && buffer.size() + len > limit) {
                spill(); // before copying a large write into the buffer only to send it on
            }
            if (passingThrough) {
                sendOn(b, off, len);
            } else {
                buffer.write(b, off, len);
            }
        }
    }

    /**
     * Sends bytes on the channel the view chose: a view that used the writer gets the
     * container's writer, so the container response never ends up in output-stream mode while
     * the view (say, from an async thread holding the unwrapped response) still writes text to
     * it (Servlet 6 §5.5). The bytes are whole characters: the encoder only emits those.
     */
    private void sendOn(byte[] b, int off, int len) throws IOException {
        if (writer != null) {
            super.getWriter().write(new String(b, off, len, charset));
        } else {
            super.getOutputStream().write(b, off, len);
        }
    }

    private static List<Map.Entry<String, String>> headers(HttpServletResponse response) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            for (String value : response.getHeaders(name)) {
                out.add(Map.entry(name, value));
            }
        }
        return out;
    }

    private final class CaptureStream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            CapturedResponse.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CapturedResponse.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (passingThrough && writer != null) {
                CapturedResponse.super.getWriter().flush();
            } else if (passingThrough) {
                CapturedResponse.super.getOutputStream().flush();
            }
        }

        @Override
        public boolean isReady() {
            return !passingThrough || realStream().isReady();
        }

        /** Non-blocking output cannot be held back: it goes out as written, uncached. */
        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                passThrough();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            realStream().setWriteListener(listener);
        }

        private ServletOutputStream realStream() {
            try {
                return CapturedResponse.super.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Once passing through (async views), every write goes out at once: nothing stays in the encoder. */
    private final class CaptureWriter extends PrintWriter {
        CaptureWriter(OutputStreamWriter out) {
            super(out);
        }

        @Override
        public void write(int c) {
            super.write(c);
            flushIfPassingThrough();
        }

        @Override
        public void write(char[] buf, int off, int len) {
            super.write(buf, off, len);
            flushIfPassingThrough();
        }

        @Override
        public void write(String s, int off, int len) {
            super.write(s, off, len);
            flushIfPassingThrough();
        }

        private void flushIfPassingThrough() {
            if (passingThrough) {
                flush();
            }
        }
    }
}
