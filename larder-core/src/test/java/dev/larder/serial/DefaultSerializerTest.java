package dev.larder.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.SerializationException;
import dev.larder.support.ReadOnlyBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DefaultSerializerTest {
    private final DefaultSerializer serializer = new DefaultSerializer();

    /** Sets a flag when deserialised: stands in for a gadget class. */
    static final class Gadget implements Serializable {
        static final AtomicBoolean RAN = new AtomicBoolean();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            RAN.set(true);
        }
    }

    record Money(BigDecimal amount, String currency) implements Serializable {
    }

    @Test
    void longs_areStoredAsAsciiDigits_soServersCanIncrementThem() {
        assertThat(serializer.serialize(42L)).isEqualTo("42".getBytes(StandardCharsets.US_ASCII));
        assertThat(serializer.serialize(-7L)).isEqualTo("-7".getBytes(StandardCharsets.US_ASCII));
        assertThat(serializer.deserialize("1234".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1234L);
    }

    @Test
    void commonTypes_roundTrip() {
        List<Object> values = List.of("text", "", 1.5, 2.5f, true, false, 'c', Long.MIN_VALUE, Optional.empty(),
                Optional.of(List.of(1, 2)), new BigDecimal("1.10"), UUID.randomUUID(), Instant.EPOCH,
                ZonedDateTime.parse("2026-11-24T10:00:00+01:00[Europe/Paris]"), new TreeMap<>(Map.of("a", 1)),
                Set.of("x"), new ArrayList<>(List.of("l")));
        for (Object v : values) {
            assertThat(serializer.deserialize(serializer.serialize(v))).as(v.getClass().getName()).isEqualTo(v);
        }
        assertThat((byte[]) serializer.deserialize(serializer.serialize(new byte[] {1, 2}))).containsExactly(1, 2);
    }

    @Test
    void readOnlyBytes_roundTrip_asAViewOfTheStoredBytes() {
        byte[] stored = serializer.serialize(ReadOnlyBytes.copyOf(new byte[] {1, 2, 3}));
        Object read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(ReadOnlyBytes.copyOf(new byte[] {1, 2, 3}));
        // A view, not a copy: what it reads is the stored bytes after the tag.
        stored[2] = 9;
        assertThat(((ReadOnlyBytes) read).get(1)).isEqualTo((byte) 9);
        assertThat(serializer.deserialize(serializer.serialize(ReadOnlyBytes.copyOf(new byte[0]))))
                .isEqualTo(ReadOnlyBytes.copyOf(new byte[0]));
    }

    @Test
    void userClasses_needToBeAllowed() {
        Money money = new Money(new BigDecimal("9.99"), "EUR");
        assertThatThrownBy(() -> serializer.serialize(money))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Money.class.getName())
                .hasMessageContaining("allow-classes=dev.larder.serial.*");
        DefaultSerializer allowing = new DefaultSerializer(AllowList.defaults().and("dev.larder.serial.*"));
        assertThat(allowing.deserialize(allowing.serialize(money))).isEqualTo(money);
    }

    @Test
    void disallowedClassInStoredBytes_isNeverInstantiated() throws IOException {
        ByteArrayOutputStream planted = new ByteArrayOutputStream();
        planted.write(DefaultSerializer.JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(planted)) {
            out.writeObject(new ArrayList<>(List.of(new Gadget())));
        }
        Gadget.RAN.set(false);
        assertThatThrownBy(() -> serializer.deserialize(planted.toByteArray()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("refused");
        assertThat(Gadget.RAN).isFalse();
    }

    @Test
    void deeplyNestedStream_isRefused() throws IOException {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < 300; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(DefaultSerializer.JAVA);
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(root);
        }
        assertThatThrownBy(() -> serializer.deserialize(out.toByteArray())).isInstanceOf(SerializationException.class);
    }

    @Test
    void damagedBytes_areASerializationException() {
        byte[] good = serializer.serialize(List.of("a", "b"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> serializer.deserialize(truncated)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serializer.deserialize(new byte[0])).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serializer.deserialize(new byte[] {(byte) 0x7e, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("0x7e");
        assertThatThrownBy(() -> serializer.deserialize("12a".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serializer.deserialize(new byte[] {DefaultSerializer.DOUBLE, 1}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void deeplyNestedOptionals_areRefusedBeforeTheyCanExhaustTheStack() {
        byte[] planted = new byte[1_000_001];
        java.util.Arrays.fill(planted, DefaultSerializer.OPTIONAL_OF);
        planted[planted.length - 1] = DefaultSerializer.OPTIONAL_EMPTY;
        assertThatThrownBy(() -> serializer.deserialize(planted))
                .isInstanceOf(SerializationException.class).hasMessageContaining("deeper than 20");
        assertThat(serializer.deserialize(serializer.serialize(java.util.Optional.of(java.util.Optional.of("x")))))
                .isEqualTo(java.util.Optional.of(java.util.Optional.of("x")));
    }

    @Test
    void allowList_patterns() {
        AllowList allow = AllowList.defaults().and("com.example.model.*", "org.acme.**", "net.x.Single");
        assertThat(allow.allows(String.class)).isTrue();
        assertThat(allow.allows(int[][].class)).isTrue();
        assertThat(allow.allows(java.net.URL.class)).isFalse();
        assertThat(allow.allows(Thread.class)).isFalse();
        assertThat(allow.allows(java.util.logging.Level.class)).isFalse();
        assertThatThrownBy(() -> AllowList.defaults().and("not a pattern!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not a pattern!'");
    }
}
