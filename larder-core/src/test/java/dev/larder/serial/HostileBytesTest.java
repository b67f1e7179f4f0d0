package dev.larder.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.SerializationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Bytes planted in a shared store by someone else: every read is bounded by their length. */
class HostileBytesTest {
    private static final long MiB = 1024 * 1024;
    private final DefaultSerializer plain = new DefaultSerializer();
    /** Java serialisation on, as once allow-classes names classes of the user's own. */
    private final DefaultSerializer withJava = new DefaultSerializer(AllowList.defaults().and("com.example.model.*"));

    static final class Initialised {
        static final AtomicBoolean RAN = new AtomicBoolean();

        static {
            RAN.set(true);
        }
    }

    record Positive(int n) implements Serializable {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("negative: " + n);
            }
        }
    }

    @Test
    void longArrayClaimingHalfAGigabyte_in28Bytes_isRefusedWithoutTheAllocation() throws IOException {
        byte[] planted = javaStream(new long[0]);
        assertThat(planted).hasSize(28);
        ByteBuffer.wrap(planted).putInt(planted.length - 4, 67_108_864);
        assertRefusedCheaply(withJava, planted, "claims an array of 67108864 long");
    }

    @Test
    void hashMapClaiming40MillionEntries_isRefusedWithoutTheAllocation() throws IOException {
        byte[] planted = javaStream(new HashMap<>());
        // The last int before TC_ENDBLOCKDATA is the number of mappings.
        ByteBuffer.wrap(planted).putInt(planted.length - 5, 40_000_000);
        assertRefusedCheaply(withJava, planted, "claims an array of");
    }

    @Test
    void javaStreams_areNotReadAtAll_untilAllowClassesNamesClassesOfYourOwn() throws IOException {
        byte[] planted = javaStream(new long[0]);
        ByteBuffer.wrap(planted).putInt(planted.length - 4, 67_108_864);
        assertRefusedCheaply(plain, planted, "Java serialisation, which is off");
        assertThatThrownBy(() -> plain.serialize(new java.util.ArrayDeque<>(List.of(1))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.util.ArrayDeque").hasMessageContaining("allow-classes=java.util.ArrayDeque");
    }

    @Test
    void setsOfSetsAHundredDeep_inAJavaStream_areRefusedAtOnce() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> current = root;
        for (int i = 0; i < 100; i++) {
            Set<Object> next = new HashSet<>();
            next.add("level " + i);
            current.add(next);
            current = next;
        }
        byte[] planted = javaStream(root);
        assertRefusedCheaply(withJava, planted, "deeper than 20");
    }

    @Test
    void wideSetsOfSetsSharingTheirMembers_withinTheDepthLimit_areRefusedBeforeTheyAreHashed() throws IOException {
        // Each level holds 20 sets, each of which holds all 20 of the level below: hashing the
        // top visits 20^8 sets, while the stream holds about 20 * 20 * 8 references.
        // Built top down, each set holding only its marker when it is added to the level above,
        // so that building it here hashes nothing deep; reading it back would.
        List<List<Set<Object>>> levels = new ArrayList<>();
        for (int depth = 0; depth <= 8; depth++) {
            List<Set<Object>> sets = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sets.add(new HashSet<>(Set.of("marker " + depth + "/" + i)));
            }
            levels.add(sets);
        }
        for (int depth = 8; depth > 0; depth--) {
            for (Set<Object> s : levels.get(depth)) {
                s.addAll(levels.get(depth - 1));
            }
        }
        List<Set<Object>> level = levels.get(8);
        byte[] planted = javaStream(new ArrayList<>(level));
        // Refused at the fourth level, whose hash would visit 20^4 sets. The levels below it
        // are hashed first (about 700,000 visits), so this shape is bounded in time, not in
        // the megabytes of garbage hashing makes.
        long start = System.nanoTime();
        assertThatThrownBy(() -> withJava.deserialize(planted)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("over the budget");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    void nativeCountsClaimingMoreThanTheBytesThatFollow_areRefused() {
        byte[] list = {Tags.LIST, Shapes.ARRAY_LIST, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1};
        assertRefusedCheaply(plain, list, "exceeds the");
        byte[] longs = {Tags.ARRAY, 1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 1};
        assertRefusedCheaply(plain, longs, "exceeds the");
        byte[] shortOfItsCount = {Tags.ARRAY, 1, 2, 0, 0, 0, 0, 0, 0, 0, 1};
        assertRefusedCheaply(plain, shortOfItsCount, "does not match");
        byte[] map = {Tags.MAP, Shapes.HASH, (byte) 0x80, (byte) 0xad, (byte) 0xe2, 0x04};
        assertRefusedCheaply(plain, map, "exceeds the");
    }

    @Test
    void nativeNestingDeeperThan20_isRefused_andWritingSuchAValueFailsAtSet() {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < 25; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        assertThatThrownBy(() -> plain.serialize(root)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("deeper than 20");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> plain.serialize(cycle)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("holds itself");
        ByteSink sink = new ByteSink(64);
        for (int i = 0; i < 1000; i++) {
            sink.put(Tags.OPTIONAL_OF);
        }
        sink.put(Tags.OPTIONAL_EMPTY);
        assertRefusedCheaply(plain, sink.toByteArray(), "deeper than 20");
    }

    @Test
    void setsOfSets_cannotBeWrittenInLarderFormat_norPlanted() {
        Set<Set<String>> nested = new HashSet<>(Set.of(Set.of("a"), Set.of("b")));
        assertThatThrownBy(() -> plain.serialize(nested)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Comparable");
        byte[] forged = forged(Tags.SET, 2, new ArrayList<>(List.of("a")), new ArrayList<>(List.of("b")));
        assertRefusedCheaply(plain, forged, "not Comparable");
    }

    @Test
    void hashedSetOfKeysSharingOneHashCode_isRefused_andNotWritten() {
        // LocalDateTime is Comparable only through ChronoLocalDateTime, so a hash table cannot
        // order colliding ones; these twenty all hash to the same code.
        Object[] colliding = new Object[20];
        for (int h = 0; h < colliding.length; h++) {
            colliding[h] = java.time.LocalDateTime.of(java.time.LocalDate.EPOCH,
                    java.time.LocalTime.ofNanoOfDay(((long) h << 32) | h));
        }
        assertThat(java.util.Arrays.stream(colliding).mapToInt(Object::hashCode).distinct().count()).isEqualTo(1);
        assertThatThrownBy(() -> plain.serialize(new HashSet<>(List.of(colliding))))
                .isInstanceOf(SerializationException.class).hasMessageContaining("share the hash code");
        assertRefusedCheaply(plain, forged(Tags.SET, colliding.length, colliding), "share the hash code");
        assertThat((Set<?>) plain.deserialize(plain.serialize(new java.util.TreeSet<>(List.of(colliding))))).hasSize(20);
    }

    @Test
    void bigNumberKeysOfHugeScale_areRefused() {
        java.math.BigDecimal huge = new java.math.BigDecimal(java.math.BigInteger.ONE, 100_000);
        assertRefusedCheaply(plain, forged(Tags.SET, 2, huge, java.math.BigDecimal.ONE), "scale 100000");
    }

    @Test
    void javaStreamOfACollectionHoldingItself_isRefused() throws IOException {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        Set<Object> self = new HashSet<>();
        self.add(self);
        self.add("x");
        assertRefusedCheaply(withJava, javaStream((java.io.Serializable) cycle), "over the budget");
        assertRefusedCheaply(withJava, javaStream((java.io.Serializable) self), "over the budget");
    }

    @Test
    void bytesAfterTheStoredValue_areRefused() {
        byte[] good = plain.serialize(new ArrayList<>(List.of("a")));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertRefusedCheaply(plain, longer, "1 bytes follow the stored value");
    }

    @Test
    void mapKeysOfTwoClasses_areRefused() {
        assertRefusedCheaply(plain, forged(Tags.MAP, 2, "k", "v", 1L, "w"), "two classes");
    }

    /** A hashed set or map of {@code count} entries, its members written one by one as given. */
    private byte[] forged(byte tag, int count, Object... members) {
        ByteSink sink = new ByteSink(64);
        sink.put(tag);
        sink.put((byte) Shapes.HASH);
        sink.putVarint(count);
        for (Object m : members) {
            byte[] member = plain.serialize(m);
            sink.putVarint(member.length);
            sink.put(member);
        }
        return sink.toByteArray();
    }

    @Test
    void recordNamesOutsideTheAllowList_areNeverLoaded_andConstructorsCheckWhatWasStored() {
        ByteSink sink = new ByteSink(64);
        sink.put(Tags.RECORD);
        byte[] name = Initialised.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sink.putVarint(name.length);
        sink.put(name);
        sink.putVarint(0);
        Initialised.RAN.set(false);
        assertRefusedCheaply(plain, sink.toByteArray(), "not in the allow-list");
        assertThat(Initialised.RAN).isFalse();

        DefaultSerializer allowing = new DefaultSerializer(AllowList.defaults().and("dev.larder.serial.*"));
        byte[] good = allowing.serialize(new Positive(5));
        assertThat(allowing.deserialize(good)).isEqualTo(new Positive(5));
        byte[] negative = good.clone();
        negative[negative.length - 1] = (byte) 0xff;
        negative[negative.length - 2] = (byte) 0xff;
        negative[negative.length - 3] = (byte) 0xff;
        negative[negative.length - 4] = (byte) 0xff;
        assertThatThrownBy(() -> allowing.deserialize(negative)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("negative: -1");
    }

    private static byte[] javaStream(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Tags.JAVA);
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        }
        return out.toByteArray();
    }

    /** Refused with the message, allocating under 4 MiB, in under a second. */
    private static void assertRefusedCheaply(DefaultSerializer serializer, byte[] planted, String message) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        assertThatThrownBy(() -> serializer.deserialize(planted))
                .isInstanceOf(SerializationException.class).hasMessageContaining(message);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(allocated).as("bytes allocated decoding %d planted bytes", planted.length).isLessThan(4 * MiB);
        assertThat(millis).as("milliseconds decoding %d planted bytes", planted.length).isLessThan(1000);
    }
}
