package dev.larder.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of messages, logs, {@code toString()} and exception chains.
 *
 * <p>{@link #mask(String)} hides, in a location or URL, the password of a user-info
 * ({@code redis://user:secret@host} becomes {@code redis://user:***@host},
 * {@code redis://secret@host} becomes {@code redis://***@host}) and the value of every
 * password-like parameter ({@code password=}, {@code pass=}, {@code pwd=}, {@code secret=},
 * {@code token=}, {@code auth=} and names ending so, any case; {@code ?}, {@code &} or
 * {@code ;} separated). A password may hold any character: the user-info ends at the last
 * {@code @} of its URL, and a value at the separator before the next {@code name=}.
 *
 * <p>An instance ({@link #in}) also knows the secret values of the locations it was made from,
 * raw and percent-decoded, so it can {@link #redact} any text (a driver's message that quotes
 * the URL its own way) and {@link #scrub} a third-party exception before Larder chains it.
 *
 * <pre>{@code
 * Secrets secrets = Secrets.in(url).and(options.string("password").orElse(null));
 * throw new CacheConfigException("url='" + Secrets.mask(url) + "': cannot connect: "
 *         + secrets.redact(e.getMessage()), secrets.scrub(e));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Secrets {
    /** What a secret is replaced by. */
    public static final String MASK = "***";
    /** No known values: {@link #redact} and {@link #scrub} mask what has the shape of a secret. */
    public static final Secrets NONE = new Secrets(List.of());

    /** Shorter pieces of a password are not worth hiding, and would mask common text. */
    private static final int MIN_PIECE = 3;
    private static final Pattern RESERVED = Pattern.compile("[^A-Za-z0-9._~-]+");

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** {@code location} (a URL, or several) with every password replaced by {@link #MASK}. */
    public static String mask(String location) {
        return location == null ? null : replace(location, SecretSpans.find(location, true));
    }

    /** Whether a setting or parameter of this name holds a secret ({@code password}, {@code options.auth-token}). */
    public static boolean isSecretName(String name) {
        return SecretSpans.isSecretName(name);
    }

    /** A setting's value as a message may show it: {@link #MASK} for a secret, else {@link #mask}ed. */
    public static String maskSetting(String name, String value) {
        return value == null ? null : isSecretName(name) ? MASK : mask(value);
    }

    /** The secrets found in these locations or URLs (nulls are skipped). */
    public static Secrets in(String... locations) {
        Set<String> found = new LinkedHashSet<>();
        for (String location : locations) {
            if (location != null) {
                for (int[] span : SecretSpans.each(location, true)) {
                    addForms(found, location.substring(span[0], span[1]));
                }
            }
        }
        return NONE.with(found);
    }

    /** These and the given secret values, such as a password set as an option (nulls skipped). */
    public Secrets and(String... secretValues) {
        Set<String> found = new LinkedHashSet<>();
        for (String value : secretValues) {
            if (value != null) {
                addForms(found, value);
            }
        }
        return with(found);
    }

    /** {@code text} with every known secret, and whatever has the shape of one, replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        // All occurrences first, then one replacement: secrets may overlap in the text.
        List<int[]> spans = SecretSpans.each(text, false);
        for (String value : values) {
            for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
                spans.add(new int[] {i, i + value.length()});
            }
        }
        return replace(text, SecretSpans.merged(spans));
    }

    /**
     * {@code e} if neither it nor its causes and suppressed exceptions say a secret; otherwise a
     * copy to chain in its place: each throwable that says one becomes a
     * {@link RedactedException} with its message {@linkplain #redact redacted} and its stack
     * trace, causes and suppressed exceptions (scrubbed the same way) kept.
     */
    public Throwable scrub(Throwable e) {
        return e == null ? null : new Scrubber(this).scrub(e);
    }

    /**
     * {@code url} with the user name and password between {@code ://} and the last {@code @}
     * percent-encoded, so that a URI parser finds the host after it even when the password
     * holds {@code @}, {@code /}, {@code ?} or {@code #}. Escapes already there are kept.
     */
    public static String encodeUserInfo(String url) {
        int auth = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (auth < 0 || at < auth + 3) {
            return url;
        }
        String userInfo = url.substring(auth + 3, at);
        int colon = userInfo.indexOf(':');
        String encoded = colon < 0 ? encode(userInfo)
                : encode(userInfo.substring(0, colon)) + ":" + encode(userInfo.substring(colon + 1));
        return url.substring(0, auth + 3) + encoded + url.substring(at);
    }

    @Override
    public String toString() {
        return "Secrets[" + values.size() + " known forms]";
    }

    private Secrets with(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(values);
        all.addAll(more);
        return new Secrets(List.copyOf(all));
    }

    /**
     * The secret as written and as clients decode or encode it, and its pieces between reserved
     * characters: a driver that cannot parse such a password in a URL quotes the piece it
     * stumbled on ("Incorrect port value : p@ss").
     */
    private static void addForms(Set<String> found, String value) {
        String raw = value.startsWith("{") && value.endsWith("}") && value.length() > 1
                ? value.substring(1, value.length() - 1).replace("}}", "}") : value;
        String decoded = decode(raw, false);
        List<String> forms = new ArrayList<>(List.of(value, raw, decoded, decode(raw, true), encode(raw),
                encode(decoded)));
        for (String whole : List.of(raw, decoded)) {
            List<String> pieces = List.of(RESERVED.split(whole));
            if (pieces.size() > 1) {
                pieces.stream().filter(p -> p.length() >= MIN_PIECE).forEach(forms::add);
            }
        }
        for (String form : forms) {
            if (!form.isEmpty() && !form.equals(MASK)) {
                found.add(form);
            }
        }
    }

    private static String replace(String text, List<int[]> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] span : spans) {
            out.append(text, at, span[0]).append(MASK);
            at = span[1];
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Percent-encodes all but unreserved characters and well-formed escapes. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isUnreserved(c) || (c == '%' && isEscape(s, i))) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    /** Decodes well-formed {@code %XX} escapes (and {@code +} as a space, as form decoders do); leaves the rest. */
    static String decode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && isEscape(s, i)) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** One scrub: remembers the copy of each throwable, so shared and cyclic chains stay whole. */
    private static final class Scrubber {
        private final Secrets secrets;
        private final Map<Throwable, Throwable> copies = new IdentityHashMap<>();

        Scrubber(Secrets secrets) {
            this.secrets = secrets;
        }

        Throwable scrub(Throwable e) {
            if (copies.containsKey(e)) {
                return copies.get(e);
            }
            // A cycle back to an exception being scrubbed is cut rather than followed.
            copies.put(e, null);
            Throwable cause = e.getCause() == null ? null : scrub(e.getCause());
            Throwable[] suppressed = Arrays.stream(e.getSuppressed()).map(this::scrub).toArray(Throwable[]::new);
            List<Throwable> linked = linked(e);
            boolean clean = cause == e.getCause() && Arrays.equals(suppressed, e.getSuppressed()) && linked.isEmpty()
                    && isClean(e.toString()) && isClean(e.getMessage());
            Throwable result = clean ? e : copy(e, cause, suppressed, linked);
            copies.put(e, result);
            return result;
        }

        private Throwable copy(Throwable e, Throwable cause, Throwable[] suppressed, List<Throwable> linked) {
            RedactedException copy = new RedactedException(e.getClass().getName(), secrets.redact(e.getLocalizedMessage()),
                    cause);
            copy.setStackTrace(e.getStackTrace());
            for (Throwable s : suppressed) {
                if (s != null) {
                    copy.addSuppressed(s);
                }
            }
            linked.forEach(copy::addSuppressed);
            return copy;
        }

        /**
         * The scrubbed copies of exceptions a {@code java.sql.SQLException} links with
         * {@code setNextException} (it iterates over them), when one says a secret: printing
         * skips them, but callers walk them.
         */
        private List<Throwable> linked(Throwable e) {
            if (!(e instanceof Iterable<?> chain)) {
                return List.of();
            }
            List<Throwable> out = new ArrayList<>();
            boolean dirty = false;
            for (Object o : chain) {
                if (o instanceof Throwable t && t != e && !copies.containsKey(t)) {
                    Throwable scrubbed = scrub(t);
                    dirty |= scrubbed != t;
                    out.add(scrubbed);
                }
            }
            return dirty ? out : List.of();
        }

        private boolean isClean(String text) {
            return text == null || secrets.redact(text).equals(text);
        }
    }
}
