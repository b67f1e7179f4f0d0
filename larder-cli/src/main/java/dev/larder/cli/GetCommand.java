package dev.larder.cli;

import dev.larder.CacheRegistry;
import dev.larder.spi.Keys;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code larder get KEY}: prints the value, or says it is missing and exits 1. */
@Command(name = "get", description = "Prints the value stored under KEY; exits 1 when there is none.")
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Mixin
    CacheOption cache;
    @Parameters(paramLabel = "KEY")
    String key;

    @Override
    public Integer call() {
        try (CacheRegistry registry = larder.open(cache.alias)) {
            Object value = registry.cache(cache.alias).get(key);
            if (value == null) {
                larder.err.println("larder: no value for key '" + Keys.printable(key) + "' in cache '" + cache.alias + "'");
                return 1;
            }
            larder.out.println(value instanceof byte[] b ? "base64:" + Base64.getEncoder().encodeToString(b) : value);
            return 0;
        }
    }
}
