package dev.larder.cli;

import dev.larder.support.Secrets;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where log records go while the command runs. Larder's core logs through
 * {@code System.Logger} and the clients through SLF4J, both into java.util.logging, whose
 * console handler would print two-line records with a date in front of the command's one
 * error line. Instead, warnings are kept and printed after the output of a command that
 * succeeds, one {@code larder: warning: ...} line each, and a failed command prints its error
 * line only. With {@code -v} every record from INFO up is printed as it comes, one line each.
 */
final class CliLogging extends Handler {
    /** Clients that log every connection at INFO and every retry at WARNING. */
    private static final String[] NOISY = {"net.rubyeye", "com.google.code.yanf4j", "com.zaxxer.hikari", "io.lettuce",
            "io.netty"};
    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private final boolean verbose;
    private final PrintStream err;
    private final Logger root = Logger.getLogger("");
    private final List<Handler> savedHandlers;
    /** The loggers whose level this changed, held so that the level sticks, with their old levels. */
    private final Map<Logger, Level> savedLevels = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The configuration's passwords; every line also hides what has the shape of one. */
    private volatile Secrets secrets = Secrets.NONE;

    private CliLogging(boolean verbose, PrintStream err) {
        this.verbose = verbose;
        this.err = err;
        this.savedHandlers = List.of(root.getHandlers());
    }

    /** Takes over java.util.logging until {@link #finish} is called. */
    static CliLogging install(boolean verbose, PrintStream err) {
        CliLogging logging = new CliLogging(verbose, err);
        logging.takeOver();
        return logging;
    }

    private void takeOver() {
        savedHandlers.forEach(root::removeHandler);
        setLevel(root, verbose ? Level.INFO : Level.WARNING);
        for (String name : NOISY) {
            setLevel(Logger.getLogger(name), verbose ? Level.INFO : Level.SEVERE);
        }
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    private void setLevel(Logger logger, Level level) {
        savedLevels.put(logger, logger.getLevel());
        logger.setLevel(level);
    }

    @Override
    public void publish(LogRecord record) {
        String line = line(record);
        if (verbose) {
            err.println("larder: " + record.getLevel().getName().toLowerCase(Locale.ROOT) + ": "
                    + record.getLoggerName() + ": " + line);
        } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            synchronized (warnings) {
                warnings.add("larder: warning: " + line);
            }
        }
    }

    /** From now on, lines hide these passwords too: clients log URLs and their own errors as they please. */
    void hide(Secrets known) {
        secrets = known;
    }

    private String line(LogRecord record) {
        String message = FORMAT.formatMessage(record);
        if ((message == null || message.isBlank()) && record.getThrown() != null) {
            message = Larder.describe(record.getThrown());
        }
        return Larder.oneLine(secrets.redact(message));
    }

    /**
     * Gives java.util.logging back as it was and, when the command succeeded, prints the
     * warnings it collected (each once).
     */
    void finish(boolean succeeded) {
        close();
        List<String> kept;
        synchronized (warnings) {
            kept = new ArrayList<>(warnings);
        }
        if (succeeded) {
            kept.forEach(err::println);
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        root.removeHandler(this);
        savedLevels.forEach(Logger::setLevel);
        savedHandlers.forEach(root::addHandler);
    }
}
