package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code larder set KEY VALUE}: stores text, or with {@code --long} a counter. */
@Command(name = "set", mixinStandardHelpOptions = true, description = "Stores VALUE (text, or a whole number with --long) under KEY.")
final class SetCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Mixin
    CacheOption cache;
    @Parameters(index = "0", paramLabel = "KEY")
    String key;
    @Parameters(index = "1", paramLabel = "VALUE")
    String value;
    @Option(names = {"-t", "--timeout"}, paramLabel = "TIMEOUT", converter = TimeoutConverter.class,
            description = "how long to keep it: 300, 30s, 5m, 2h, 7d, PT5M, never, or 0 to keep nothing (default: the cache's)")
    Timeout timeout = Timeout.DEFAULT;
    @Option(names = "--long", description = "store VALUE as a whole number, so that incr can count it")
    boolean asLong;

    @Override
    public Integer call() {
        Object stored = asLong ? parseLong() : value;
        try (CacheRegistry registry = larder.open(cache.alias)) {
            Cache c = registry.cache(cache.alias);
            c.set(key, stored, timeout);
            larder.out.println("stored key " + Larder.quoted(key) + " in cache " + Larder.quoted(cache.alias));
            String note = Larder.volatileNote(c);
            if (!note.isEmpty()) {
                larder.err.println("larder: warning: cache " + Larder.quoted(cache.alias) + " " + note);
            }
            return 0;
        }
    }

    private Long parseLong() {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw larder.usage("--long: " + Larder.quoted(value) + " is not a whole number");
        }
    }

    /** A bad timeout is a wrong command line, reported by picocli with the option's name. */
    static final class TimeoutConverter implements CommandLine.ITypeConverter<Timeout> {
        @Override
        public Timeout convert(String text) {
            try {
                return Timeout.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
