package dev.larder.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Markdown lines for docs/BENCHMARKS.md, printed and appended to a results file. */
final class Report {
    private final Path file;

    Report(String name) {
        Path dir = Path.of(System.getProperty("larder.results", "larder-benchmarks/target/results"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.file = dir.resolve(name + ".md");
        write(file, "", false);
    }

    void line(String text) {
        System.out.println(text);
        write(file, text + "\n", true);
    }

    /** A table row comparing Larder with an alternative: median ratio and range over the rounds. */
    void ratioRow(String what, Map<String, double[]> results, String larder, String other, String target) {
        double[] r = Load.ratio(results.get(larder), results.get(other));
        line(String.format("| %s | %,.0f | %,.0f | **%.2fx** (%.2f-%.2f) | %s |", what, Load.median(results.get(larder)),
                Load.median(results.get(other)), r[0], r[1], r[2], target));
    }

    private static void write(Path file, String text, boolean append) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, append
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
