package dev.larder.cli;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.InvalidCacheKeyException;
import dev.larder.support.Secrets;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        subcommands = {CreateCacheTableCommand.class, CheckCommand.class, GetCommand.class, SetCommand.class, DeleteCommand.class,
                ClearCommand.class, StatsCommand.class, CommandLine.HelpCommand.class})
public final class Larder implements Runnable {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the properties file (default: -Dlarder.config, LARDER_CONFIG, or larder.properties on the class path)")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "print every log record (INFO and up) as it happens")
    boolean verbose;

    @Spec
    CommandSpec spec;

    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String HINT = " (see larder --help)";
    /** The most characters of a message an error line shows. */
    static final int LONGEST_MESSAGE = 2_000;

    PrintStream out;
    PrintStream err;

    /** Takes over java.util.logging while the command runs; see {@link CliLogging}. */
    private CliLogging logging;
    /** The configuration, once read. */
    private Map<String, CacheConfig> configs;

    @Override
    public void run() {
        throw usage("name a command");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command and returns its exit code, writing to the given streams: 0 when it
     * worked, 1 when the work failed, 2 when the command line was wrong. A failure is one line
     * on {@code err}.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Larder larder = new Larder();
        larder.out = out;
        larder.err = err;
        CommandLine cmd = new CommandLine(larder);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setExecutionStrategy(parsed -> {
            larder.logging = CliLogging.install(larder.verbose, err);
            return new CommandLine.RunLast().execute(parsed);
        });
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InvalidCacheKeyException) {
                // The key came from the command line.
                err.println("larder: " + describe(e) + HINT);
                return USAGE;
            }
            err.println("larder: " + describe(e));
            return FAILED;
        });
        // A wrong command line is one line too, with where to look, not the whole usage text.
        cmd.setParameterExceptionHandler((e, arguments) -> {
            err.println("larder: " + describe(e) + HINT);
            return USAGE;
        });
        int exit = cmd.execute(args);
        if (larder.logging != null) {
            larder.logging.finish(exit == 0);
        }
        return exit;
    }

    /** An error in the command line: exit 2, like picocli's own. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The message on one line, safe for a terminal: drivers' messages (PostgreSQL's "Position: 15") span several. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    /**
     * {@code text} on one line, with control characters shown as escapes, and cut after
     * {@link #LONGEST_MESSAGE} characters: a message that echoes a megabyte argument is no use
     * on a terminal, and the cut keeps an error's cost to the size of the line it prints.
     */
    static String oneLine(String text) {
        String shown = text;
        String cut = "";
        if (text.length() > LONGEST_MESSAGE) {
            int end = Character.isHighSurrogate(text.charAt(LONGEST_MESSAGE - 1)) ? LONGEST_MESSAGE - 1 : LONGEST_MESSAGE;
            shown = text.substring(0, end);
            cut = String.format("... (%,d characters in all)", text.length());
        }
        return Terminal.printable(shown.strip().replaceAll("\\s*\\R\\s*", "; ")) + cut;
    }

    /**
     * The configured caches by alias; a configuration with none has Django's local-memory
     * default. Read once per command: {@code check} asks for it again for every cache it opens.
     */
    Map<String, CacheConfig> configs() {
        if (configs == null) {
            configs = Collections.unmodifiableMap(readConfigs());
        }
        return configs;
    }

    private Map<String, CacheConfig> readConfigs() {
        String previous = System.getProperty("larder.config");
        try {
            if (config != null) {
                if (!Files.isRegularFile(config)) {
                    throw usage("--config " + config + ": no such file");
                }
                System.setProperty("larder.config", config.toString());
            }
            Map<String, CacheConfig> read = new LinkedHashMap<>(CacheRegistry.configured().configs());
            if (read.isEmpty()) {
                read.put(CacheRegistry.DEFAULT_ALIAS, CacheConfig.builder().build());
            }
            if (logging != null) {
                logging.hide(secretsOf(read.values()));
            }
            return read;
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

    /** The passwords in these caches' locations, URLs and secret options, for the log lines to hide. */
    private static Secrets secretsOf(Collection<CacheConfig> configs) {
        List<String> locations = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (CacheConfig config : configs) {
            locations.add(config.location());
            config.options().forEach((name, value) -> (Secrets.isSecretName(name) ? values : locations).add(value));
        }
        return Secrets.in(locations.toArray(String[]::new)).and(values.toArray(String[]::new));
    }

    /**
     * A registry holding the one cache {@code alias}, so that a command on one cache neither
     * connects to the others nor fails because of them.
     */
    CacheRegistry open(String alias) {
        Map<String, CacheConfig> configs = configs();
        CacheConfig wanted = configs.get(alias);
        if (wanted == null) {
            throw usage("no cache named " + quoted(alias) + "; configured: " + configs.keySet());
        }
        CacheRegistry.Builder builder = CacheRegistry.builder();
        if (!alias.equals(CacheRegistry.DEFAULT_ALIAS)) {
            // A registry must have a default cache; a dummy one connects to nothing.
            builder.cache(CacheRegistry.DEFAULT_ALIAS, CacheConfig.builder().backend("dummy").build());
        }
        return builder.cache(alias, wanted).build();
    }

    /** {@code text} in single quotes, safe for a terminal. */
    static String quoted(String text) {
        return "'" + Terminal.printable(text) + "'";
    }

    /** The line of a {@code get} or {@code delete} that found nothing, saying why when the cache cannot hold anything here. */
    static String noValue(Cache cache, String key) {
        String note = volatileNote(cache);
        return "larder: no value for key " + quoted(key) + " in cache " + quoted(cache.alias())
                + (note.isEmpty() ? "" : ", which " + note);
    }

    /**
     * What makes a cache useless from a command, or empty: a cache that lives in the process
     * (locmem) starts empty and dies with the command; a dummy one keeps nothing.
     */
    static String volatileNote(Cache cache) {
        if (!cache.capabilities().stores()) {
            return "keeps nothing (its backend is a dummy)";
        }
        if (!cache.capabilities().outOfProcess()) {
            return "lives in this command's memory only: it starts empty, and what is stored is gone when the command exits";
        }
        return "";
    }
}
