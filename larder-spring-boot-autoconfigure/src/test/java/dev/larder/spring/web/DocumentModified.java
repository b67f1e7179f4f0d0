package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;

/** A Last-Modified function that is no bean: Larder creates it, autowiring its constructor. */
public class DocumentModified implements LastModifiedFunction {
    /** Not on a whole second: what is compared and sent is the second. */
    static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00.750Z");
    private final Calls calls;

    public DocumentModified(Calls calls) {
        this.calls = calls;
    }

    @Override
    public Instant lastModified(HttpServletRequest request, Map<String, String> pathVariables) {
        calls.count("documents.lastModified");
        return pathVariables.get("id").equals("missing") ? null : MODIFIED;
    }
}
