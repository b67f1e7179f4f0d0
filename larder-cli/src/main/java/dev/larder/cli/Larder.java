package dev.larder.cli;

import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code larder}: works on the caches of a Larder configuration ({@code larder.properties}, the
 * {@code LARDER_CACHES_*} environment and {@code -Dlarder.caches.*}, as the application reads
 * them). Errors are one line on standard error and a non-zero exit: 1 when the work failed,
 * 2 when the command line was wrong.
 *
 * <pre>
 * larder createcachetable --dry-run
 * larder --config /etc/myapp/larder.properties check
 * larder get -c pages views:/home
 * </pre>
 */
@Command(name = "larder", mixinStandardHelpOptions = true, version = "larder 0.1.0-SNAPSHOT",
        description = "Works on the caches of a Larder configuration.",
        subcommands = {CreateCacheTable.class, Check.class, GetCommand.class, SetCommand.class, DeleteCommand.class,
                ClearCommand.class, StatsCommand.class, CommandLine.HelpCommand.class})
public final class Larder implements Runnable {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the properties file (default: -Dlarder.config, LARDER_CONFIG, or larder.properties on the class path)")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "show the libraries' log messages")
    boolean verbose;

    @Spec
    CommandSpec spec;

    PrintStream out;
    PrintStream err;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see larder --help");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code, writing to the given streams. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Larder larder = new Larder();
        larder.out = out;
        larder.err = err;
        CommandLine cmd = new CommandLine(larder);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setExecutionStrategy(parsed -> {
            quietLibraries(larder.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("larder: " + describe(e));
            return 1;
        });
        // A wrong command line is one line too, with where to look, not the whole usage text.
        cmd.setParameterExceptionHandler((e, arguments) -> {
            err.println("larder: " + describe(e) + " (see larder --help)");
            return 2;
        });
        return cmd.execute(args);
    }

    /** The message on one line: drivers' messages (PostgreSQL's "Position: 15") span several. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Library log lines (connection pools starting, clients connecting) are noise in a command's output. */
    private static void quietLibraries(boolean verbose) {
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
        for (String noisy : new String[] {"net.rubyeye", "com.google.code.yanf4j", "com.zaxxer.hikari", "io.lettuce", "io.netty"}) {
            Logger.getLogger(noisy).setLevel(verbose ? Level.INFO : Level.SEVERE);
        }
    }

    /** The configured caches by alias; a configuration with none has Django's local-memory default. */
    Map<String, CacheConfig> configs() {
        String previous = System.getProperty("larder.config");
        try {
            if (config != null) {
                if (!Files.isRegularFile(config)) {
                    throw new CacheConfigException("--config " + config + ": no such file");
                }
                System.setProperty("larder.config", config.toString());
            }
            Map<String, CacheConfig> configs = new LinkedHashMap<>(CacheRegistry.configured().configs());
            if (configs.isEmpty()) {
                configs.put(CacheRegistry.DEFAULT_ALIAS, CacheConfig.builder().build());
            }
            return configs;
        } finally {
            if (config != null) {
                if (previous == null) {
                    System.clearProperty("larder.config");
                } else {
                    System.setProperty("larder.config", previous);
                }
            }
        }
    }

    /**
     * A registry holding the one cache {@code alias}, so that a command on one cache neither
     * connects to the others nor fails because of them.
     */
    CacheRegistry open(String alias) {
        Map<String, CacheConfig> configs = configs();
        CacheConfig wanted = configs.get(alias);
        if (wanted == null) {
            throw new CacheConfigException("no cache named '" + alias + "'; configured: " + configs.keySet());
        }
        CacheRegistry.Builder builder = CacheRegistry.builder();
        if (!alias.equals(CacheRegistry.DEFAULT_ALIAS)) {
            // A registry must have a default cache; a dummy one connects to nothing.
            builder.cache(CacheRegistry.DEFAULT_ALIAS, CacheConfig.builder().backend("dummy").build());
        }
        return builder.cache(alias, wanted).build();
    }
}
