package dev.larder.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What Larder logs, collected for a test to assert on. Larder logs through
 * {@link System.Logger}, which the JDK hands to {@code java.util.logging}; a capture is a
 * handler on one of its loggers, attached when made and detached by {@link #close()}:
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("dev.larder.keys")) {
 *     cache.set("a b", 1);
 *     assertThat(log.messages()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Messages are kept as a log line shows them ({@link Formatter#formatMessage}): a record
 * without parameters keeps its text unchanged, {@code {0}}-style parameters are filled in.
 * Only what the logger lets through arrives: at its default level, INFO, nothing finer.
 *
 * <p>Thread safety: records may come from any thread (a server's request threads, a backend's
 * I/O threads); {@link #messages()} is a snapshot in the order they were published.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Collector collector;

    private LogCapture(Logger logger, Collector collector) {
        this.logger = logger;
        this.collector = collector;
        logger.addHandler(collector);
    }

    /** Every record that reaches the logger {@code loggerName} ({@code ""} for the root logger). */
    public static LogCapture of(String loggerName) {
        return of(loggerName, Level.ALL);
    }

    /** The records at {@code minimum} or above that reach the logger {@code loggerName}. */
    public static LogCapture of(String loggerName, Level minimum) {
        return new LogCapture(Logger.getLogger(loggerName), new Collector(minimum, source -> true));
    }

    /**
     * The records at {@code minimum} or above from every logger whose name starts with
     * {@code prefix} ({@code "dev.larder"}: all of Larder's), caught on the root logger.
     * Records of anonymous loggers, which have no name, are left out.
     */
    public static LogCapture under(String prefix, Level minimum) {
        return new LogCapture(Logger.getLogger(""),
                new Collector(minimum, source -> source != null && source.startsWith(prefix)));
    }

    /** The messages collected so far, oldest first; later records do not change this list. */
    public List<String> messages() {
        return collector.snapshot();
    }

    /** Forgets the messages collected so far, for a test that checks several steps one by one. */
    public void clear() {
        collector.clear();
    }

    /** Detaches from the logger; the messages collected stay readable. Closing twice does nothing. */
    @Override
    public void close() {
        logger.removeHandler(collector);
    }

    private static final class Collector extends Handler {
        private final Level minimum;
        private final Predicate<String> source;
        private final Formatter formatter = new SimpleFormatter();
        private final List<String> messages = new ArrayList<>();

        Collector(Level minimum, Predicate<String> source) {
            this.minimum = minimum;
            this.source = source;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= minimum.intValue() && source.test(record.getLoggerName())) {
                String message = formatter.formatMessage(record);
                synchronized (messages) {
                    messages.add(message);
                }
            }
        }

        List<String> snapshot() {
            synchronized (messages) {
                // Not List.copyOf: a record may carry a null message, and the test should see it.
                return Collections.unmodifiableList(new ArrayList<>(messages));
            }
        }

        void clear() {
            synchronized (messages) {
                messages.clear();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
