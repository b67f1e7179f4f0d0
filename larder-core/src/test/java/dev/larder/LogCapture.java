package dev.larder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What one logger receives, collected for a test: {@code dev.larder.testkit.LogCapture}'s
 * {@code of(loggerName)}, {@code messages()}, {@code clear()} and {@code close()}, with the same
 * meaning. It exists twice because larder-testkit depends on larder-core, so larder-core's tests
 * cannot use the testkit's; keep the two alike. The level and logger-name filters are left out:
 * no test here needs them. Public only for the tests of {@code dev.larder.spi}; test sources are
 * not shipped.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Formatter formatter = new SimpleFormatter();
    private final List<String> messages = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = formatter.formatMessage(record);
            synchronized (messages) {
                messages.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(collector);
    }

    /** Every record that reaches the logger {@code loggerName}, formatted as a log line shows it. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The messages collected so far, oldest first; later records do not change this list. */
    public List<String> messages() {
        synchronized (messages) {
            return Collections.unmodifiableList(new ArrayList<>(messages));
        }
    }

    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }

    /** Detaches from the logger; the messages collected stay readable. */
    @Override
    public void close() {
        logger.removeHandler(collector);
    }
}
