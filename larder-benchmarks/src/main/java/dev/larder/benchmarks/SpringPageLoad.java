package dev.larder.benchmarks;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
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
 * A Spring MVC {@code @CachePage} hit under {@code wrk -t2 -c50}, against the same controller
 * method uncached (about 5 ms of CPU a page), rounds alternating, in one run.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.SpringPageLoad [rounds] [seconds]}
 */
public final class SpringPageLoad {
    private SpringPageLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("spring-pages");
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("locmem")
                .location("spring-pages").option("max-entries", "1000").build()).build();
             SpringPageServer server = new SpringPageServer(caches.defaultCache())) {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("@CachePage hit, locmem", server.url("/cached"));
            urls.put("same controller, uncached", server.url("/uncached"));
            for (String url : urls.values()) {
                check(url);
                Wrk.run(url, Duration.ofSeconds(Math.min(10, 2 * each.toSeconds())));
            }
            List<Load.Variant> variants = new ArrayList<>();
            urls.forEach((name, url) -> variants.add(new Load.Variant(name, () -> Wrk.run(url, each).rps())));
            Map<String, double[]> results = Load.rounds(rounds, variants);
            report.line(String.format("Spring MVC under `wrk -t2 -c%d`, %d rounds of %d s, Jetty, %d-byte page:",
                    Wrk.CONNECTIONS, rounds, each.toSeconds(), PageServer.PAGE_BYTES));
            report.line("");
            report.line("| comparison | Larder req/s | other req/s | ratio (range) | target |");
            report.line("|---|---|---|---|---|");
            report.ratioRow("@CachePage hit vs the same controller uncached (5 ms CPU)", results, "@CachePage hit, locmem",
                    "same controller, uncached", "-");
            report.line("");
        }
    }

    /** The cached URL must answer the page, and from the cache on the second request. */
    private static void check(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 || r.body().length != PageServer.PAGE_BYTES) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + " with " + r.body().length + " bytes");
            }
        }
    }
}
