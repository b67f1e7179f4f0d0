package dev.larder.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A client that times each of its requests, on one connection, while wrk keeps the load on:
 * wrk reports one latency distribution for its whole run, and the fault runner needs one per
 * phase (before, during and after a fault). A request fails on a status other than 200, an
 * I/O error, or no answer within wrk's own timeout (2 s).
 */
final class Probe {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String base;

    /** Latencies of one phase, in milliseconds, and the requests that failed. */
    record Phase(int requests, int failed, double p50, double p99) {
    }

    Probe(String base) {
        this.base = base;
    }

    /** Sends GETs to {@code paths} in turn for {@code duration}, and times each. */
    Phase measure(List<String> paths, Duration duration) {
        long[] nanos = new long[1 << 16];
        int n = 0;
        int failed = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end && n < nanos.length) {
            long t0 = System.nanoTime();
            if (get(paths.get(n % paths.size())) == null) {
                failed++;
            }
            nanos[n++] = System.nanoTime() - t0;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Phase(n, failed, Load.percentileMicros(sorted, 0.50) / 1000, Load.percentileMicros(sorted, 0.99) / 1000);
    }

    /**
     * How long after {@code since} (a {@link System#nanoTime}) the cache serves again: asks a
     * path never asked before twice, until the second answer says {@code HIT} in
     * {@link FaultApp#STATUS}; {@code null} if that did not happen within {@code max}.
     */
    Duration untilCached(String prefix, long since, Duration max) throws InterruptedException {
        long deadline = since + max.toNanos();
        while (System.nanoTime() < deadline) {
            String path = prefix + "resume-" + System.nanoTime();
            get(path);
            if ("HIT".equals(get(path))) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** The response's cache status ({@code ""} without one), or {@code null} when the request failed. */
    String get(String path) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.headers().firstValue(FaultApp.STATUS).orElse("") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
