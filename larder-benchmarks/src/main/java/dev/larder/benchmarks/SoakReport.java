package dev.larder.benchmarks;

import java.time.Duration;
import java.util.List;

/** The soak's table for docs/RELIABILITY.md: heap after GC per sample, its trend, the errors. */
final class SoakReport {
    private SoakReport() {
    }

    /** Prints the table; true when there was no error and no upward trend. */
    static boolean print(Duration length, Duration every, List<Double> heap, Wrk.Counts counts, List<String> logErrors) {
        Report report = new Report("soak");
        report.line(String.format("The demo app (profile `redis`, `%s`) under `wrk -t1 -c%d` for %d min of mixed load;"
                + " heap after a full GC (`jcmd <pid> GC.class_histogram`: a full GC, then the bytes of the objects that survived it) every %d s:", Soak.HEAP,
                Soak.CONNECTIONS, length.toMinutes(), every.toSeconds()));
        report.line("");
        report.line("| sample | at | heap after GC (MB) |");
        report.line("|---|---|---|");
        for (int i = 0; i < heap.size(); i++) {
            report.line(String.format("| %d | %d s | %.2f |", i + 1, (i + 1) * every.toSeconds(), heap.get(i)));
        }
        report.line("");
        double[] trend = trend(heap.subList(Math.min(1, heap.size()), heap.size()), every);
        boolean upward = trend != null && trend[1] > Soak.TREND_LIMIT;
        long errors = counts.failed() + logErrors.size();
        report.line(String.format("Requests: %,d; errors: %,d (wrk: %,d non-2xx or 3xx, %,d socket (%s); app log: %d lines)."
                        + " Slope of heap after GC over samples 2..%d: %s.", counts.requests(), errors, counts.non2xx(),
                counts.socketErrors(), counts.socketLine(), logErrors.size(), heap.size(), trend == null ? "too few samples for a trend"
                        : String.format("%+.3f MB per minute (%+.1f%% of the mean heap over the run; limit %.0f%%)",
                        trend[0], trend[1] * 100, Soak.TREND_LIMIT * 100)));
        logErrors.stream().limit(5).forEach(l -> report.line("    " + l));
        report.line("");
        boolean met = errors == 0 && !upward;
        report.line(met ? "Targets met: no error, no upward trend." : "**Target missed**: "
                + (errors > 0 ? "errors " : "") + (upward ? "upward trend" : ""));
        return met;
    }

    /**
     * The least-squares slope of {@code values} (one each {@code every}) in MB per minute, and
     * the rise it adds up to over their span as a fraction of their mean; null for fewer than 3.
     */
    static double[] trend(List<Double> values, Duration every) {
        int n = values.size();
        if (n < 3) {
            return null;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        double perSample = num / den;
        double perMinute = perSample * 60.0 / every.toSeconds();
        return new double[] {perMinute, perSample * (n - 1) / meanY};
    }
}
