package dev.larder.cli;

import dev.larder.CacheRegistry;
import picocli.CommandLine.Option;

/** The {@code -c/--cache} option every command on one cache takes. */
final class CacheOption {
    @Option(names = {"-c", "--cache"}, paramLabel = "ALIAS", defaultValue = CacheRegistry.DEFAULT_ALIAS,
            description = "the cache's alias (default: ${DEFAULT-VALUE})")
    String alias;
}
