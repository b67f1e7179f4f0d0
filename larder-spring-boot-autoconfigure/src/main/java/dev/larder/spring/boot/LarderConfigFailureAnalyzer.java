package dev.larder.spring.boot;

import dev.larder.CacheConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused Larder setting into Boot's start-up report: what is wrong (Larder's message,
 * which names the property and, masked, its value) and what to do.
 */
class LarderConfigFailureAnalyzer extends AbstractFailureAnalyzer<CacheConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CacheConfigException cause) {
        return new FailureAnalysis("Larder's cache configuration was refused: " + cause.getMessage(),
                "Correct the property named above in application.properties (or application.yml, an environment"
                        + " variable, or larder.properties when no larder.caches.* is set in Spring's environment)."
                        + " Each setting is described in Larder's README under 'Configuration'.",
                cause);
    }
}
