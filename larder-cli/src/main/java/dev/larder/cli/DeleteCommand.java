package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code larder delete KEY}: exits 1 when there was nothing to delete. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes KEY; exits 1 when it was not there.")
final class DeleteCommand implements Callable<Integer> {
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
            if (c.delete(key)) {
                larder.out.println("deleted key " + Larder.quoted(key) + " from cache " + Larder.quoted(cache.alias));
                return 0;
            }
            larder.err.println(Larder.noValue(c, key));
            return Larder.FAILED;
        }
    }
}
