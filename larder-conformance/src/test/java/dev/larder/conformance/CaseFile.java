package dev.larder.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One file of cases: {@code {"suite": "api" | "http", "cases": [...]}}. */
record CaseFile(String path, String suite, JsonNode cases) {
    static final List<String> API_BACKENDS = List.of("locmem", "file", "db", "memcached");

    static List<CaseFile> all(Path root) throws IOException {
        List<CaseFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode document = Outcome.JSON.readTree(p.toFile());
                String suite = document.get("suite").asText();
                if (!suite.equals("api") && !suite.equals("http")) {
                    throw new IllegalArgumentException(p + ": unknown suite '" + suite + "'");
                }
                files.add(new CaseFile(root.relativize(p).toString().replace('\\', '/'), suite, document.get("cases")));
            }
        }
        return files;
    }

    /** The backends a case runs on: its "backends", else all four; the http suite runs once, as "-". */
    List<String> backends(JsonNode testCase) {
        if (!suite.equals("api")) {
            return List.of("-");
        }
        if (!testCase.has("backends")) {
            return API_BACKENDS;
        }
        List<String> named = new ArrayList<>();
        testCase.get("backends").forEach(b -> named.add(b.asText()));
        return named;
    }
}
