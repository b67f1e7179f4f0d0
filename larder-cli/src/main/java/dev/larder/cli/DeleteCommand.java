package dev.larder.cli;

import dev.larder.CacheRegistry;
import dev.larder.spi.Keys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code larder delete KEY}: exits 1 when there was nothing to delete. */
@Command(name = "delete", description = "Deletes KEY; exits 1 when it was not there.")
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
            if (registry.cache(cache.alias).delete(key)) {
                larder.out.println("deleted key '" + Keys.printable(key) + "' from cache '" + cache.alias + "'");
                return 0;
            }
            larder.err.println("larder: no value for key '" + Keys.printable(key) + "' in cache '" + cache.alias + "'");
            return 1;
        }
    }
}
