package dev.larder.hibernate;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Snapshots as bytes: a versioned record of tagged values, never Java serialisation, so
 * whoever can write to the cache cannot make a reader instantiate classes. Basic values of
 * the common JDK types are supported; an enum is stored by constant name and resolved
 * against the property's own type when read. A property of any other type makes the entity
 * uncacheable ({@link UnsupportedValueException}), never silently wrong.
 */
final class SnapshotCodec {
    private static final int MAGIC = 0x4c4d5332; // "LMS2"
    private static final int MAX_COUNT = 1_000_000;

    /** An enum constant's name, until the property's type resolves it. */
    record EnumName(String name) {
    }

    /** A property value of a type the codec does not store. */
    static final class UnsupportedValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedValueException(Object value) {
            super("cannot cache a property value of type " + value.getClass().getName()
                    + " (supported: strings, numbers, booleans, java.time, UUID, byte[], enums, to-one associations)");
        }
    }

    /** Stored bytes that are not a snapshot Larder wrote. */
    static final class CorruptSnapshotException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(String message) {
            super("corrupt cached entity: " + message);
        }
    }

    private SnapshotCodec() {
    }

    static byte[] encode(Snapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(snapshot.roots());
            out.writeInt(snapshot.stamps().size());
            for (Map.Entry<String, Long> e : snapshot.stamps().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeInt(snapshot.states().size());
            for (Snapshot.State s : snapshot.states()) {
                out.writeUTF(s.entityName());
                write(out, s.id());
                out.writeInt(s.shape());
                out.writeInt(s.values().length);
                for (Object v : s.values()) {
                    write(out, v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static Snapshot decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.getInt() != MAGIC) {
                throw new CorruptSnapshotException("wrong leading bytes");
            }
            int roots = count(in);
            Map<String, Long> stamps = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                stamps.put(utf(in), in.getLong());
            }
            List<Snapshot.State> states = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                String name = utf(in);
                Object id = readBasic(in);
                int shape = in.getInt();
                Object[] values = new Object[count(in)];
                for (int v = 0; v < values.length; v++) {
                    values[v] = read(in);
                }
                states.add(new Snapshot.State(name, id, shape, values));
            }
            if (in.hasRemaining() || roots > states.size()) {
                throw new CorruptSnapshotException("inconsistent lengths");
            }
            return new Snapshot(states, roots, stamps);
        } catch (CorruptSnapshotException e) {
            throw e;
        } catch (RuntimeException e) {
            // Any other failure of untrusted bytes (underflow, a bad number, date or UUID) is corruption too.
            throw new CorruptSnapshotException(e.toString());
        }
    }

    private static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
        } else if (v instanceof String s) {
            out.writeByte(1);
            writeString(out, s);
        } else if (v instanceof Long n) {
            out.writeByte(2);
            out.writeLong(n);
        } else if (v instanceof Integer n) {
            out.writeByte(3);
            out.writeInt(n);
        } else if (v instanceof Short n) {
            out.writeByte(4);
            out.writeShort(n);
        } else if (v instanceof Byte n) {
            out.writeByte(5);
            out.writeByte(n);
        } else if (v instanceof Boolean b) {
            out.writeByte(6);
            out.writeBoolean(b);
        } else if (v instanceof Double d) {
            out.writeByte(7);
            out.writeDouble(d);
        } else if (v instanceof Float f) {
            out.writeByte(8);
            out.writeFloat(f);
        } else {
            writeOther(out, v);
        }
    }

    private static void writeOther(DataOutputStream out, Object v) throws IOException {
        int tag = v instanceof BigDecimal ? 9 : v instanceof BigInteger ? 10 : v instanceof LocalDate ? 11
                : v instanceof LocalDateTime ? 12 : v instanceof LocalTime ? 13 : v instanceof Instant ? 14
                : v instanceof OffsetDateTime ? 15 : v instanceof UUID ? 16 : v instanceof Character ? 18 : -1;
        if (tag > 0) {
            out.writeByte(tag);
            writeString(out, v.toString());
        } else if (v instanceof byte[] b) {
            out.writeByte(17);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Enum<?> e) {
            out.writeByte(19);
            writeString(out, e.name());
        } else if (v instanceof Snapshot.Ref r) {
            out.writeByte(20);
            out.writeUTF(r.entityName());
            write(out, r.id());
        } else if (v == Snapshot.NOT_CACHED) {
            out.writeByte(21);
        } else if (v instanceof Date d) {
            out.writeByte(22);
            out.writeLong(d.getTime());
        } else {
            throw new UnsupportedValueException(v);
        }
    }

    private static Object read(ByteBuffer in) {
        int tag = in.get();
        return switch (tag) {
            case 0 -> null;
            case 1 -> string(in);
            case 2 -> in.getLong();
            case 3 -> in.getInt();
            case 4 -> in.getShort();
            case 5 -> in.get();
            case 6 -> in.get() != 0;
            case 7 -> in.getDouble();
            case 8 -> in.getFloat();
            case 9 -> new BigDecimal(string(in));
            case 10 -> new BigInteger(string(in));
            case 11 -> LocalDate.parse(string(in));
            case 12 -> LocalDateTime.parse(string(in));
            case 13 -> LocalTime.parse(string(in));
            case 14 -> Instant.parse(string(in));
            case 15 -> OffsetDateTime.parse(string(in));
            case 16 -> UUID.fromString(string(in));
            case 17 -> bytes(in);
            case 18 -> character(in);
            case 19 -> new EnumName(string(in));
            case 20 -> new Snapshot.Ref(utf(in), readBasic(in)); // an id is never a reference: no recursion
            case 21 -> Snapshot.NOT_CACHED;
            case 22 -> new Date(in.getLong());
            default -> throw new CorruptSnapshotException("unknown value tag " + tag);
        };
    }

    /** An id or any other value that cannot itself be a reference. */
    private static Object readBasic(ByteBuffer in) {
        if (in.hasRemaining() && in.get(in.position()) == 20) {
            throw new CorruptSnapshotException("a reference where an id was expected");
        }
        return read(in);
    }

    private static char character(ByteBuffer in) {
        String s = string(in);
        if (s.length() != 1) {
            throw new CorruptSnapshotException("a character of length " + s.length());
        }
        return s.charAt(0);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new CorruptSnapshotException("length " + n + " with " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** DataOutputStream.writeUTF's format: a two-byte length, then modified UTF-8 (ASCII names here). */
    private static String utf(ByteBuffer in) {
        int n = in.getShort() & 0xffff;
        if (n > in.remaining()) {
            throw new CorruptSnapshotException("name length " + n + " with " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A count of items that take at least a byte each: never more than the bytes left. */
    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > MAX_COUNT || n > in.remaining()) {
            throw new CorruptSnapshotException("implausible count " + n);
        }
        return n;
    }
}
