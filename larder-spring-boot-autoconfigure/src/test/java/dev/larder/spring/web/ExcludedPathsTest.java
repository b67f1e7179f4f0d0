package dev.larder.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ExcludedPathsTest {
    private final ExcludedPaths actuator = ExcludedPaths.of(List.of("/actuator/"));

    @Test
    void matches_thePrefixAndBelowIt_segmentBySegment() {
        assertThat(actuator.matches("/actuator")).isTrue();
        assertThat(actuator.matches("/actuator/health")).isTrue();
        assertThat(actuator.matches("/actuatorx")).isFalse();
        assertThat(actuator.matches("/actuatorx/health")).isFalse();
        assertThat(actuator.matches("/news/actuator")).isFalse();
    }

    @Test
    void matches_onThePathWithinTheApplication_decodedAndCleaned() {
        assertThat(actuator.matches(request("/shop", "/shop/actuator/health"))).isTrue();
        assertThat(actuator.matches(request("", "/%61ctuator/health"))).isTrue();
        assertThat(actuator.matches(request("", "//actuator/health"))).isTrue();
        assertThat(actuator.matches(request("", "/actuator;jsessionid=1/health"))).isTrue();
        assertThat(actuator.matches(request("/actuator", "/actuator/news"))).isFalse();
    }

    @Test
    void of_normalisesSlashes_andRefusesTheRoot() {
        assertThat(ExcludedPaths.of(List.of("internal/", "/ops")).prefixes()).containsExactly("/internal", "/ops");
        assertThatIllegalArgumentException().isThrownBy(() -> ExcludedPaths.of(List.of("/")))
                .withMessageContaining("'/'");
        assertThat(ExcludedPaths.NONE.matches(request("", "/actuator"))).isFalse();
    }

    private static MockHttpServletRequest request(String contextPath, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setContextPath(contextPath);
        return request;
    }
}
