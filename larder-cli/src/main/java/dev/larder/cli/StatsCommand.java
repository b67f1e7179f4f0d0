package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.Capabilities;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code larder stats}: what the store reports about itself, and what the backend guarantees. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Prints what the cache's store reports (entries, memory, the server's hits and misses).")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        try (CacheRegistry registry = larder.open(cache.alias)) {
            Cache c = registry.cache(cache.alias);
            larder.out.println("cache " + Larder.quoted(cache.alias) + ": " + Terminal.printable(c.toString()));
            for (Map.Entry<String, String> e : c.inspect().entrySet()) {
                larder.out.println("  " + Terminal.printable(e.getKey()) + ": " + Terminal.printable(String.valueOf(e.getValue())));
            }
            Capabilities caps = c.capabilities();
            larder.out.println("  atomic add: " + caps.atomicAdd() + ", atomic incr: " + caps.atomicIncr()
                    + ", outside the process: " + caps.outOfProcess() + ", expiry by the server's clock: " + caps.serverClock());
            return 0;
        }
    }
}
