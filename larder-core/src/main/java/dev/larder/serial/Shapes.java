package dev.larder.serial;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The concrete collection classes, and the JDK value types written as text, that Larder's
 * format names by a one-byte kind, so that a value reads back as the class it was written as.
 * Unmodifiable collections (from {@code List.of}, {@code Collections.unmodifiableMap} and the
 * like) come back as unmodifiable wrappers with the same elements in the same order.
 */
final class Shapes {
    static final int ARRAY_LIST = 0;
    static final int LINKED_LIST = 1;
    static final int UNMODIFIABLE = 2;
    static final int ARRAYS_AS_LIST = 3;
    static final int COPY_ON_WRITE = 4;

    static final int HASH = 0;
    static final int LINKED_HASH = 1;
    static final int TREE = 3;
    static final int CONCURRENT_HASH = 4;
    static final int SKIP_LIST = 5;

    private static final Class<?> ARRAYS_AS_LIST_CLASS = Arrays.asList().getClass();

    /** Values written as their text form, by kind; the parser of each is linear in the text. */
    private static final List<Class<?>> TEXT_TYPES = List.of(Instant.class, LocalDate.class, LocalTime.class,
            LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class, Duration.class, Period.class,
            ZoneId.class, Year.class, YearMonth.class, MonthDay.class, OffsetTime.class, URI.class, Date.class,
            Locale.class, Currency.class);
    private static final List<Function<String, Object>> TEXT_PARSERS = List.of(Instant::parse, LocalDate::parse,
            LocalTime::parse, LocalDateTime::parse, OffsetDateTime::parse, ZonedDateTime::parse, Duration::parse,
            Period::parse, ZoneId::of, Year::parse, YearMonth::parse, MonthDay::parse, OffsetTime::parse, URI::create,
            s -> new Date(Long.parseLong(s)), Locale::forLanguageTag, Currency::getInstance);

    private Shapes() {
    }

    /** The kind of a list class, or -1 when Larder's format does not name it. */
    static int listKind(Class<?> c) {
        if (c == ArrayList.class) {
            return ARRAY_LIST;
        }
        if (c == LinkedList.class) {
            return LINKED_LIST;
        }
        if (c == ARRAYS_AS_LIST_CLASS) {
            return ARRAYS_AS_LIST;
        }
        if (c == CopyOnWriteArrayList.class) {
            return COPY_ON_WRITE;
        }
        return isUnmodifiable(c) ? UNMODIFIABLE : -1;
    }

    static int setKind(Set<?> s) {
        Class<?> c = s.getClass();
        if (c == HashSet.class) {
            return HASH;
        }
        if (c == LinkedHashSet.class) {
            return LINKED_HASH;
        }
        if (c == TreeSet.class && ((SortedSet<?>) s).comparator() == null) {
            return TREE;
        }
        if (c == ConcurrentSkipListSet.class && ((SortedSet<?>) s).comparator() == null) {
            return SKIP_LIST;
        }
        return isUnmodifiable(c) ? UNMODIFIABLE : -1;
    }

    static int mapKind(Map<?, ?> m) {
        Class<?> c = m.getClass();
        if (c == HashMap.class) {
            return HASH;
        }
        if (c == LinkedHashMap.class) {
            return LINKED_HASH;
        }
        if (c == TreeMap.class && ((SortedMap<?, ?>) m).comparator() == null) {
            return TREE;
        }
        if (c == ConcurrentHashMap.class) {
            return CONCURRENT_HASH;
        }
        if (c == ConcurrentSkipListMap.class && ((SortedMap<?, ?>) m).comparator() == null) {
            return SKIP_LIST;
        }
        return isUnmodifiable(c) ? UNMODIFIABLE : -1;
    }

    /** {@code List.of}, {@code Collections.unmodifiableList}, {@code emptyList} and kin, not sorted ones. */
    private static boolean isUnmodifiable(Class<?> c) {
        String name = c.getName();
        return (name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton"))
                && !name.contains("Sorted") && !name.contains("Navigable");
    }

    static List<Object> newList(int kind, Object[] elements) {
        return switch (kind) {
            case ARRAY_LIST -> new ArrayList<>(Arrays.asList(elements));
            case LINKED_LIST -> new LinkedList<>(Arrays.asList(elements));
            case UNMODIFIABLE -> Collections.unmodifiableList(Arrays.asList(elements));
            case ARRAYS_AS_LIST -> Arrays.asList(elements);
            case COPY_ON_WRITE -> new CopyOnWriteArrayList<>(elements);
            default -> null;
        };
    }

    /** A set of a hashed or sorted kind; its members have been checked by {@link Keys}. */
    static Set<Object> newSet(int kind, Object[] members) {
        Set<Object> set = switch (kind) {
            case HASH -> new HashSet<>(capacity(members.length));
            case LINKED_HASH, UNMODIFIABLE -> new LinkedHashSet<>(capacity(members.length));
            case TREE -> new TreeSet<>();
            case SKIP_LIST -> new ConcurrentSkipListSet<>();
            default -> null;
        };
        if (set != null) {
            set.addAll(Arrays.asList(members));
        }
        return kind == UNMODIFIABLE ? Collections.unmodifiableSet(set) : set;
    }

    static Map<Object, Object> newMap(int kind, int size) {
        return switch (kind) {
            case HASH -> new HashMap<>(capacity(size));
            case LINKED_HASH, UNMODIFIABLE -> new LinkedHashMap<>(capacity(size));
            case TREE -> new TreeMap<>();
            case CONCURRENT_HASH -> new ConcurrentHashMap<>(capacity(size));
            case SKIP_LIST -> new ConcurrentSkipListMap<>();
            default -> null;
        };
    }

    static Map<Object, Object> finish(int kind, Map<Object, Object> map) {
        return kind == UNMODIFIABLE ? Collections.unmodifiableMap(map) : map;
    }

    /** The text kind of a value, or -1. */
    static int textKind(Object v) {
        Class<?> c = v.getClass();
        for (int i = 0; i < TEXT_TYPES.size(); i++) {
            Class<?> t = TEXT_TYPES.get(i);
            if (c == t || (t == ZoneId.class && v instanceof ZoneId)) {
                // A language tag cannot spell every Locale (no_NO_NY, a three-letter country).
                return t == Locale.class && !Locale.forLanguageTag(((Locale) v).toLanguageTag()).equals(v) ? -1 : i;
            }
        }
        return -1;
    }

    static String text(int kind, Object v) {
        return kind == TEXT_TYPES.indexOf(Date.class) ? Long.toString(((Date) v).getTime())
                : kind == TEXT_TYPES.indexOf(Locale.class) ? ((Locale) v).toLanguageTag() : v.toString();
    }

    static Object parseText(int kind, String text) {
        if (kind < 0 || kind >= TEXT_PARSERS.size()) {
            throw new IllegalArgumentException("unknown text kind " + kind);
        }
        return TEXT_PARSERS.get(kind).apply(text);
    }

    private static int capacity(int size) {
        return (int) Math.min(1 << 30, size / 0.75 + 1);
    }
}
