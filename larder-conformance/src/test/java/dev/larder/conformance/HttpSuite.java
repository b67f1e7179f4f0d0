package dev.larder.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.larder.http.AbsoluteUri;
import dev.larder.http.CacheControl;
import dev.larder.http.CacheHeaders;
import dev.larder.http.Conditional;
import dev.larder.http.ETag;
import dev.larder.http.ETagList;
import dev.larder.http.HeaderSource;
import dev.larder.http.Headers;
import dev.larder.http.HttpDates;
import dev.larder.http.PageKeys;
import dev.larder.http.StoragePolicy;
import dev.larder.http.Vary;
import dev.larder.servlet.FragmentCache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "http" suite on larder-http: each step the larder-http call a {@code django.utils.cache}
 * or {@code django.utils.http} function stands for (see {@code django/http_ops.py} for the ops).
 */
final class HttpSuite {
    ArrayNode run(JsonNode testCase) {
        ArrayNode outcomes = Outcome.JSON.createArrayNode();
        for (JsonNode step : testCase.get("steps")) {
            outcomes.add(Outcome.of(() -> call(step)));
        }
        return outcomes;
    }

    private static String text(JsonNode step, String field) {
        JsonNode v = step.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The response's headers, from the step's "cache_control", "vary" and "expires". */
    private static HeaderSource response(JsonNode step) {
        List<String> pairs = new ArrayList<>();
        for (String[] header : new String[][] {{"Cache-Control", "cache_control"}, {"Vary", "vary"}, {"Expires", "expires"}}) {
            String value = text(step, header[1]);
            if (value != null) {
                pairs.add(header[0]);
                pairs.add(value);
            }
        }
        return Headers.of(pairs.toArray(String[]::new));
    }

    private static HeaderSource request(JsonNode step) {
        return headers(step.path("request"));
    }

    /** A JSON object of header names and values, plus any more name and value pairs. */
    private static Headers headers(JsonNode object, String... more) {
        List<String> pairs = new ArrayList<>();
        object.fields().forEachRemaining(e -> {
            pairs.add(e.getKey());
            pairs.add(e.getValue().asText());
        });
        pairs.addAll(List.of(more));
        return Headers.of(pairs.toArray(String[]::new));
    }

    private static Object call(JsonNode step) {
        String op = step.get("op").asText();
        switch (op) {
            case "patch_cache_control": {
                CacheControl cc = CacheControl.parse(text(step, "cache_control"));
                var args = step.get("args").fields();
                while (args.hasNext()) {
                    var arg = args.next();
                    cc = arg.getValue().isBoolean() && arg.getValue().asBoolean()
                            ? cc.with(arg.getKey()) : cc.with(arg.getKey(), arg.getValue().asText());
                }
                return cc.isEmpty() ? null : cc.toString();
            }
            case "get_max_age": {
                var age = CacheControl.parse(text(step, "cache_control")).maxAge();
                return age.isPresent() ? age.getAsLong() : null;
            }
            case "patch_vary_headers": {
                List<String> added = new ArrayList<>();
                step.get("add").forEach(n -> added.add(n.asText()));
                return Vary.patch(text(step, "vary"), added);
            }
            case "has_vary_header":
                return Vary.has(Vary.parse(text(step, "vary")), text(step, "header"));
            case "patch_response_headers": {
                Instant now = Instant.now();
                return cacheHeaders(step, CacheHeaders.responseHeaders(response(step),
                        Duration.ofSeconds(step.get("timeout").asLong()), now), now, Math.max(0, step.get("timeout").asLong()));
            }
            case "add_never_cache_headers": {
                Instant now = Instant.now();
                return cacheHeaders(step, CacheHeaders.neverCacheHeaders(response(step), now), now, 0);
            }
            case "get_conditional_response": {
                String etag = text(step, "etag");
                Instant modified = step.hasNonNull("last_modified")
                        ? Instant.ofEpochSecond(step.get("last_modified").asLong()) : null;
                Conditional.Outcome outcome = Conditional.evaluate(step.path("method").asText("GET"), request(step),
                        etag == null ? null : ETag.parse(etag).orElseThrow(), modified);
                switch (outcome) {
                    case NOT_MODIFIED:
                        return 304;
                    case PRECONDITION_FAILED:
                        return 412;
                    default:
                        return 200;
                }
            }
            case "parse_etags":
                return ETagList.parse(List.of(text(step, "value")))
                        .map(list -> list.any() ? List.of("*") : list.tags().stream().map(ETag::toString).toList())
                        .orElse(List.of());
            case "quote_etag":
                return ETag.fromUser(text(step, "value")).toString();
            case "http_date":
                return HttpDates.format(Instant.ofEpochSecond(step.get("epoch").asLong()));
            case "parse_http_date_safe":
                return HttpDates.parse(text(step, "value")).map(Instant::getEpochSecond).orElse(null);
            case "make_template_fragment_key": {
                List<Object> varyOn = new ArrayList<>();
                step.path("vary_on").forEach(v -> varyOn.add(Outcome.JSON.convertValue(v, Object.class)));
                return FragmentCache.key(text(step, "name"), varyOn.toArray());
            }
            case "page_keys": {
                String language = text(step, "language");
                String uri = AbsoluteUri.of(step.path("scheme").asText("http"), text(step, "host"), text(step, "target"));
                PageKeys.Url url = new PageKeys(step.path("key_prefix").asText(""))
                        .url(uri, language, text(step, "time_zone"));
                String vary = text(step, "vary");
                List<String> names = PageKeys.learn(vary == null ? List.of() : Vary.parse(vary), url.localized());
                return keyParts(step, url.headerListKey(), url.pageKey(step.path("method").asText("GET"), names, request(step)));
            }
            case "stores": {
                Headers response = step.path("cookie").asBoolean(false)
                        ? headers(step.path("response"), "Set-Cookie", "session=abc; Path=/")
                        : headers(step.path("response"));
                StoragePolicy.Decision decision = StoragePolicy.decide(step.path("method").asText("GET"), request(step),
                        step.path("status").asInt(200), response, false, null,
                        Duration.ofSeconds(600));
                Map<String, Object> stored = new LinkedHashMap<>();
                stored.put("stored", decision.store());
                if (decision.store()) {
                    stored.put("timeout", decision.timeout().getSeconds());
                }
                return stored;
            }
            default:
                throw new IllegalArgumentException("unknown http op '" + op + "'");
        }
    }

    /** The response's Cache-Control, and its Expires: "unchanged", "now + timeout" (to the second), or its value. */
    private static Map<String, Object> cacheHeaders(JsonNode step, Map<String, String> set, Instant now, long timeout) {
        String before = text(step, "expires");
        String expires = set.getOrDefault("Expires", before);
        Object shown = expires;
        if (before != null && before.equals(expires)) {
            shown = "unchanged";
        } else if (expires != null) {
            long left = HttpDates.parse(expires).map(t -> t.getEpochSecond() - now.getEpochSecond()).orElse(Long.MIN_VALUE);
            if (left >= timeout - 1 && left <= timeout) {
                shown = "now + timeout";
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Cache-Control", set.get("Cache-Control"));
        out.put("Expires", shown);
        return out;
    }

    private static final Pattern PAGE_KEY =
            Pattern.compile("^(views\\.decorators\\.cache\\.cache_page\\..*\\.[0-9a-f]{32}\\.)([0-9a-f]{32})(.*)$");

    /** With "part": "header hash", that hash alone; else both keys, the page key's header hash masked. */
    private static Object keyParts(JsonNode step, String headerListKey, String pageKey) {
        Matcher found = PAGE_KEY.matcher(pageKey);
        if (!found.matches()) {
            throw new IllegalStateException("not a page key: " + pageKey);
        }
        if ("header hash".equals(text(step, "part"))) {
            return found.group(2);
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("header list key", headerListKey);
        keys.put("page key", found.group(1) + "<header hash>" + found.group(3));
        return keys;
    }
}
