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
 * and against nginx {@code proxy_cache} in front of that view. Then the heap held per cached
 * page.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.PageLoad [rounds] [seconds]}
 */
public final class PageLoad {
    private static final int HEAP_PAGES = 10_000;

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
                     .build();
             PageServer server = new PageServer(caches.defaultCache(), caches.cache("references"), caches.cache("shared"));
             Nginx nginx = new Nginx(server.port(), "/slow")) {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("larder hit, locmem", server.url("/cached/page"));
            urls.put("servlet writing the bytes", server.url("/raw"));
            urls.put("uncached view (5 ms)", server.url("/slow"));
            urls.put("nginx proxy_cache", nginx.url("/page"));
            urls.put("larder hit, redis", server.url("/shared/page"));
            urls.put("larder hit, locmem, store-references", server.url("/references/page"));
            urls.values().forEach(PageLoad::warm);
            // JIT warm-up under the same load (on 2 cores C2 needs about 10 s), so round 1 does not measure the compiler.
            urls.values().forEach(url -> Wrk.run(url, Duration.ofSeconds(Math.min(10, 2 * each.toSeconds()))));
            Map<String, List<Double>> p99 = new LinkedHashMap<>();
            List<Load.Variant> variants = new ArrayList<>();
            urls.forEach((name, url) -> variants.add(new Load.Variant(name, () -> {
                Wrk.Result r = Wrk.run(url, each);
                p99.computeIfAbsent(name, k -> new ArrayList<>()).add(r.p99Millis());
                return r.rps();
            })));
            Map<String, double[]> results = Load.rounds(rounds, variants);
            report(report, rounds, each, results, p99);
            heapPerPage(report, server);
        }
    }

    private static void report(Report report, int rounds, Duration each, Map<String, double[]> results,
            Map<String, List<Double>> p99) {
        report.line(String.format("Page cache under `wrk -t2 -c%d`, %d rounds of %d s, one Jetty server, %d-byte page:",
                Wrk.CONNECTIONS, rounds, each.toSeconds(), PageServer.PAGE_BYTES));
        report.line("");
        report.line("| comparison | Larder req/s | other req/s | ratio (range) | target |");
        report.line("|---|---|---|---|---|");
        report.ratioRow("locmem hit vs servlet writing the bytes", results, "larder hit, locmem",
                "servlet writing the bytes", ">= 0.8x");
        report.ratioRow("locmem hit vs uncached view (5 ms CPU)", results, "larder hit, locmem",
                "uncached view (5 ms)", ">= 20x");
        report.ratioRow("locmem hit vs nginx proxy_cache", results, "larder hit, locmem", "nginx proxy_cache",
                "reference");
        report.ratioRow("locmem hit, `store-references=true`, vs servlet writing the bytes", results,
                "larder hit, locmem, store-references", "servlet writing the bytes", "-");
        report.ratioRow("Redis hit vs servlet writing the bytes", results, "larder hit, redis",
                "servlet writing the bytes", "-");
        report.line("");
        report.line("| path | p99 latency, median of rounds (ms) |");
        report.line("|---|---|");
        p99.forEach((name, values) -> report.line(String.format("| %s | %.2f |", name,
                Load.median(values.stream().mapToDouble(Double::doubleValue).toArray()))));
        report.line("");
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
