package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** A refused setting, seen as a user sees it: Boot's "APPLICATION FAILED TO START" report. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LarderAutoConfiguration.class)
    static class App {
    }

    @Test
    void aBadTimeout_isReportedByBootsFailureAnalysis_namingThePropertyAndWhatToDo(CapturedOutput output) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run("--larder.caches.default.timeout=soon")).isInstanceOf(Exception.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Larder's cache configuration was refused: larder.caches.default.timeout='soon'")
                .contains("Correct the property named above");
    }
}
