package dev.larder.serial;

import dev.larder.SerializationException;
import dev.larder.spi.Serializer;
import java.util.Objects;

/**
 * Larder's default serializer: its own tagged format for the values caches hold, and Java
 * serialisation only for classes the user allows and the format has no shape for.
 *
 * <ul>
 *   <li>{@code Long} is written as ASCII decimal digits with no tag, the form Redis
 *       {@code INCRBY} and Memcached {@code incr} work on.</li>
 *   <li>A {@link dev.larder.support.ReadOnlyBytes} as a value of its own is its bytes after a
 *       tag, read back as a view of the bytes decoded: no copy, where a {@code byte[]} is
 *       copied on every read.</li>
 *   <li>Strings, {@code byte[]}, the boxed primitives, {@code BigInteger}, {@code BigDecimal},
 *       {@code UUID}, the {@code java.time} types, {@code URI}, {@code Date}, {@code Locale},
 *       {@code Currency}, {@code Optional}, arrays of primitives and of these, the common
 *       {@code java.util} lists, sets and maps (read back as the class they were written as),
 *       and records and enums of allowed classes have shapes of their own: a one-byte tag and a
 *       body whose every count and length is checked against the bytes that follow.</li>
 *   <li>Sets and map keys must be of one {@code Comparable} class (strings, numbers, enums,
 *       UUIDs, dates…), so that no planted set can make a read quadratic; other sets and maps
 *       fall back to Java serialisation.</li>
 *   <li>Anything else goes through {@link java.io.ObjectOutputStream}, and only once
 *       {@code allow-classes} names classes beyond the defaults. Writing refuses any class
 *       outside the allow-list (so the mistake shows at {@code set}, not at the next read);
 *       reading refuses such classes before they are loaded, and budgets memory, nesting,
 *       references and time by the stored length.</li>
 * </ul>
 *
 * <p>What one read allocates is bounded by a small multiple of the stored length and its
 * nesting by 20 levels; bytes that break a bound are a {@link SerializationException}, which
 * caches treat as a miss. Records and classes of your own must be allowed:
 * {@code options.allow-classes=com.example.model.*}. Thread-safe.
 */
public final class DefaultSerializer implements Serializer {
    static final byte STRING = Tags.STRING;
    static final byte DOUBLE = Tags.DOUBLE;
    static final byte OPTIONAL_EMPTY = Tags.OPTIONAL_EMPTY;
    static final byte OPTIONAL_OF = Tags.OPTIONAL_OF;
    static final byte JAVA = Tags.JAVA;

    private final AllowList allowList;
    private final JavaSerialization java;
    private final NativeWriter writer;
    private final ClassResolver classes;

    public DefaultSerializer() {
        this(AllowList.defaults());
    }

    public DefaultSerializer(AllowList allowList) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.java = new JavaSerialization(allowList);
        this.writer = new NativeWriter(allowList, java);
        this.classes = new ClassResolver(allowList);
    }

    public AllowList allowList() {
        return allowList;
    }

    @Override
    public byte[] serialize(Object value) {
        Objects.requireNonNull(value, "value");
        return writer.write(value);
    }

    @Override
    public Object deserialize(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("no bytes to decode");
        }
        try {
            return new NativeReader(bytes, classes, java).read();
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A parser of text, a record's constructor or a compareTo refused what was stored, or
            // an allowed class failed to load or initialise.
            throw new SerializationException("cannot decode stored bytes: " + e, e);
        }
    }
}
