package dev.larder.benchmarks;

import dev.larder.testkit.servers.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak: the demo app (profile {@code redis}, on a {@code redis-server} of its own) under
 * {@code wrk} for {@code --minutes} (10 by default) of mixed load: the JSON API, the
 * page-cached pages, the model-cached pages, and one parent rename in 200 requests (an
 * invalidation). Each {@code --every} seconds (60) the app's heap after a full GC
 * ({@code jcmd <pid> GC.class_histogram}: a full GC, then the bytes that survived it). Fails (exit 1) on any error (wrk's
 * non-2xx and socket errors, an exception or {@code ERROR} in the app's log) or an upward
 * trend: a least-squares slope over samples 2..N that adds up to more than
 * {@link #TREND_LIMIT} of the mean heap over the run.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.Soak [--minutes N] [--every S]}
 */
public final class Soak {
    static final double TREND_LIMIT = 0.05;
    static final int CONNECTIONS = 16;
    static final String HEAP = "-Xmx512m";
    /** The last line of {@code GC.class_histogram}: {@code Total <instances> <bytes>}. */
    private static final Pattern TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(longArg(args, "--minutes", 10));
        Duration every = Duration.ofSeconds(longArg(args, "--every", 60));
        Path dir = Path.of(System.getProperty("larder.results", "larder-benchmarks/target/results"));
        Files.createDirectories(dir);
        Path log = dir.resolve("soak-demo.log");
        List<Double> heap = new ArrayList<>();
        Wrk.Counts counts;
        List<String> logErrors;
        try (RedisServer redis = RedisServer.start();
             DemoApp app = new DemoApp("redis", List.of(HEAP), redis.uri(), "", log, "/children/1")) {
            Wrk.Running load = Wrk.start(app.base(), script(), CONNECTIONS, length.plusMinutes(1));
            try {
                long start = System.nanoTime();
                for (int i = 1; i <= length.dividedBy(every); i++) {
                    Thread.sleep(Math.max(0, (start + every.toNanos() * i - System.nanoTime()) / 1_000_000));
                    heap.add(heapAfterGcMb(app.pid()));
                    System.err.printf("  sample %d: %.2f MB after GC%n", i, heap.get(heap.size() - 1));
                }
            } finally {
                counts = load.stop();
            }
            logErrors = errors(app.log());
        }
        boolean met = SoakReport.print(length, every, heap, counts, logErrors);
        System.exit(met ? 0 : 1);
    }

    /**
     * The bytes of live objects in process {@code pid}, in MB: {@code jcmd <pid> GC.class_histogram}
     * runs a full GC and then sums what survived, to the byte (the heap's "used" read a moment
     * after a GC already holds what the load allocated since).
     */
    static double heapAfterGcMb(long pid) {
        Matcher total = TOTAL.matcher(jcmd(pid, "GC.class_histogram"));
        if (!total.find()) {
            throw new IllegalStateException("no total in jcmd " + pid + " GC.class_histogram");
        }
        return Long.parseLong(total.group(1)) / (1024.0 * 1024.0);
    }

    private static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The app log's lines that tell of an exception or an error. */
    private static List<String> errors(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Exception") || l.contains(" ERROR ")).toList();
    }

    /**
     * The mix, by weight: the JSON API ({@code /api/children/1..20}), the page-cached pages
     * ({@code /about}, {@code /clock}, {@code /report}, {@code /hello}), the model-cached pages
     * (the list, each child, parent and family), and every 200th request a rename of parent 1
     * back and forth, so that invalidation runs all along.
     */
    static Path script() {
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            paths.add("/api/children/" + i);
            paths.add("/children/" + i);
        }
        for (int i = 0; i < 5; i++) {
            paths.addAll(List.of("/about", "/clock", "/report", "/hello"));
        }
        for (int i = 1; i <= 8; i++) {
            paths.add("/parents/" + i);
        }
        paths.addAll(List.of("/", "/children", "/families/1", "/families/2", "/families/3"));
        String list = String.join(", ", paths.stream().map(p -> "\"" + p + "\"").toList());
        String lua = """
                local paths = {%s}
                local n = 0
                request = function()
                  n = n + 1
                  if n %% 200 == 0 then
                    local name = (n %% 400 == 0) and "Ada+Lovelace" or "Ada+King+Lovelace"
                    return wrk.format("POST", "/parents/1/rename",
                      {["Content-Type"] = "application/x-www-form-urlencoded"}, "name=" .. name)
                  end
                  return wrk.format("GET", paths[(n %% #paths) + 1])
                end
                """.formatted(list);
        try {
            Path file = Files.createTempFile("larder-soak", ".lua");
            file.toFile().deleteOnExit();
            return Files.writeString(file, lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long longArg(String[] args, String name, long fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                long value = Long.parseLong(args[i + 1]);
                if (value <= 0) {
                    throw new IllegalArgumentException(name + " must be positive, not " + value);
                }
                return value;
            }
        }
        return fallback;
    }
}
