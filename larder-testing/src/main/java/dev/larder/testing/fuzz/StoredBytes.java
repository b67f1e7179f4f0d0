package dev.larder.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of bytes as a shared store may hold them, in the default serializer's form (a
 * tag byte, then the body): valid encodings of many value types, the same mutated, and the
 * shapes of known attacks on decoders. The valid encodings come from the serializer the caller
 * passes ({@code new DefaultSerializer()::serialize}): this module sits below larder-core so
 * that core's own tests can use it, and cannot name the serializer itself.
 *
 * <ul>
 *   <li>{@link #lengthClaims()}: a Java serialisation stream of a small {@code long[]},
 *       {@code ArrayList} or {@code HashMap} whose size field is patched to claim 2^20 to
 *       2^31-1 elements, so that a decoder that trusts it allocates for them.</li>
 *   <li>{@link #nestedSets()}: sets of sets 50 to 200 deep in which each level holds two sets
 *       that share children, so that hashing the outer set while decoding visits 2^depth sets
 *       ("SerialDOS").</li>
 *   <li>{@link #nestedOptionals()}: the serializer's own {@code Optional} tag (9) repeated up to
 *       a million times.</li>
 * </ul>
 */
public final class StoredBytes {
    /** The tag the default serializer puts before a Java serialisation stream. */
    public static final byte JAVA = 10;
    /** The tag of {@code Optional.of(...)}. */
    public static final byte OPTIONAL_OF = 9;

    private StoredBytes() {
    }

    /**
     * Everything below, with random bytes and mutated valid encodings as the bulk; valid ones are
     * made by {@code serialize}.
     */
    public static Arbitrary<byte[]> any(Function<Object, byte[]> serialize) {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(10, valid(serialize)),
                Tuple.of(50, Shapes.mutatedBytes(valid(serialize))),
                Tuple.of(10, lengthClaims()),
                Tuple.of(3, nestedSets()),
                Tuple.of(3, nestedOptionals()),
                Tuple.of(1, hugeRandom()));
    }

    /**
     * Longs, strings, bytes, doubles, booleans, Optionals, collections and java.time values,
     * encoded by {@code serialize}.
     */
    public static Arbitrary<byte[]> valid(Function<Object, byte[]> serialize) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(30).map(Object.class::cast),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false, 'x', 1.5f).map(Object.class::cast),
                Arbitraries.longs().map(l -> (Object) Instant.ofEpochMilli(l % 1_000_000_000_000L)),
                Arbitraries.longs().map(l -> (Object) Duration.ofSeconds(l % 1_000_000)),
                Arbitraries.longs().map(l -> (Object) BigDecimal.valueOf(l, 3)),
                Arbitraries.integers().map(Object.class::cast));
        Arbitrary<Object> collection = Arbitraries.oneOf(
                scalar.list().ofMaxSize(8).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.strings().ofMaxLength(8).set().ofMaxSize(8).map(s -> (Object) new HashSet<>(s)),
                Arbitraries.longs().set().ofMaxSize(8).map(s -> (Object) new TreeSet<>(s)),
                scalar.list().ofMaxSize(8).map(l -> (Object) Collections.unmodifiableList(l)),
                Arbitraries.maps(Arbitraries.integers(), scalar.list().ofMaxSize(3)).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), scalar).ofMaxSize(8)
                        .map(m -> (Object) new HashMap<>(m)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), Arbitraries.integers()).ofMaxSize(8)
                        .map(m -> (Object) new TreeMap<>(m)),
                Arbitraries.longs().array(long[].class).ofMaxSize(8).map(Object.class::cast),
                scalar.map(Optional::of));
        return Arbitraries.oneOf(scalar, collection).map(serialize);
    }

    /** Streams whose array or collection size claims 2^20 to 2^31-1 elements; see the class comment. */
    public static Arbitrary<byte[]> lengthClaims() {
        Arbitrary<Integer> claim = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1 << 20, Integer.MAX_VALUE)),
                Tuple.of(3, Arbitraries.of((1 << 26) - 1, 1 << 26, (1 << 26) + 1, 1 << 25, 3 << 23, (1 << 24) + 1,
                        Integer.MAX_VALUE, Integer.MAX_VALUE - 8)));
        return Arbitraries.oneOf(
                claim.map(StoredBytes::longArrayClaiming),
                claim.map(StoredBytes::arrayListClaiming),
                claim.map(StoredBytes::hashMapClaiming));
    }

    /** A {@code long[3]} whose stream says it has {@code n} elements. */
    public static byte[] longArrayClaiming(int n) {
        long marker = 0x0123456789abcdefL;
        byte[] bytes = javaStream(new long[] {marker, marker, marker});
        int first = indexOf(bytes, longBytes(marker));
        return patchInt(bytes, first - 4, 3, n);
    }

    /** An {@code ArrayList} of three strings whose size field and capacity say {@code n}. */
    public static byte[] arrayListClaiming(int n) {
        byte[] bytes = javaStream(new ArrayList<>(List.of("a", "b", "c")));
        // The size field, then the capacity ArrayList writes as block data: TC_BLOCKDATA, 4, int.
        int capacity = indexOf(bytes, new byte[] {0x77, 4, 0, 0, 0, 3}) + 2;
        patchInt(bytes, capacity - 6, 3, n);
        return patchInt(bytes, capacity, 3, n);
    }

    /** A {@code HashMap} of three entries whose mapping count says {@code n}. */
    public static byte[] hashMapClaiming(int n) {
        HashMap<String, Integer> map = new HashMap<>();
        map.put("a", 1);
        map.put("b", 2);
        map.put("c", 3);
        byte[] bytes = javaStream(map);
        // HashMap writes its bucket count and then its size as one block: TC_BLOCKDATA, 8, int, int.
        int block = indexOf(bytes, new byte[] {0x77, 8, 0, 0, 0, 16, 0, 0, 0, 3});
        return patchInt(bytes, block + 6, 3, n);
    }

    /** SerialDOS: decoding it hashes 2^depth sets. */
    public static Arbitrary<byte[]> nestedSets() {
        return Arbitraries.integers().between(10, 200).map(StoredBytes::nestedSets);
    }

    /** Sets of sets {@code depth} deep, two at each level sharing their children. */
    public static byte[] nestedSets(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return javaStream((Serializable) root);
    }

    /** {@code Optional.of} tags, 10^3 to 10^6 of them, around a one-character string. */
    public static Arbitrary<byte[]> nestedOptionals() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(1_000, 1_000_000)),
                Tuple.of(1, Arbitraries.just(1_000_000))).map(StoredBytes::nestedOptionals);
    }

    /** {@code depth} Optional tags, then a string tag and "x". */
    public static byte[] nestedOptionals(int depth) {
        byte[] bytes = new byte[depth + 2];
        Arrays.fill(bytes, 0, depth, OPTIONAL_OF);
        bytes[depth] = 1;
        bytes[depth + 1] = 'x';
        return bytes;
    }

    /** 100 KB to 1 MB of random bytes behind a random valid tag. */
    public static Arbitrary<byte[]> hugeRandom() {
        return Arbitraries.randomValue(r -> {
            byte[] b = new byte[Shapes.HUGE_MIN + r.nextInt(Shapes.HUGE_MAX - Shapes.HUGE_MIN + 1)];
            r.nextBytes(b);
            b[0] = (byte) (1 + r.nextInt(10));
            return b;
        });
    }

    /** The serializer's form of a Java stream: the tag, then the stream. */
    public static byte[] javaStream(Serializable value) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        buffer.write(JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static byte[] patchInt(byte[] bytes, int at, int expected, int value) {
        int found = ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
        if (found != expected) {
            throw new IllegalStateException("expected " + expected + " at " + at + " but found " + found);
        }
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
        return bytes;
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("pattern not found in the stream");
    }
}
