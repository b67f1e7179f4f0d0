package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code larder clear}: empties the cache (what that removes is the backend's; see its README). */
@Command(name = "clear", mixinStandardHelpOptions = true, description = {"Removes every entry of the cache.",
        "Redis: keys with the cache's prefix; Memcached: everything on its servers (flush_all);",
        "jdbc: every row of its table; file: its directory's cache files; locmem: this process only."})
final class ClearCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        try (CacheRegistry registry = larder.open(cache.alias)) {
            Cache c = registry.cache(cache.alias);
            c.clear();
            larder.out.println("cleared cache " + Larder.quoted(cache.alias) + " (" + Terminal.printable(c.toString()) + ")");
            return 0;
        }
    }
}
