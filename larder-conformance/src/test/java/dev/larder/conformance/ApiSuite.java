package dev.larder.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "api" suite on Larder: each case on a fresh cache of the backend named, configured from
 * the case's Django settings, each step the Larder call Django's names stand for (see
 * {@code django/api_ops.py} for the case format).
 */
final class ApiSuite {
    private final Path work;
    private final String memcached;
    private int fresh;

    ApiSuite(Path work, String memcached) {
        this.work = work;
        this.memcached = memcached;
    }

    ArrayNode run(JsonNode testCase, String backend) {
        ArrayNode outcomes = Outcome.JSON.createArrayNode();
        CacheRegistry registry;
        try {
            registry = CacheRegistry.builder().cache("default", config(testCase.path("settings"), backend)).build();
        } catch (RuntimeException e) {
            // A setting Larder refuses: every step has the registry's failure as its outcome.
            JsonNode refused = Outcome.of(() -> {
                throw e;
            });
            testCase.get("steps").forEach(step -> outcomes.add(refused));
            return outcomes;
        }
        try (registry) {
            Cache cache = registry.defaultCache();
            if (backend.equals("memcached")) {
                cache.clear();
            }
            for (JsonNode step : testCase.get("steps")) {
                outcomes.add(Outcome.of(() -> call(cache, step)));
            }
        }
        return outcomes;
    }

    private CacheConfig config(JsonNode settings, String backend) {
        CacheConfig.Builder config = CacheConfig.builder();
        int n = ++fresh;
        switch (backend) {
            case "locmem":
                config.backend("locmem").location("conformance-" + n);
                break;
            case "file":
                config.backend("file").location(work.resolve("files-" + n).toString());
                break;
            case "db":
                config.backend("jdbc").location("larder_conformance")
                        .option("url", "jdbc:sqlite:" + work.resolve("cache-" + n + ".db")).option("create-table", "true");
                break;
            case "memcached":
                config.backend("memcached").location(memcached);
                break;
            default:
                throw new IllegalArgumentException("unknown backend " + backend);
        }
        if (settings.has("TIMEOUT")) {
            config.timeout(timeout(settings.get("TIMEOUT")));
        }
        if (settings.has("KEY_PREFIX")) {
            config.keyPrefix(settings.get("KEY_PREFIX").asText());
        }
        if (settings.has("VERSION")) {
            config.version(settings.get("VERSION").asInt());
        }
        JsonNode options = settings.path("OPTIONS");
        if (options.has("MAX_ENTRIES")) {
            config.option("max-entries", options.get("MAX_ENTRIES").asText());
        }
        if (options.has("CULL_FREQUENCY")) {
            config.option("cull-frequency", options.get("CULL_FREQUENCY").asText());
        }
        return config.build();
    }

    /** Django's timeout argument: a number of seconds, or null for None (never expire). */
    private static Timeout timeout(JsonNode value) {
        if (value.isNull()) {
            return Timeout.NEVER;
        }
        return Timeout.ofMillis(Math.round(value.asDouble() * 1000));
    }

    private static Timeout timeoutOf(JsonNode step) {
        return step.has("timeout") ? timeout(step.get("timeout")) : Timeout.DEFAULT;
    }

    private static Object value(JsonNode node) {
        return Outcome.JSON.convertValue(node, Object.class);
    }

    private static List<String> keys(JsonNode step) {
        List<String> keys = new ArrayList<>();
        step.get("keys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    private static Object call(Cache base, JsonNode step) throws InterruptedException {
        Cache cache = step.hasNonNull("version") ? base.version(step.get("version").asInt()) : base;
        String op = step.get("op").asText();
        String key = step.has("key") ? step.get("key").asText() : null;
        switch (op) {
            case "set":
                cache.set(key, value(step.get("value")), timeoutOf(step));
                return null;
            case "add":
                return cache.add(key, value(step.get("value")), timeoutOf(step));
            case "get":
                return step.has("default") ? cache.getOrDefault(key, value(step.get("default"))) : cache.get(key);
            case "get_or_set":
                Object loaded = value(step.get("default"));
                return cache.getOrSet(key, () -> loaded, timeoutOf(step));
            case "get_many":
                return cache.getMany(keys(step));
            case "set_many":
                Map<String, Object> data = new LinkedHashMap<>();
                step.get("data").fields().forEachRemaining(e -> data.put(e.getKey(), value(e.getValue())));
                return cache.setMany(data, timeoutOf(step));
            case "delete":
                return cache.delete(key);
            case "delete_many":
                cache.deleteMany(keys(step));
                return null;
            case "clear":
                cache.clear();
                return null;
            case "close":
                cache.close();
                return null;
            case "touch":
                return cache.touch(key, timeoutOf(step));
            case "incr":
                return cache.incr(key, step.path("delta").asLong(1));
            case "decr":
                return cache.decr(key, step.path("delta").asLong(1));
            case "has_key":
                return cache.hasKey(key);
            case "incr_version":
                return cache.incrVersion(key, step.path("delta").asInt(1));
            case "decr_version":
                return cache.decrVersion(key, step.path("delta").asInt(1));
            case "set_text_of_size":
                cache.set(key, "x".repeat(step.get("size").asInt()), timeoutOf(step));
                return null;
            case "set_range":
                for (int n = step.get("from").asInt(); n <= step.get("to").asInt(); n++) {
                    cache.set(step.get("prefix").asText() + n, n, timeoutOf(step));
                }
                return null;
            case "present":
                List<Boolean> present = new ArrayList<>();
                for (String k : keys(step)) {
                    present.add(cache.hasKey(k));
                }
                return present;
            case "count_present":
                return keys(step).stream().filter(cache::hasKey).count();
            case "sleep":
                Thread.sleep(Math.round(step.get("seconds").asDouble() * 1000));
                return null;
            default:
                throw new IllegalArgumentException("unknown api op '" + op + "'");
        }
    }
}
