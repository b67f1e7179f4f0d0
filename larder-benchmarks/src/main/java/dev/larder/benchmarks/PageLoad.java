package dev.larder.benchmarks;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page cache under load from {@code wrk -t2 -c50}, side by side in one run and one Jetty
 * server: a cached page hit (local memory, and Redis) against a servlet that writes the same
 * bytes with no Larder in the path, against the uncached view (about 5 ms of CPU per request),
 * and against nginx {@code proxy_cache} in front of that view: requests per second, p99 and
 * bytes allocated per request ({@link Allocations}), each as a ratio to the servlet within a
 * round. Then the heap held per cached page.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.PageLoad [rounds] [seconds]}
 */
public final class PageLoad {
    private static final int HEAP_PAGES = 10_000;
    private static final String LOCMEM = "larder hit, locmem";
    private static final String REFERENCES = "larder hit, locmem, store-references";
    private static final String REDIS = "larder hit, redis";
    private static final String NEAR = "larder hit, redis near cache";
    private static final String SERVLET = "servlet writing the bytes";

    private PageLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("pages");
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder()
                     .cache("default", CacheConfig.builder().backend("locmem").location("pages")
                             .option("max-entries", "100000").build())
                     .cache("references", CacheConfig.builder().backend("locmem").location("page-references")
                             .option("max-entries", "1000").option("store-references", "true").build())
                     .cache("shared", CacheConfig.builder().backend("redis").location(redis.uri()).build())
                     .cache("near", CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("near")
                             .option("near-cache.enabled", "true").build())
                     .build();
             PageServer server = new PageServer(caches.defaultCache(), caches.cache("references"), caches.cache("shared"),
                     caches.cache("near"));
             Nginx nginx = new Nginx(server.port(), "/slow")) {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put(LOCMEM, server.url("/cached/page"));
            urls.put(SERVLET, server.url("/raw"));
            urls.put("uncached view (5 ms)", server.url("/slow"));
            urls.put("nginx proxy_cache", nginx.url("/page"));
            urls.put(REDIS, server.url("/shared/page"));
            urls.put(NEAR, server.url("/near/page"));
            urls.put(REFERENCES, server.url("/references/page"));
            urls.values().forEach(PageLoad::warm);
            // JIT warm-up under the same load (on 2 cores C2 needs about 10 s), so round 1 does not measure the compiler.
            urls.values().forEach(url -> Wrk.run(url, Duration.ofSeconds(Math.min(10, 2 * each.toSeconds()))));
            Map<String, List<Double>> p99 = new LinkedHashMap<>();
            Map<String, List<Double>> allocated = new LinkedHashMap<>();
            List<Load.Variant> variants = new ArrayList<>();
            urls.forEach((name, url) -> variants.add(new Load.Variant(name, () -> {
                long before = Allocations.total();
                Wrk.Result r = Wrk.run(url, each);
                long after = Allocations.total();
                p99.computeIfAbsent(name, k -> new ArrayList<>()).add(r.p99Millis());
                allocated.computeIfAbsent(name, k -> new ArrayList<>()).add((double) (after - before) / r.requests());
                return r.rps();
            })));
            Map<String, double[]> results = Load.rounds(rounds, variants);
            report(report, rounds, each, results, byRound(p99), byRound(allocated));
            heapPerPage(report, server);
        }
    }

    private static void report(Report report, int rounds, Duration each, Map<String, double[]> results,
            Map<String, double[]> p99, Map<String, double[]> allocated) {
        report.line(String.format("Page cache under `wrk -t2 -c%d`, %d rounds of %d s, one Jetty server, %d-byte page:",
                Wrk.CONNECTIONS, rounds, each.toSeconds(), PageServer.PAGE_BYTES));
        report.line("");
        report.line("| comparison | Larder req/s | other req/s | ratio (range) | target |");
        report.line("|---|---|---|---|---|");
        report.ratioRow("locmem hit vs servlet writing the bytes", results, LOCMEM, SERVLET, ">= 0.9x");
        report.ratioRow("locmem hit vs uncached view (5 ms CPU)", results, LOCMEM, "uncached view (5 ms)", ">= 20x");
        report.ratioRow("locmem hit vs nginx proxy_cache", results, LOCMEM, "nginx proxy_cache", "reference");
        report.ratioRow("locmem hit, `store-references=true`, vs servlet writing the bytes", results, REFERENCES,
                SERVLET, "-");
        report.ratioRow("Redis hit vs servlet writing the bytes", results, REDIS, SERVLET, "-");
        report.ratioRow("Redis hit with the near cache vs servlet writing the bytes", results, NEAR, SERVLET, ">= 0.8x");
        report.ratioRow("Redis hit with the near cache vs Redis hit without", results, NEAR, REDIS, "-");
        report.line("");
        report.line("Per path, beside the servlet writing the bytes (each ratio taken within a round; medians, range"
                + " in brackets). Bytes allocated per request: every thread of the server's JVM, over the run, divided"
                + " by the requests wrk completed; nginx answers outside the JVM.");
        report.line("");
        report.line("| path | p99 (ms) | p99 vs servlet | bytes allocated per request | vs servlet | targets |");
        report.line("|---|---|---|---|---|---|");
        for (String path : results.keySet()) {
            double[] p = Load.ratio(p99.get(path), p99.get(SERVLET));
            double[] a = Load.ratio(allocated.get(path), allocated.get(SERVLET));
            boolean hit = path.startsWith("larder hit");
            report.line(String.format("| %s | %.2f | %.2fx (%.2f-%.2f) | %,.0f | %.2fx (%.2f-%.2f) | %s |", path,
                    Load.median(p99.get(path)), p[0], p[1], p[2], Load.median(allocated.get(path)), a[0], a[1], a[2],
                    path.equals(LOCMEM) ? "p99 <= 1.5x, alloc <= 2x" : hit ? "-" : ""));
        }
        report.line("");
    }

    private static Map<String, double[]> byRound(Map<String, List<Double>> values) {
        Map<String, double[]> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** Fills the local cache with distinct pages and divides the heap it grew by by their number. */
    private static void heapPerPage(Report report, PageServer server) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        fetch(client, server.url("/fill/0"));
        long before = usedHeapAfterGc();
        for (int i = 1; i <= HEAP_PAGES; i++) {
            fetch(client, server.url("/fill/" + i));
        }
        long after = usedHeapAfterGc();
        report.line(String.format("Heap held per cached page (%,d pages of %,d bytes in local memory): %,d bytes,"
                + " %.2fx the body.", HEAP_PAGES, PageServer.PAGE_BYTES, (after - before) / HEAP_PAGES,
                (double) (after - before) / HEAP_PAGES / PageServer.PAGE_BYTES));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void warm(String url) {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            fetch(client, url);
        }
    }

    private static void fetch(HttpClient client, String url) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 || r.body().length != PageServer.PAGE_BYTES) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + " with " + r.body().length + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
