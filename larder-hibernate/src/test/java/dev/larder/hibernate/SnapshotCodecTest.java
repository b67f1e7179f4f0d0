package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cached bytes are untrusted: whatever they hold, decoding ends in a snapshot or a CorruptSnapshotException. */
class SnapshotCodecTest {

    @Test
    void roundTrip_keepsEveryValue() {
        Snapshot s = new Snapshot(List.of(new Snapshot.State("E", 7L, 42, new Object[] {"a", 1, 2L, true, 1.5,
                LocalDate.of(2020, 1, 2), new byte[] {1, 2}, 'c', new Snapshot.Ref("F", 9L), Snapshot.NOT_CACHED, null})),
                1, Map.of("stamp:E:7", 5L));
        Snapshot back = SnapshotCodec.decode(SnapshotCodec.encode(s));
        assertThat(back.stamps()).isEqualTo(s.stamps());
        Snapshot.State state = back.states().get(0);
        assertThat(state.shape()).isEqualTo(42);
        assertThat(state.values()).containsExactly("a", 1, 2L, true, 1.5, LocalDate.of(2020, 1, 2), new byte[] {1, 2}, 'c',
                new Snapshot.Ref("F", 9L), Snapshot.NOT_CACHED, null);
    }

    @Test
    void unsupportedValueType_isRefusedWhenWriting() {
        Snapshot s = new Snapshot(List.of(new Snapshot.State("E", 1L, 0, new Object[] {new StringBuilder("x")})), 1, Map.of());
        assertThatThrownBy(() -> SnapshotCodec.encode(s)).isInstanceOf(SnapshotCodec.UnsupportedValueException.class)
                .hasMessageContaining("java.lang.StringBuilder");
    }

    @Test
    void garbage_truncation_andDeepNesting_areCorrupt() {
        byte[] good = SnapshotCodec.encode(new Snapshot(List.of(new Snapshot.State("E", 1L, 0, new Object[] {"x"})), 1,
                Map.of()));
        assertThatThrownBy(() -> SnapshotCodec.decode(new byte[] {1, 2, 3})).isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
        assertThatThrownBy(() -> SnapshotCodec.decode(java.util.Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
        // A reference whose id is a reference, and so on: rejected at once, not by a stack overflow.
        ByteBuffer nested = ByteBuffer.allocate(64);
        nested.putInt(0x4c4d5332).putInt(1).putInt(0).putInt(1).putShort((short) 1).put((byte) 'E').put((byte) 20);
        assertThatThrownBy(() -> SnapshotCodec.decode(java.util.Arrays.copyOf(nested.array(), nested.position() + 8)))
                .isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
        // A huge count with few bytes behind it is refused before anything is allocated.
        ByteBuffer huge = ByteBuffer.allocate(16).putInt(0x4c4d5332).putInt(1).putInt(900_000).putInt(0);
        assertThatThrownBy(() -> SnapshotCodec.decode(huge.array())).isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
    }
}
