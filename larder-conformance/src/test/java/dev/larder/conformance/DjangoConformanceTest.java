package dev.larder.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential suite: every case under {@code cases/} runs through Django 3.2 (the
 * {@code django/runner.py} runner under Debian's Python) and through Larder, and each step's
 * outcome must be the same, unless the case names a row of the README's "Differences from
 * Django" table. A listed difference that no longer differs fails too, so the table stays true.
 */
@ExtendWith(LarderServers.class)
class DjangoConformanceTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path CASES = MODULE.resolve("cases");

    @TestFactory
    Stream<DynamicTest> everyCase_doesWhatDjangoDoes_orNamesItsRowOfTheTable(MemcachedServers memcached,
            @TempDir Path work) throws Exception {
        Differences table = Differences.read(MODULE.resolve("../README.md"));
        String memcachedLocation = "127.0.0.1:" + memcached.port(0);
        Path djangoWork = Files.createDirectories(work.resolve("django"));
        JsonNode django = DjangoRun.run(MODULE, CASES, djangoWork, memcachedLocation);
        ApiSuite api = new ApiSuite(Files.createDirectories(work.resolve("larder")), memcachedLocation);
        HttpSuite http = new HttpSuite();

        List<DynamicTest> tests = new ArrayList<>();
        TreeSet<String> ran = new TreeSet<>();
        for (CaseFile file : CaseFile.all(CASES)) {
            for (JsonNode testCase : file.cases()) {
                for (String backend : file.backends(testCase)) {
                    String id = file.path() + "#" + testCase.get("name").asText() + "#" + backend;
                    if (!ran.add(id)) {
                        throw new IllegalArgumentException(file.path() + " has two cases named '"
                                + testCase.get("name").asText() + "'; each name must be unique in its file");
                    }
                    tests.add(DynamicTest.dynamicTest(id, () -> {
                        JsonNode expected = django.get(id);
                        assertThat(expected).as("Django's outcome of %s", id).isNotNull();
                        ArrayNode actual = file.suite().equals("api") ? api.run(testCase, backend) : http.run(testCase);
                        compare(id, testCase, backend, expected, actual, table);
                    }));
                }
            }
        }
        tests.add(DynamicTest.dynamicTest("Django and Larder ran the same cases", () -> {
            TreeSet<String> djangoRan = new TreeSet<>();
            django.fieldNames().forEachRemaining(djangoRan::add);
            assertThat(djangoRan).isEqualTo(ran);
        }));
        return tests.stream();
    }

    /**
     * Compares step by step. A step whose outcomes differ must carry a {@code differs} naming
     * one table row (for this backend, or {@code "*"}); a {@code differs} over outcomes that
     * agree is an error too. Listings are per step, so a listed difference never hides another
     * step of the same case.
     */
    static void compare(String id, JsonNode testCase, String backend, JsonNode expected, ArrayNode actual,
            Differences table) {
        if (testCase.has("differs")) {
            throw new AssertionError(id + ": list a difference on the steps that differ, not on the whole case");
        }
        JsonNode steps = testCase.get("steps");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode want = comparable(expected.get(i));
            JsonNode got = comparable(actual.get(i));
            String listed = listing(steps.get(i), backend);
            boolean same = want.equals(got);
            if (!same && listed == null) {
                problems.add("step " + i + " " + steps.get(i) + "\n    Django: " + want + "\n    Larder: " + got);
            } else if (!same) {
                table.row(listed);
            } else if (listed != null) {
                problems.add("step " + i + " " + steps.get(i) + " is listed as differing ('" + listed
                        + "') but Larder now does what Django does: " + got + "; remove the listing");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(id + " on " + backend + " differs from Django, and no row of the README's"
                    + " \"Differences from Django\" table is named for it:\n  " + String.join("\n  ", problems));
        }
    }

    /** The table phrase a step names for {@code backend}: {@code "differs": "phrase"} or {"backend": "phrase"}. */
    private static String listing(JsonNode node, String backend) {
        JsonNode differs = node.get("differs");
        if (differs == null) {
            return null;
        }
        if (differs.isTextual()) {
            return differs.asText();
        }
        JsonNode forBackend = differs.has(backend) ? differs.get(backend) : differs.get("*");
        return forBackend == null ? null : forBackend.asText();
    }

    /**
     * What must agree: the value or the exception's Django class, and every warning word for word.
     * Exception messages are compared for {@code InvalidCacheKey} only (Larder promises Django's
     * key messages; its other messages say more than Django's).
     */
    static JsonNode comparable(JsonNode outcome) {
        ObjectNode copy = outcome.deepCopy();
        if (copy.has("error") && !copy.get("error").asText().equals("InvalidCacheKey")) {
            copy.remove("message");
        }
        try {
            // One spelling of numbers on both sides (Python's 1 and Java's 1L).
            return Outcome.JSON.readTree(Outcome.JSON.writeValueAsString(copy));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
