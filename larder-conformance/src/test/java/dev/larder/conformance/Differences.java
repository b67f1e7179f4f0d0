package dev.larder.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the README's "Differences from Django" table: the one place a deliberate
 * difference is allowed. A case that differs names its row by a phrase the row contains.
 */
final class Differences {
    static final String HEADING = "### Differences from Django";

    private final List<String> rows;

    private Differences(List<String> rows) {
        this.rows = rows;
    }

    static Differences read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no '" + HEADING + "' section");
        }
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String line = lines.get(i);
            if (line.startsWith("|")) {
                if (inTable && !line.startsWith("|---")) {
                    rows.add(line);
                }
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(readme + ": the '" + HEADING + "' section has no table rows");
        }
        return new Differences(List.copyOf(rows));
    }

    /**
     * The one row that contains {@code phrase}; an error that says what is wrong if none or
     * several do.
     */
    String row(String phrase) {
        List<String> matches = rows.stream().filter(r -> r.contains(phrase)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("a case names the difference '" + phrase + "', but " + matches.size()
                    + " rows of the README's \"Differences from Django\" table contain that phrase (it must be exactly one)");
        }
        return matches.get(0);
    }

    List<String> rows() {
        return rows;
    }
}
