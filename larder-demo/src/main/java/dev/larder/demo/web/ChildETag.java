package dev.larder.demo.web;

import dev.larder.demo.web.Views.ChildRow;
import dev.larder.spring.web.ETagFunction;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The ETag of {@code /api/children/{id}}: a digest of what the response shows, read through
 * {@link Reads} (a model cache hit when nothing changed), so it changes with any edit of the
 * child, its parents or their families, and with nothing else. Thread-safe.
 */
@Component
class ChildETag implements ETagFunction {
    private final Reads reads;

    ChildETag(Reads reads) {
        this.reads = reads;
    }

    @Override
    public String etag(HttpServletRequest request, Map<String, String> pathVariables) {
        long id;
        try {
            id = Long.parseLong(pathVariables.get("id"));
        } catch (NumberFormatException e) {
            // No ETag: the handler answers the bad id itself.
            return null;
        }
        ChildRow child = reads.child(id);
        return child == null ? null : "\"" + digest(child.describe()) + "\"";
    }

    private static String digest(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
