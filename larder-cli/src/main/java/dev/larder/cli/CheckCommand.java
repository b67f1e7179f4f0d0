package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code larder check}: loads the configuration, connects to every cache (or those named) and
 * asks each for a key, reporting one line per cache; exits 1 if any failed.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Connects to every configured cache (or the ALIASes given) and reports each.")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Larder larder;
    @Parameters(paramLabel = "ALIAS", arity = "0..*", description = "the caches to check (default: all)")
    List<String> aliases;

    @Override
    public Integer call() {
        Set<String> configured = larder.configs().keySet();
        List<String> wanted = aliases == null || aliases.isEmpty() ? List.copyOf(configured) : aliases;
        for (String alias : wanted) {
            if (!configured.contains(alias)) {
                throw larder.usage("no cache named " + Larder.quoted(alias) + "; configured: " + configured);
            }
        }
        int failed = 0;
        for (String alias : wanted) {
            try (CacheRegistry registry = larder.open(alias)) {
                Cache cache = registry.cache(alias);
                cache.hasKey("larder-check");
                larder.out.println("ok    " + Terminal.printable(alias) + ": " + Terminal.printable(cache.toString()));
            } catch (RuntimeException e) {
                failed++;
                larder.out.println("FAIL  " + Terminal.printable(alias) + ": " + Larder.describe(e));
            }
        }
        larder.out.println(wanted.size() - failed + " of " + wanted.size() + " caches ok");
        return failed == 0 ? 0 : 1;
    }
}
