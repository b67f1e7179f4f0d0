package dev.larder.serial;

import dev.larder.SerializationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A record class's components and canonical constructor, found once per class. A record is
 * rebuilt through its canonical constructor, as Java serialisation does, so its own checks
 * run on what was read.
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final Method[] accessors;
    private final Constructor<?> constructor;
    private final RuntimeException unusable;

    private RecordShape(Class<?> type) {
        this.type = type;
        Method[] found = new Method[0];
        Constructor<?> canonical = null;
        RuntimeException problem = null;
        try {
            RecordComponent[] components = type.getRecordComponents();
            found = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                found[i] = components[i].getAccessor();
                found[i].setAccessible(true);
                types[i] = components[i].getType();
            }
            canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            problem = new SerializationException("record " + type.getName() + " cannot be written or read: " + e, e);
        }
        this.accessors = found;
        this.constructor = canonical;
        this.unusable = problem;
    }

    static RecordShape of(Class<?> recordClass) {
        return SHAPES.get(recordClass);
    }

    int size() {
        return accessors.length;
    }

    Object[] components(Object record) {
        check();
        Object[] values = new Object[accessors.length];
        try {
            for (int i = 0; i < accessors.length; i++) {
                values[i] = accessors[i].invoke(record);
            }
        } catch (ReflectiveOperationException e) {
            throw new SerializationException("cannot read the components of a " + type.getName() + ": " + e, e);
        }
        return values;
    }

    Object construct(Object[] values) {
        check();
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new SerializationException("the constructor of " + type.getName() + " refused the stored values: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new SerializationException("stored components do not fit " + type.getName() + ": " + e, e);
        }
    }

    private void check() {
        if (unusable != null) {
            throw unusable;
        }
    }
}
