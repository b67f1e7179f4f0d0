package dev.larder.serial;

import dev.larder.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Java serialisation, for the values Larder's own format has no shape for: classes of the
 * user's own that are not records, and collection classes it does not name. It is off until
 * the allow-list names classes beyond the defaults, so with the default configuration stored
 * bytes cannot reach {@link ObjectInputStream} at all. When on, every read is budgeted by the
 * length it reads ({@link Budget}).
 */
final class JavaSerialization {
    private final AllowList allowList;
    private final boolean enabled;

    JavaSerialization(AllowList allowList) {
        this.allowList = allowList;
        this.enabled = allowList.hasOwnPatterns();
    }

    /**
     * Writes {@code value} as one Java-serialised element.
     *
     * @param why why Larder's format could not take it, or null when it has no shape for the class
     */
    void write(ByteSink sink, Object value, String why) {
        Class<?> type = value.getClass();
        if (!allowList.allows(type)) {
            throw notAllowed(type);
        }
        if (!enabled) {
            throw new SerializationException("a " + type.getName() + " cannot be stored: "
                    + (why != null ? why + ", so it would need" : "it has no shape in Larder's format and would need")
                    + " Java serialisation, which is off until allow-classes names classes of your own"
                    + " (allow-classes=" + type.getName() + " turns it on)");
        }
        sink.put(Tags.JAVA);
        try (ObjectOutputStream out = new AllowListOutputStream(new SinkStream(sink), allowList)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new SerializationException("cannot serialise a " + type.getName() + ": " + e, e);
        }
    }

    /** Reads the Java-serialised element in {@code bytes[offset, offset + length)}. */
    Object read(byte[] bytes, int offset, int length) {
        if (!enabled) {
            throw new SerializationException("refused to decode: stored bytes use Java serialisation, which is off"
                    + " until allow-classes names classes of your own");
        }
        Budget budget = new Budget(allowList, length, System.nanoTime());
        try (ObjectInputStream in = new CostedInputStream(new ByteArrayInputStream(bytes, offset, length), length, allowList)) {
            in.setObjectInputFilter(budget);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new SerializationException("refused to decode: " + budget.refusal(e), e);
        } catch (InvalidObjectException e) {
            throw new SerializationException("refused to decode: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            throw new SerializationException("cannot decode stored bytes: " + e, e);
        } catch (StackOverflowError e) {
            // A collection that holds itself, hashed by its own readObject before any check sees it.
            throw new SerializationException("refused to decode: it recursed past the stack (a collection that holds"
                    + " itself)", e);
        }
    }

    static SerializationException notAllowed(Class<?> type) {
        return new NotAllowedException(type);
    }

    /**
     * Keeps what hashing any object read can cost under a budget set by the stored length.
     * Sets of sets (or of lists, or of records holding either) that share their members through
     * back references cost exponential time to hash, and no filter sees which object a back
     * reference names; but every object is handed to {@link #resolveObject} once it is read,
     * before the collection that holds it hashes it. There each container's cost is summed
     * from its members' (shared members counted at every place they appear, as hashing counts
     * them), and one over budget is refused before anything hashes it. A hash then costs at
     * most the budget, and the time budget stops the read at its next reference.
     */
    private static final class CostedInputStream extends ObjectInputStream {
        private final Map<Object, Long> costs = new IdentityHashMap<>();
        private final long limit;
        private final AllowList allowList;

        CostedInputStream(ByteArrayInputStream in, long length, AllowList allowList) throws IOException {
            super(in);
            this.allowList = allowList;
            this.limit = Budget.COST_FLOOR + Budget.COST_PER_STORED_BYTE * length;
            enableResolveObject(true);
        }

        /** Names outside the allow-list are refused before Java loads them (the filter runs after). */
        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            String element = name.startsWith("[") ? name.replaceFirst("^\\[+L?", "").replaceFirst(";$", "") : name;
            if (element.length() > 1 && !allowList.allowsName(element)) {
                throw new InvalidClassException(name, "not in the allow-list");
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
            throw new InvalidClassException("a proxy class", "proxies are never read");
        }

        @Override
        protected Object resolveObject(Object obj) throws IOException {
            long cost;
            if (obj instanceof Collection<?> c) {
                cost = 1 + sum(c);
            } else if (obj instanceof Map<?, ?> m) {
                cost = 1 + sum(m.keySet()) + sum(m.values());
            } else if (obj instanceof Record r) {
                cost = 1 + sum(Arrays.asList(RecordShape.of(r.getClass()).components(r)));
            } else {
                return obj;
            }
            if (cost > limit) {
                throw new InvalidObjectException("hashing its " + obj.getClass().getName() + " would visit " + cost
                        + " members (shared ones at every place), over the budget of " + limit);
            }
            costs.put(obj, cost);
            return obj;
        }

        private long sum(Collection<?> members) {
            long total = 0;
            for (Object m : members) {
                Long known = m == null ? null : costs.get(m);
                if (known == null && (m instanceof Collection<?> || m instanceof Map<?, ?> || m instanceof Record)) {
                    // A container not yet read whole is one that holds itself: hashing it never ends.
                    return limit + 1;
                }
                total += known == null ? 1 : known;
                if (total > limit) {
                    return total;
                }
            }
            return total;
        }
    }

    /** Checks each class as its descriptor is written, superclasses and elements included. */
    private static final class AllowListOutputStream extends ObjectOutputStream {
        private final AllowList allowList;

        AllowListOutputStream(OutputStream out, AllowList allowList) throws IOException {
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

    private static final class SinkStream extends OutputStream {
        private final ByteSink sink;

        SinkStream(ByteSink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            sink.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sink.put(b, off, len);
        }
    }

    /**
     * The limits of one read, set by the length read: memory that arrays (and the tables that
     * collections size from a stored count) may claim, nesting, references and time. A claim
     * over budget is refused before Java allocates it.
     */
    static final class Budget implements ObjectInputFilter {
        static final int MAX_DEPTH = NativeWriter.MAX_DEPTH;
        static final long BYTES_PER_STORED_BYTE = 16;
        static final long BYTES_FLOOR = 64 * 1024;
        static final long NANOS_FLOOR = 250_000_000L;
        static final long NANOS_PER_STORED_BYTE = 1_000;
        static final long COST_FLOOR = 1024;
        static final long COST_PER_STORED_BYTE = 4;

        private final AllowList allowList;
        private final long length;
        private final long deadline;
        private long bytesLeft;
        private String refusal;

        Budget(AllowList allowList, long length, long now) {
            this.allowList = allowList;
            this.length = length;
            this.bytesLeft = BYTES_FLOOR + BYTES_PER_STORED_BYTE * length;
            this.deadline = now + NANOS_FLOOR + NANOS_PER_STORED_BYTE * length;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > MAX_DEPTH) {
                return refuse("it nests deeper than " + MAX_DEPTH + " levels");
            }
            if (info.references() > length) {
                return refuse("it holds more references than its " + length + " bytes can");
            }
            if (System.nanoTime() - deadline > 0) {
                return refuse("decoding " + length + " bytes took longer than its time budget");
            }
            Class<?> c = info.serialClass();
            if (info.arrayLength() >= 0 && c != null) {
                bytesLeft -= info.arrayLength() * width(c.getComponentType());
                if (bytesLeft < 0) {
                    return refuse("it claims an array of " + info.arrayLength() + " " + c.getComponentType().getName()
                            + ", more memory than " + length + " stored bytes may claim");
                }
            }
            if (c == null) {
                return Status.UNDECIDED;
            }
            return allowList.allows(c) ? Status.ALLOWED : refuse("class " + c.getName() + " is not in the allow-list");
        }

        private Status refuse(String why) {
            if (refusal == null) {
                refusal = why;
            }
            return Status.REJECTED;
        }

        String refusal(InvalidClassException e) {
            return refusal != null ? refusal : e.getMessage();
        }

        private static long width(Class<?> component) {
            if (component == null || !component.isPrimitive()) {
                return 8;
            }
            if (component == long.class || component == double.class) {
                return 8;
            }
            if (component == int.class || component == float.class) {
                return 4;
            }
            return component == byte.class || component == boolean.class ? 1 : 2;
        }
    }
}
