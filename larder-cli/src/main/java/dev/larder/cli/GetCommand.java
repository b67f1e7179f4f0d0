package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code larder get KEY}: prints the value (control characters escaped), or says it is missing and exits 1. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Prints the value stored under KEY; exits 1 when there is none.")
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
            Cache c = registry.cache(cache.alias);
            Object value = c.get(key);
            if (value == null) {
                larder.err.println(Larder.noValue(c, key));
                return Larder.FAILED;
            }
            larder.out.println(value instanceof byte[] b ? "base64:" + Base64.getEncoder().encodeToString(b)
                    : Terminal.printable(String.valueOf(value)));
            return 0;
        }
    }
}
