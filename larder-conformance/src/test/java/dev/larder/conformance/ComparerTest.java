package dev.larder.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparer itself: what passes, and each way a case fails. */
class ComparerTest {
    private Differences table;

    @BeforeEach
    void table(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# x\n\n" + Differences.HEADING + "\n\nIntro.\n\n| Django | Larder | why |\n|---|---|---|\n"
                + "| stores `None` | refuses null | a miss is a miss |\n| negative TIMEOUT | refused | typo |\n\n## Next\n"
                + "| not | in | table |\n");
        table = Differences.read(readme);
    }

    private static JsonNode json(String text) throws Exception {
        return Outcome.JSON.readTree(text);
    }

    private void compare(String testCase, String django, String larder) throws Exception {
        DjangoConformanceTest.compare("f#c#locmem", json(testCase), "locmem", json(django), (ArrayNode) json(larder), table);
    }

    @Test
    void numbers_compareAsPythonSeesThem_anIntIsNotAFloat() throws Exception {
        assertThatCode(() -> compare("{\"steps\": [{\"op\": \"get\"}]}", "[{\"value\": 1}]", "[{\"value\": 1.0e0}]"))
                .isInstanceOf(AssertionError.class);
        assertThatCode(() -> compare("{\"steps\": [{\"op\": \"get\"}]}", "[{\"value\": 9223372036854775807}]",
                "[{\"value\": 9223372036854775807}]")).doesNotThrowAnyException();
    }

    @Test
    void anUnlistedDifference_failsAndShowsBothSides() {
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"get\"}]}", "[{\"value\": 1}]", "[{\"value\": 2}]"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Django: {\"value\":1}")
                .hasMessageContaining("Larder: {\"value\":2}");
    }

    @Test
    void aDifferentWarning_fails() {
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\"}]}", "[{\"value\": null, \"warnings\": [\"a\"]}]",
                "[{\"value\": null, \"warnings\": [\"b\"]}]")).isInstanceOf(AssertionError.class);
    }

    @Test
    void exceptionMessages_countForInvalidCacheKeyOnly() {
        assertThatCode(() -> compare("{\"steps\": [{\"op\": \"incr\"}]}", "[{\"error\": \"ValueError\", \"message\": \"Key 'a' not found\"}]",
                "[{\"error\": \"ValueError\", \"message\": \"no key a\"}]")).doesNotThrowAnyException();
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\"}]}", "[{\"error\": \"InvalidCacheKey\", \"message\": \"x 'a'\"}]",
                "[{\"error\": \"InvalidCacheKey\", \"message\": \"x a\"}]")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aListedDifference_passes_whenItsPhraseIsInExactlyOneRow() {
        assertThatCode(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": \"stores `None`\"}]}", "[{\"value\": null}]",
                "[{\"error\": \"NullPointerException\"}]")).doesNotThrowAnyException();
        assertThatCode(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": {\"locmem\": \"negative TIMEOUT\"}}]}",
                "[{\"value\": null}]", "[{\"value\": 1}]")).doesNotThrowAnyException();
    }

    @Test
    void aListingOnAWholeCase_isRefused() {
        assertThatThrownBy(() -> compare("{\"differs\": \"stores `None`\", \"steps\": [{\"op\": \"set\"}]}",
                "[{\"value\": null}]", "[{\"value\": 1}]")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("on the steps that differ");
    }

    @Test
    void aListingForAnotherBackend_doesNotCoverThisOne() {
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": {\"db\": \"stores `None`\"}}]}",
                "[{\"value\": null}]", "[{\"value\": 1}]")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aPhraseInNoRow_orOutsideTheTable_fails() {
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": \"in | table\"}]}", "[{\"value\": null}]",
                "[{\"value\": 1}]")).isInstanceOf(AssertionError.class).hasMessageContaining("0 rows");
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": \"|\"}]}", "[{\"value\": null}]",
                "[{\"value\": 1}]")).isInstanceOf(AssertionError.class).hasMessageContaining("2 rows");
    }

    @Test
    void aListedDifferenceThatNoLongerDiffers_fails() {
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": \"stores `None`\"}]}", "[{\"value\": 1}]",
                "[{\"value\": 1}]")).isInstanceOf(AssertionError.class).hasMessageContaining("remove the listing");
        assertThatThrownBy(() -> compare("{\"steps\": [{\"op\": \"set\", \"differs\": \"stores `None`\"}, {\"op\": \"get\"}]}",
                "[{\"value\": 1}, {\"value\": 2}]", "[{\"value\": 1}, {\"value\": 3}]")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("remove the listing");
    }
}
