package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.exceptions.TemplateProcessingException;

/** Mistakes in the attributes fail the template with a message that names the bad value and where it is. */
class ErrorsTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("thymeleaf-errors").build()).build();
    private final Pages pages = new Pages(new LarderDialect(caches));

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void textTimeout_failsNamingTheValueAndTheLine() {
        assertThatThrownBy(() -> pages.render("<p>x</p>\n<i larder:cache=\"soon\">x</i>"))
                .hasRootCauseInstanceOf(TemplateProcessingException.class)
                .rootCause().hasMessageContaining("larder:cache=\"soon\"").hasMessageContaining("'soon'")
                .hasMessageContaining("line 2");
    }

    @Test
    void nanOrObjectTimeout_fails() {
        assertThatThrownBy(() -> pages.render("<i larder:cache=\"${t}\">x</i>", "t", Double.NaN))
                .rootCause().hasMessageContaining("NaN").hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> pages.render("<i larder:cache=\"${t}\">x</i>", "t", new Object() {
            @Override
            public String toString() {
                return "an object";
            }
        })).rootCause().hasMessageContaining("an object");
    }

    @Test
    void emptyTimeout_fails() {
        assertThatThrownBy(() -> pages.render("<i larder:cache=\"\">x</i>")).rootCause()
                .hasMessageContaining("whole number of seconds");
    }

    @Test
    void unknownAlias_failsNamingItAndTheConfiguredOnes() {
        assertThatThrownBy(() -> pages.render("<i larder:cache=\"60\" larder:cache-using=\"fragmentz\">x</i>"))
                .rootCause().hasMessageContaining("'fragmentz'").hasMessageContaining("[default]");
    }

    @Test
    void badName_failsNamingIt() {
        assertThatThrownBy(() -> pages.render("<i larder:cache=\"60\" larder:cache-name=\"side bar\">x</i>"))
                .rootCause().hasMessageContaining("'side bar'");
    }

    @Test
    void modifierWithoutCache_failsInsteadOfCachingNothing() {
        assertThatThrownBy(() -> pages.render("<p>\n <i larder:vary-on=\"${p}\">x</i></p>", "p", "x"))
                .rootCause().hasMessageContaining("larder:vary-on").hasMessageContaining("larder:cache")
                .hasMessageContaining("line 2");
    }

    @Test
    void dependsOnWithoutStamps_failsSayingHowToFixIt() {
        assertThatThrownBy(() -> pages.render("<i larder:cache=\"60\" larder:depends-on=\"${p}\">x</i>", "p", "x"))
                .rootCause().hasMessageContaining("new LarderDialect(registry, modelCache.stamps())");
    }
}
