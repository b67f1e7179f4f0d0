package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ActuatorPathsTest {

    @Test
    void byDefault_theActuatorBasePath() {
        assertThat(ActuatorPaths.onMainPort(new MockEnvironment())).containsExactly("/actuator");
    }

    @Test
    void aCustomBasePath_andServletPath_areFollowed() {
        MockEnvironment env = new MockEnvironment().withProperty("management.endpoints.web.base-path", "/ops/")
                .withProperty("spring.mvc.servlet.path", "/app");
        assertThat(ActuatorPaths.onMainPort(env)).containsExactly("/app/ops");
    }

    @Test
    void managementOnItsOwnPort_excludesNothing_onTheSamePort_theBasePath() {
        assertThat(ActuatorPaths.onMainPort(new MockEnvironment().withProperty("management.server.port", "9090")))
                .isEmpty();
        assertThat(ActuatorPaths.onMainPort(new MockEnvironment().withProperty("management.server.port", "9090")
                .withProperty("server.port", "9090"))).containsExactly("/actuator");
        assertThat(ActuatorPaths.onMainPort(new MockEnvironment().withProperty("management.server.port", "8080")))
                .containsExactly("/actuator");
    }

    @Test
    void aRootBasePath_excludesNothing() {
        assertThat(ActuatorPaths.onMainPort(new MockEnvironment().withProperty("management.endpoints.web.base-path", "/")))
                .isEmpty();
    }
}
