package dev.larder.benchmarks;

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
import java.util.stream.Collectors;

/** Runs {@code wrk} (Debian package wrk) against a URL and reads its requests per second and p99. */
final class Wrk {
    static final int CONNECTIONS = 50;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: .*");
    private static final Pattern SOCKET_COUNTS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    /** One run's throughput, its 99th-percentile latency in milliseconds, and the requests it completed. */
    record Result(double rps, double p99Millis, long requests) {
    }

    /**
     * What a run that is allowed to see errors counted: requests sent, answers that were not
     * 2xx or 3xx, and socket errors (refused connects, reads and writes that failed, and
     * requests unanswered after wrk's 2 s timeout).
     */
    record Counts(long requests, long non2xx, long socketErrors, String output) {
        long failed() {
            return non2xx + socketErrors;
        }

        /** wrk's own line for the socket errors by kind ({@code connect 0, read 1, ...}), or "none". */
        String socketLine() {
            Matcher m = SOCKET_ERRORS.matcher(output);
            return m.find() ? m.group().substring("Socket errors: ".length()) : "none";
        }
    }

    private Wrk() {
    }

    static Result run(String url, Duration duration) {
        String out = exec(List.of("-t", "2", "-c", Integer.toString(CONNECTIONS), "-d", duration.toSeconds() + "s",
                "--latency", url));
        Matcher errors = NON_2XX.matcher(out);
        if (errors.find()) {
            throw new IllegalStateException(errors.group() + " from " + url + ":\n" + out);
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            // Timed-out or refused requests would otherwise read as a low figure (or 0 req/s).
            throw new IllegalStateException(socket.group() + " from " + url + ":\n" + out);
        }
        Matcher rps = RPS.matcher(out);
        Matcher p99 = P99.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rps.find() || !p99.find() || !requests.find()) {
            throw new IllegalStateException("unexpected wrk output for " + url + ":\n" + out);
        }
        double perSecond = Double.parseDouble(rps.group(1));
        if (perSecond == 0) {
            throw new IllegalStateException("no request answered by " + url + ":\n" + out);
        }
        return new Result(perSecond, millis(p99.group(1), p99.group(2)), Long.parseLong(requests.group(1)));
    }

    /**
     * Starts wrk with a Lua {@code script} (see {@link #script}) for at most {@code duration};
     * {@link Running#stop} ends it early. Its errors are counted, not thrown: the fault and soak
     * harnesses report them.
     */
    static Running start(String baseUrl, Path script, int connections, Duration duration) {
        try {
            Process p = new ProcessBuilder("wrk", "-t", "1", "-c", Integer.toString(connections), "-d",
                    duration.toSeconds() + "s", "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
            return new Running(p, baseUrl);
        } catch (IOException e) {
            throw new IllegalStateException("wrk did not run (apt-get install wrk): " + e.getMessage(), e);
        }
    }

    /** A wrk process under way. */
    static final class Running {
        private final Process process;
        private final String url;

        private Running(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        /** Stops wrk as Ctrl-C would (it then prints its totals so far) and reads its counts. */
        Counts stop() {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                return await();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Waits for wrk to end on its own and reads its counts. */
        Counts await() throws IOException, InterruptedException {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return counts(url, out);
        }
    }

    private static Counts counts(String url, String out) {
        Matcher requests = REQUESTS.matcher(out);
        if (!requests.find()) {
            throw new IllegalStateException("unexpected wrk output for " + url + ":\n" + out);
        }
        Matcher non2xx = NON_2XX.matcher(out);
        Matcher socket = SOCKET_COUNTS.matcher(out);
        long socketErrors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        return new Counts(Long.parseLong(requests.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors, out);
    }

    /**
     * A wrk Lua script that sends GETs to {@code paths} in turn, each connection pausing
     * {@code pauseMillis} between requests (so that the load leaves CPU to measure latency
     * with, rather than saturating two cores), and one request in {@code uniqueEvery} to a
     * path never asked before ({@code <uniquePrefix><n>}, the prefix new for each run), so that
     * the store keeps being written; {@code uniqueEvery} 0 sends none.
     */
    static Path script(List<String> paths, int pauseMillis, String uniquePrefix, int uniqueEvery) {
        String list = paths.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        String lua = """
                local paths = {%s}
                local n = 0
                request = function()
                  n = n + 1
                  if %d > 0 and n %% %d == 0 then
                    return wrk.format("GET", "%s" .. n)
                  end
                  return wrk.format("GET", paths[(n %% #paths) + 1])
                end
                delay = function()
                  return %d
                end
                """.formatted(list, uniqueEvery, Math.max(1, uniqueEvery), uniquePrefix, pauseMillis);
        try {
            Path file = Files.createTempFile("larder-wrk", ".lua");
            file.toFile().deleteOnExit();
            return Files.writeString(file, lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exec(List<String> args) {
        List<String> command = new ArrayList<>(List.of("wrk"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("wrk did not run (apt-get install wrk): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
