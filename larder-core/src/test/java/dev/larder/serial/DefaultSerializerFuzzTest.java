package dev.larder.serial;

import dev.larder.SerializationException;
import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.StoredBytes;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link DefaultSerializer#deserialize} on bytes from a store others can write: a value or
 * {@link SerializationException} (the only exception it documents); at most 32 bytes
 * allocated per stored byte + 1 MiB, 50 ms + 100 ns a byte. The call also hashes the value it
 * returns: a value nested deeper than the stack (a million {@code Optional} tags) would
 * otherwise be handed to the application to overflow its stack there. One property per attack
 * shape, so that a report names the shape.
 */
class DefaultSerializerFuzzTest {
    static final DefaultSerializer SERIALIZER = new DefaultSerializer();
    /** Java serialisation on, as once allow-classes names classes of the user's own. */
    static final DefaultSerializer WITH_JAVA = new DefaultSerializer(AllowList.defaults().and("com.example.model.*"));
    static final Bounded DECODE = Bounded.named("DefaultSerializer.deserialize")
            .documented(SerializationException.class).allocation(32, 1 << 20);
    static final Bounded DECODE_WITH_JAVA = Bounded.named("DefaultSerializer.deserialize, Java serialisation on")
            .documented(SerializationException.class).allocation(32, 1 << 20);

    @Provide
    Arbitrary<byte[]> stored() {
        return StoredBytes.any(SERIALIZER::serialize);
    }

    @Provide
    Arbitrary<byte[]> lengthClaims() {
        return StoredBytes.lengthClaims();
    }

    @Provide
    Arbitrary<byte[]> nestedSets() {
        return StoredBytes.nestedSets();
    }

    @Provide
    Arbitrary<byte[]> nestedOptionals() {
        return StoredBytes.nestedOptionals();
    }

    @Property
    void deserialize_anyStoredBytes_isBounded(@ForAll("stored") byte[] bytes) {
        decode(bytes);
    }

    @Property
    void deserialize_lengthClaims_areBounded(@ForAll("lengthClaims") byte[] bytes) {
        decode(bytes);
    }

    @Property
    void deserialize_nestedSets_areBounded(@ForAll("nestedSets") byte[] bytes) {
        decode(bytes);
    }

    @Property
    void deserialize_nestedOptionals_areBounded(@ForAll("nestedOptionals") byte[] bytes) {
        decode(bytes);
    }

    private static void decode(byte[] bytes) {
        DECODE.call(bytes.length, () -> Objects.hashCode(SERIALIZER.deserialize(bytes)));
        DECODE_WITH_JAVA.call(bytes.length, () -> Objects.hashCode(WITH_JAVA.deserialize(bytes)));
    }

    @AfterContainer
    static void summary() {
        System.out.println(DECODE.summary());
        System.out.println(DECODE_WITH_JAVA.summary());
    }
}
