package dev.larder.serial;

import dev.larder.SerializationException;
import dev.larder.spi.Serializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Larder's default serializer: a one-byte tag and a compact body for the common types, and
 * Java serialisation restricted by an {@link AllowList} for everything else.
 *
 * <ul>
 *   <li>{@code Long} is written as ASCII decimal digits with no tag, the form Redis
 *       {@code INCRBY} and Memcached {@code incr} work on.</li>
 *   <li>{@code String}, {@code byte[]}, {@code Double}, {@code Float}, {@code Boolean},
 *       {@code Character} and {@code Optional} have tags of their own: no class names, no
 *       object streams.</li>
 *   <li>Anything else goes through {@link ObjectOutputStream}. Writing refuses any class
 *       outside the allow-list (so the mistake shows at {@code set}, not at the next read), and
 *       reading installs an {@link ObjectInputFilter} that rejects such classes before they
 *       are loaded, and bounds depth, references and array sizes.</li>
 * </ul>
 *
 * <p>Records and classes of your own must implement {@link java.io.Serializable} and be
 * allowed: {@code options.allow-classes=com.example.model.*}. Thread-safe.
 */
public final class DefaultSerializer implements Serializer {
    static final byte STRING = 1;
    static final byte BYTES = 2;
    static final byte DOUBLE = 3;
    static final byte FLOAT = 4;
    static final byte TRUE = 5;
    static final byte FALSE = 6;
    static final byte CHAR = 7;
    static final byte OPTIONAL_EMPTY = 8;
    static final byte OPTIONAL_OF = 9;
    static final byte JAVA = 10;

    private static final int MAX_DEPTH = 200;
    private static final long MAX_REFERENCES = 1_000_000;
    private static final long MAX_ARRAY = 64L * 1024 * 1024;

    private final AllowList allowList;
    private final ObjectInputFilter filter;

    public DefaultSerializer() {
        this(AllowList.defaults());
    }

    public DefaultSerializer(AllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.filter = this::check;
    }

    public AllowList allowList() {
        return allowList;
    }

    @Override
    public byte[] serialize(Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof Long l) {
            return Long.toString(l).getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof String s) {
            return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] b) {
            return tagged(BYTES, b);
        }
        if (value instanceof Double d) {
            return ByteBuffer.allocate(9).put(DOUBLE).putDouble(d).array();
        }
        if (value instanceof Float f) {
            return ByteBuffer.allocate(5).put(FLOAT).putFloat(f).array();
        }
        if (value instanceof Boolean b) {
            return new byte[] {b ? TRUE : FALSE};
        }
        if (value instanceof Character c) {
            return ByteBuffer.allocate(3).put(CHAR).putChar(c).array();
        }
        if (value instanceof Optional<?> o) {
            return o.isEmpty() ? new byte[] {OPTIONAL_EMPTY} : tagged(OPTIONAL_OF, serialize(o.get()));
        }
        return javaSerialize(value);
    }

    @Override
    public Object deserialize(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("no bytes to decode");
        }
        byte tag = bytes[0];
        if (tag == '-' || (tag >= '0' && tag <= '9')) {
            return parseLong(bytes);
        }
        return switch (tag) {
            case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            case BYTES -> Arrays.copyOfRange(bytes, 1, bytes.length);
            case DOUBLE -> body(bytes, 8).getDouble();
            case FLOAT -> body(bytes, 4).getFloat();
            case TRUE, FALSE -> { body(bytes, 0); yield tag == TRUE; }
            case CHAR -> body(bytes, 2).getChar();
            case OPTIONAL_EMPTY -> { body(bytes, 0); yield Optional.empty(); }
            case OPTIONAL_OF -> nestedOptional(bytes);
            case JAVA -> javaDeserialize(bytes);
            default -> throw new SerializationException(String.format("unknown type tag 0x%02x", tag & 0xff));
        };
    }

    /**
     * {@code Optional.of(...)}, nested as deep as the tags say. Unwrapped in a loop, not by
     * recursion: bytes planted in a shared store could nest thousands deep to exhaust the stack.
     */
    private Object nestedOptional(byte[] bytes) {
        int depth = 0;
        while (depth < bytes.length && bytes[depth] == OPTIONAL_OF) {
            depth++;
        }
        Object value = deserialize(Arrays.copyOfRange(bytes, depth, bytes.length));
        for (int i = 0; i < depth; i++) {
            value = Optional.of(value);
        }
        return value;
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static ByteBuffer body(byte[] bytes, int size) {
        if (bytes.length != size + 1) {
            throw new SerializationException("expected " + (size + 1) + " bytes for tag " + bytes[0]
                    + ", found " + bytes.length);
        }
        return ByteBuffer.wrap(bytes, 1, size);
    }

    private static Long parseLong(byte[] bytes) {
        try {
            return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new SerializationException("bytes start like an integer but are not one", e);
        }
    }

    private byte[] javaSerialize(Object value) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        buffer.write(JAVA);
        try (ObjectOutputStream out = new AllowListOutputStream(buffer, allowList)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new SerializationException("cannot serialise a " + value.getClass().getName() + ": " + e, e);
        }
        return buffer.toByteArray();
    }

    private Object javaDeserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new SerializationException("refused to decode: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new SerializationException("cannot decode stored bytes: " + e, e);
        }
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        return allowList.allows(c) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    /** Checks each class as its descriptor is written, superclasses and elements included. */
    private static final class AllowListOutputStream extends ObjectOutputStream {
        private final AllowList allowList;

        AllowListOutputStream(ByteArrayOutputStream out, AllowList allowList) throws IOException {
            super(out);
            this.allowList = allowList;
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            if (!allowList.allows(cl)) {
                throw new NotAllowedException(cl);
            }
        }

        @Override
        protected void annotateProxyClass(Class<?> cl) {
            throw new NotAllowedException(cl);
        }
    }

    /** Unchecked, so that ObjectOutputStream does not try to write it into the stream. */
    private static final class NotAllowedException extends SerializationException {
        NotAllowedException(Class<?> cl) {
            super("class " + cl.getName() + " is not in the serializer's allow-list, so it could not be read back;"
                    + " allow it with the option allow-classes=" + cl.getPackageName() + ".*");
        }
    }
}
