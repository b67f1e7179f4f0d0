package dev.larder.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What {@link ReadOnlyBytes#decoded} keeps: one result per instance and decoder, never a failure. */
class ReadOnlyBytesTest {
    private final ReadOnlyBytes bytes = ReadOnlyBytes.wrap(new byte[] {0, 0, 0, 7}, 0, 4);

    @Test
    void decoded_runsTheDecoderOncePerInstance() {
        AtomicInteger runs = new AtomicInteger();
        Function<ReadOnlyBytes, Integer> decoder = b -> {
            runs.incrementAndGet();
            return b.getInt(0);
        };
        Integer first = bytes.decoded(decoder);
        assertThat(bytes.decoded(decoder)).isSameAs(first).isEqualTo(7);
        assertThat(runs).hasValue(1);
        ReadOnlyBytes equalButAnother = ReadOnlyBytes.copyOf(new byte[] {0, 0, 0, 7});
        equalButAnother.decoded(decoder);
        assertThat(runs).as("kept with the instance, not by content").hasValue(2);
    }

    @Test
    void decoded_byAnotherDecoder_computesAgain() {
        Function<ReadOnlyBytes, String> hex = b -> "7";
        Function<ReadOnlyBytes, Integer> number = b -> b.getInt(0);
        assertThat(bytes.decoded(hex)).isEqualTo("7");
        assertThat(bytes.decoded(number)).isEqualTo(7);
        assertThat(bytes.decoded(hex)).isEqualTo("7");
    }

    @Test
    void decoded_thatFails_keepsNothingAndFailsAgain() {
        AtomicInteger runs = new AtomicInteger();
        Function<ReadOnlyBytes, Object> corrupt = b -> {
            runs.incrementAndGet();
            throw new IllegalArgumentException("not a record");
        };
        assertThatThrownBy(() -> bytes.decoded(corrupt)).hasMessage("not a record");
        assertThatThrownBy(() -> bytes.decoded(corrupt)).hasMessage("not a record");
        assertThat(runs).hasValue(2);
    }
}
