package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.SerializationException;
import dev.larder.Timeout;
import dev.larder.serial.DefaultSerializer;
import dev.larder.spi.Serializer;
import dev.larder.testkit.CacheContract.Opaque;
import dev.larder.testkit.CacheContract.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Values through the serializer: what it refuses, copies on read, bytes that do not decode.
 */
abstract class SerializationContract extends ContractGroup {
    SerializationContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void unserialisableValue_throwsAtSetAndKeepsOldValue() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        cache.set("key", "old");
        assertThatThrownBy(() -> cache.set("key", new Opaque()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("key");
        assertThat(cache.get("key")).isEqualTo("old");
    }

    @Test
    void unserialisableValue_throwsAtAddAndAtGetOrSet_storingNothing() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        assertThatThrownBy(() -> cache.add("added", new Opaque())).isInstanceOf(SerializationException.class)
                .hasMessageContaining("added");
        assertThat(cache.hasKey("added")).isFalse();
        assertThatThrownBy(() -> cache.getOrSet("loaded", Opaque::new, Timeout.DEFAULT))
                .isInstanceOf(SerializationException.class).hasMessageContaining("loaded");
        assertThat(cache.hasKey("loaded")).isFalse();
        assertThat(cache.getOrSet("loaded", () -> "fine", Timeout.DEFAULT))
                .as("a failed load leaves nothing behind that blocks the next").isEqualTo("fine");
    }

    @Test
    void classOutsideAllowList_isRefusedAtSet() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        assertThatThrownBy(() -> cache.set("point", new Point(1, 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Point.class.getName()).hasMessageContaining("allow-classes");
        assertThat(cache.hasKey("point")).isFalse();
    }

    @Test
    void getReturnsACopy_soMutatingItLeavesTheCacheAlone() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        List<String> list = new ArrayList<>(List.of("a"));
        cache.set("list", list);
        list.add("changed after set");
        @SuppressWarnings("unchecked")
        List<String> read = (List<String>) cache.get("list");
        read.add("changed after get");
        assertThat(cache.get("list")).isEqualTo(List.of("a"));
    }

    @Test
    void bytesThatDoNotDecode_areAMissAndCounted() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        Cache broken = newCache(b -> b.serializer(new BrokenReader()));
        broken.set("key", List.of("value"));
        assertThat(broken.get("key")).isNull();
        assertThat(broken.getOrDefault("key", "fallback")).isEqualTo("fallback");
        assertThat(broken.stats().errors()).as("counted at least once; a backend may drop the bad entry").isPositive();
    }

    @Test
    void getOrSet_overAnEntryThatDoesNotDecode_replacesIt_soTheLoaderRunsOnce() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        Cache poisoned = newCache(b -> b.serializer(new RefusesPoison()));
        poisoned.set("key", List.of("poison"));
        assertThat(poisoned.get("key")).as("stored, but its bytes do not decode").isNull();
        AtomicInteger calls = new AtomicInteger();
        assertThat((String) poisoned.getOrSet("key", () -> "loaded " + calls.incrementAndGet())).isEqualTo("loaded 1");
        assertThat((String) poisoned.getOrSet("key", () -> "loaded " + calls.incrementAndGet())).isEqualTo("loaded 1");
        assertThat(calls).hasValue(1);
        assertThat(poisoned.get("key")).isEqualTo("loaded 1");
    }

    /** Writes like the default serializer but cannot read back a list holding "poison". */
    private static final class RefusesPoison implements Serializer {
        private final Serializer real = new DefaultSerializer();

        @Override
        public byte[] serialize(Object value) {
            return real.serialize(value);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            Object value = real.deserialize(bytes);
            if (value instanceof List<?> list && list.contains("poison")) {
                throw new SerializationException("undecodable on purpose");
            }
            return value;
        }
    }

    /** Writes like the default serializer but cannot read anything back. */
    private static final class BrokenReader implements Serializer {
        private final Serializer writer = new DefaultSerializer();

        @Override
        public byte[] serialize(Object value) {
            return writer.serialize(value);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            throw new SerializationException("corrupt on purpose");
        }
    }
}
