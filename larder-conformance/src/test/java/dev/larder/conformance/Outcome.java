package dev.larder.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheValueTypeException;
import dev.larder.InvalidCacheKeyException;
import dev.larder.testing.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;

/**
 * One step's outcome, in the runner's JSON shape: {@code {"value": ...}} or
 * {@code {"error": <Django's exception class>, "message": ...}}, plus {@code "warnings"} when
 * Larder logged any. Larder's exceptions are named by the Django exception they stand for, so
 * that the same failure compares equal.
 */
final class Outcome {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Larder's exception → the class Django raises for the same failure. */
    private static final Map<Class<? extends Throwable>, String> DJANGO_NAMES = Map.of(
            CacheKeyNotFoundException.class, "ValueError",
            CacheValueTypeException.class, "TypeError",
            InvalidCacheKeyException.class, "InvalidCacheKey");

    private Outcome() {
    }

    /** Runs {@code call} with Larder's warnings (java.util.logging under {@code dev.larder}) captured. */
    static JsonNode of(Callable<?> call) {
        ObjectNode out = JSON.createObjectNode();
        LogCapture log = LogCapture.under("dev.larder", Level.WARNING);
        try {
            out.set("value", JSON.valueToTree(call.call()));
        } catch (Exception e) {
            out.put("error", DJANGO_NAMES.getOrDefault(e.getClass(), e.getClass().getSimpleName()));
            out.put("message", String.valueOf(e.getMessage()));
        } finally {
            log.close();
        }
        List<String> warnings = log.messages();
        if (!warnings.isEmpty()) {
            out.set("warnings", JSON.valueToTree(warnings));
        }
        return out;
    }
}
