package dev.larder.demo.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like client of the running demo over real HTTP: its own cookie jar (so two clients
 * are two visitors), redirects not followed (a test sees the Post/Redirect/Get).
 */
final class DemoClient {
    private static final Pattern HITS = Pattern.compile("class=\"model-hits\">(\\d+)<");
    private static final Pattern MISSES = Pattern.compile("class=\"model-misses\">(\\d+)<");
    private static final Pattern FRAGMENTS = Pattern.compile("class=\"fragments\">fragments: ([^<]*)<");

    private final String base;
    private final HttpClient http;

    DemoClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    /** A response, with the footer's numbers and the page cache's status header read out. */
    record Page(String path, int status, String body, HttpResponse<String> response) {
        String cacheStatus() {
            return response.headers().firstValue("X-Larder-Cache").orElse("none");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The footer's model-cache hits; fails when the page has no footer counts. */
        long modelHits() {
            return footer(HITS);
        }

        long modelMisses() {
            return footer(MISSES);
        }

        /** The footer's count of cached fragments, as {@code #larderFragments} writes it: {@code "16 hits, 5 misses"}. */
        String fragments() {
            Matcher m = FRAGMENTS.matcher(body);
            if (!m.find()) {
                throw new AssertionError(path + " has no fragment counts: " + body);
            }
            return m.group(1);
        }

        private long footer(Pattern p) {
            Matcher m = p.matcher(body);
            if (!m.find()) {
                throw new AssertionError(path + " has no model-cache footer: " + body);
            }
            return Long.parseLong(m.group(1));
        }

        @Override
        public String toString() {
            return path + " (" + status + ", " + cacheStatus() + ")";
        }
    }

    Page get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(path, b.build());
    }

    /** A form POST; the answer is the redirect (303 or 302), not followed. */
    Page post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(path, request.build());
    }

    private Page send(String path, HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(path, r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + path, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
