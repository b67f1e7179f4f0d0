package dev.larder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Larder logs through {@link System.Logger}; these tests log the same way. */
class LogCaptureTest {
    private static final String NAME = "dev.larder.testing.logcapturetest";
    private static final System.Logger LOG = System.getLogger(NAME);

    @Test
    void of_collectsEveryRecordInOrder_formattedAsALogLineShowsIt() {
        try (LogCapture log = LogCapture.of(NAME)) {
            LOG.log(Level.WARNING, "plain {0}, no parameters");
            LOG.log(Level.INFO, "{0}=''{1}''", "location", "relative");
            LOG.log(Level.WARNING, () -> "from a supplier");
            assertThat(log.messages()).containsExactly("plain {0}, no parameters", "location='relative'",
                    "from a supplier");
        }
    }

    @Test
    void of_withAMinimum_leavesOutFinerRecords() {
        try (LogCapture log = LogCapture.of(NAME, java.util.logging.Level.WARNING)) {
            LOG.log(Level.INFO, "info");
            LOG.log(Level.WARNING, "warning");
            LOG.log(Level.ERROR, "error");
            assertThat(log.messages()).containsExactly("warning", "error");
        }
    }

    @Test
    void under_keepsRecordsOfLoggersWithThePrefix_atTheMinimumOrAbove() {
        try (LogCapture log = LogCapture.under(NAME, java.util.logging.Level.WARNING)) {
            System.getLogger(NAME + ".child").log(Level.WARNING, "child");
            System.getLogger("elsewhere." + NAME).log(Level.WARNING, "elsewhere");
            LOG.log(Level.INFO, "info");
            LOG.log(Level.WARNING, "own");
            assertThat(log.messages()).containsExactly("child", "own");
        }
    }

    @Test
    void clear_forgetsWhatWasCollected() {
        try (LogCapture log = LogCapture.of(NAME)) {
            LOG.log(Level.WARNING, "first");
            log.clear();
            LOG.log(Level.WARNING, "second");
            assertThat(log.messages()).containsExactly("second");
        }
    }

    @Test
    void messages_isASnapshot_thatTheTestCannotChange() {
        try (LogCapture log = LogCapture.of(NAME)) {
            LOG.log(Level.WARNING, "first");
            List<String> before = log.messages();
            LOG.log(Level.WARNING, "second");
            assertThat(before).containsExactly("first");
            assertThatThrownBy(() -> before.add("forged")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void close_detaches_andKeepsWhatWasCollected() {
        LogCapture log = LogCapture.of(NAME);
        LOG.log(Level.WARNING, "before");
        log.close();
        LOG.log(Level.WARNING, "after");
        log.close();
        assertThat(log.messages()).containsExactly("before");
        assertThat(java.util.logging.Logger.getLogger(NAME).getHandlers()).isEmpty();
    }

    @Test
    void recordsFromManyThreads_areAllKept() throws InterruptedException {
        String name = NAME + ".quiet";
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger(name);
        quiet.setUseParentHandlers(false); // 4,000 lines on the console would say nothing
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (LogCapture log = LogCapture.of(name)) {
            for (int i = 0; i < 4_000; i++) {
                pool.execute(() -> System.getLogger(name).log(Level.WARNING, "w"));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log.messages()).hasSize(4_000);
        } finally {
            pool.shutdownNow();
            quiet.setUseParentHandlers(true);
        }
    }
}
