package dev.larder.cli;

import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.spi.Keys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code larder set KEY VALUE}: stores text, or with {@code --long} a counter. */
@Command(name = "set", description = "Stores VALUE (text, or a whole number with --long) under KEY.")
final class SetCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Mixin
    CacheOption cache;
    @Parameters(index = "0", paramLabel = "KEY")
    String key;
    @Parameters(index = "1", paramLabel = "VALUE")
    String value;
    @Option(names = {"-t", "--timeout"}, paramLabel = "TIMEOUT",
            description = "how long to keep it: 300, 30s, 5m, 2h, 7d, PT5M or never (default: the cache's)")
    String timeout;
    @Option(names = "--long", description = "store VALUE as a whole number, so that incr can count it")
    boolean asLong;

    @Override
    public Integer call() {
        Timeout t;
        Object stored;
        try {
            t = timeout == null ? Timeout.DEFAULT : Timeout.parse(timeout);
            stored = asLong ? Long.parseLong(value.trim()) : value;
        } catch (IllegalArgumentException e) {
            String what = e instanceof NumberFormatException ? "--long: '" + value + "' is not a whole number" : e.getMessage();
            throw new IllegalArgumentException(what, e);
        }
        try (CacheRegistry registry = larder.open(cache.alias)) {
            registry.cache(cache.alias).set(key, stored, t);
            larder.out.println("stored key '" + Keys.printable(key) + "' in cache '" + cache.alias + "'");
            return 0;
        }
    }
}
