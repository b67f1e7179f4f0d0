package dev.larder.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fault runner's tables for docs/RELIABILITY.md, and whether every target was met. */
final class FaultReport {
    private FaultReport() {
    }

    /** Prints the tables; true when every fault met every target. */
    static boolean print(List<FaultRun.FaultResult> results, Map<String, Probe.Phase> baselines) {
        Report report = new Report("faults");
        report.line(String.format("Load: `wrk -t1 -c%d`, each connection pausing %d ms between requests, one request"
                + " in 10 to a page never asked before; latencies from a probe client on its own connection. Circuit"
                + " breaker: %s.", FaultRun.CONNECTIONS, FaultRun.PAUSE_MILLIS, breaker()));
        report.line("");
        report.line("| baseline: caching off | requests | p50 ms | p99 ms |");
        report.line("|---|---|---|---|");
        baselines.forEach((name, b) -> report.line(String.format("| %s | %,d | %.2f | %.2f |", name, b.requests(),
                b.p50(), b.p99())));
        report.line("");
        report.line("| fault (held " + FaultRun.HOLD.toSeconds() + " s) | wrk requests | failed | page cache failed open | getOrSet fallbacks"
                + " | p50 / p99 before | p50 / p99 during | p99 added | p50 / p99 after | cached again after | targets |");
        report.line("|---|---|---|---|---|---|---|---|---|---|---|");
        boolean met = true;
        for (FaultRun.FaultResult r : results) {
            List<String> missed = missed(r, baselines.get(r.target()));
            met &= missed.isEmpty();
            report.line(String.format("| %s | %,d | %s | %,d | %,d | %s | %s | %+.2f ms | %s | %s | %s |",
                    r.fault(), r.load().requests(), failed(r), r.pageErrors(), r.fallbacks(), phase(r.before()), phase(r.during()),
                    added(r, baselines.get(r.target())), phase(r.after()), resumed(r.resumed()),
                    missed.isEmpty() ? "met" : "**missed**: " + String.join(", ", missed)));
        }
        report.line("");
        return met;
    }

    private static List<String> missed(FaultRun.FaultResult r, Probe.Phase baseline) {
        List<String> missed = new ArrayList<>();
        if (r.failed() > 0) {
            missed.add("failed requests");
        }
        if (added(r, baseline) >= FaultRun.P99_ADDED.toNanos() / 1e6) {
            missed.add("p99 added >= " + FaultRun.P99_ADDED.toMillis() + " ms");
        }
        if (r.resumed() == null || r.resumed().compareTo(FaultRun.RESUME) > 0) {
            missed.add("caching back > " + FaultRun.RESUME.toSeconds() + " s");
        }
        return missed;
    }

    private static double added(FaultRun.FaultResult r, Probe.Phase baseline) {
        return r.during().p99() - baseline.p99();
    }

    private static String failed(FaultRun.FaultResult r) {
        return String.format("%,d (wrk: %,d non-2xx, socket: %s; probe: %d)", r.failed(), r.load().non2xx(),
                r.load().socketLine(), r.before().failed() + r.during().failed() + r.after().failed());
    }

    private static String phase(Probe.Phase p) {
        return String.format("%.2f / %.2f", p.p50(), p.p99());
    }

    private static String resumed(Duration d) {
        return d == null ? "not within 15 s" : String.format("%.2f s", d.toMillis() / 1000.0);
    }

    /** Whether larder-resilience's breaker is on the class path (it is on by default when it is). */
    private static String breaker() {
        try {
            Class.forName("dev.larder.resilience.CircuitBreakerDecorator");
            return "larder-resilience on the class path (defaults)";
        } catch (ClassNotFoundException e) {
            return "none (larder-resilience not on the class path)";
        }
    }
}
