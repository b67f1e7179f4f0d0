package dev.larder.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (Debian package wrk) against a URL and reads its requests per second and p99. */
final class Wrk {
    static final int CONNECTIONS = 50;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: .*");

    /** One run's throughput and its 99th-percentile latency in milliseconds. */
    record Result(double rps, double p99Millis) {
    }

    private Wrk() {
    }

    static Result run(String url, Duration duration) {
        try {
            Process p = new ProcessBuilder("wrk", "-t", "2", "-c", Integer.toString(CONNECTIONS),
                    "-d", duration.toSeconds() + "s", "--latency", url).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
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
            if (!rps.find() || !p99.find()) {
                throw new IllegalStateException("unexpected wrk output for " + url + ":\n" + out);
            }
            double perSecond = Double.parseDouble(rps.group(1));
            if (perSecond == 0) {
                throw new IllegalStateException("no request answered by " + url + ":\n" + out);
            }
            return new Result(perSecond, millis(p99.group(1), p99.group(2)));
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
