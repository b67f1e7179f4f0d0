package dev.larder.http;

import dev.larder.support.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The absolute URI Django keys a page by: {@code request.build_absolute_uri()} of the request a
 * WSGI server makes from the raw request target, so that every spelling of one resource
 * ({@code /k/%7Euser} and {@code /k/~user}, {@code %c3%a9} and {@code %C3%A9},
 * {@code /x/./y/../z} and {@code /x/z}, {@code /p?} and {@code /p}) gives one key, and that
 * key is Django's.
 *
 * <pre>{@code
 * AbsoluteUri.of("http", "www.example.com", "/k/%7euser?a+b");   // "http://www.example.com/k/~user?a+b"
 * AbsoluteUri.of("http", "h", "/x/./y/../caf%c3%a9");            // "http://h/x/caf%C3%A9"
 * }</pre>
 *
 * <p>What Django does, step by step: the WSGI server percent-decodes the path into bytes
 * ({@code PATH_INFO}); Django reads them as UTF-8 and escapes the result again with
 * {@code escape_uri_path}; the query is kept as sent, through {@code iri_to_uri}, and dropped
 * when empty; dot segments are resolved (Python's {@code urljoin}) when the path holds
 * {@code /./} or {@code /../}; the host is the Host header as sent.
 *
 * <p>Where Django's map would give two different resources of a servlet container one key,
 * this one keeps them apart, writing a lower-case escape, which Django's path never contains:
 * <ul>
 *   <li>{@code %2F} stays {@code %2f} (Django decodes it to {@code /}, but a container that lets
 *       it through routes {@code /a%2Fb} apart from {@code /a/b});
 *   <li>{@code %3B} stays {@code %3b} (Django escapes both {@code ;} and {@code %3B} to
 *       {@code %3B}, but a literal {@code ;} starts path parameters, which a container strips
 *       before it routes, so {@code /p;x} is {@code /p} and {@code /p%3Bx} is not);
 *   <li>an octet that is not part of valid UTF-8 is written {@code %ff} (Django writes
 *       {@code %25FF}, the spelling of the path {@code /%25FF}, a literal {@code %FF});
 *   <li>a non-ASCII character in the query is written as its UTF-8 bytes (Django reads the
 *       query's bytes as Latin-1 and encodes each as UTF-8, so a raw {@code é} gets the key of
 *       the query {@code %C3%83%C2%A9}, which a container decodes to {@code Ã©}).
 * </ul>
 * A fragment is dropped (as gunicorn and servlet containers do; wsgiref keeps it in the path
 * or query), and a leading {@code //} is kept (as gunicorn does; wsgiref collapses it).
 *
 * <p>Stateless and thread-safe.
 */
public final class AbsoluteUri {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    // RFC 3986 §3.2.2 reg-name (without pct-encoded) or IP-literal, then an optional port.
    // Django refuses more (DisallowedHost for "a_b.com"); what is left cannot hold '/', '?', '#' or '@'.
    private static final Pattern HOST =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9\\-._~!$&'()*+,;=]+)(:[0-9]+)?");
    private static final String REG_NAME_MARKS = "-._~!$&'()*+,;=";
    // Python's quote() never encodes ASCII letters, digits and "_.-~"; escape_uri_path adds these.
    private static final String PATH_SAFE = "_.-~/:@&+$,!*'()";
    private static final String QUERY_SAFE = "_.-~/#%[]=:;$&()+,!?*@'";
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    private AbsoluteUri() {
    }

    /**
     * Django's absolute URI for a request.
     *
     * @param scheme {@code http} or {@code https} (any RFC 3986 scheme), as the request has it
     * @param host the Host header as sent ({@code www.example.com:8080}, {@code [::1]}); see
     *     {@link #isHost}
     * @param requestTarget the origin-form target as received, path and query, not decoded;
     *     a character above U+007F stands for its UTF-8 octets, as a container that decodes
     *     the request line as UTF-8 hands it over
     * @throws IllegalArgumentException naming the value (escaped and shortened as
     *     {@link Keys#printable} does) if the scheme or host is not one, or
     *     the target does not start with {@code /} or holds an unpaired surrogate
     */
    public static String of(String scheme, String host, String requestTarget) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTarget, "requestTarget");
        if (!scheme.equals("http") && !scheme.equals("https") && !SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("not a URI scheme: '" + Keys.printable(scheme) + "'");
        }
        if (!isHost(host)) {
            throw new IllegalArgumentException("not a host[:port] a URI can carry: '" + Keys.printable(host) + "'");
        }
        if (!requestTarget.startsWith("/")) {
            throw new IllegalArgumentException("not an origin-form request target (must start with '/'): '"
                    + Keys.printable(requestTarget) + "'");
        }
        int hash = requestTarget.indexOf('#');
        String target = hash < 0 ? requestTarget : requestTarget.substring(0, hash);
        int q = target.indexOf('?');
        String path = path(q < 0 ? target : target.substring(0, q));
        String query = q < 0 ? "" : target.substring(q + 1);
        // build_absolute_uri resolves dot segments only when it sees one of these.
        if (path.contains("/./") || path.contains("/../")) {
            path = removeDotSegments(path);
        }
        return scheme + "://" + host + path + (query.isEmpty() ? "" : "?" + query(query));
    }

    /**
     * True if {@code host} is a host with an optional port that a URI can carry: a reg-name of
     * letters, digits and {@code -._~!$&'()*+,;=}, or a bracketed IPv6 literal. It cannot hold
     * {@code /}, {@code ?}, {@code #} or {@code @}, so no host and path can pass for another.
     */
    public static boolean isHost(String host) {
        // Without a Matcher for the usual host: this is HOST's second alternative, which a host
        // not starting with '[' must match.
        return host != null && (isRegNameAndPort(host) || host.startsWith("[") && HOST.matcher(host).matches());
    }

    /** {@code [A-Za-z0-9\-._~!$&'()*+,;=]+(:[0-9]+)?}, without a regular expression. */
    private static boolean isRegNameAndPort(String host) {
        int n = host.length();
        int i = 0;
        while (i < n && isRegNameChar(host.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (host.charAt(i) != ':' || i + 1 == n) {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            if (host.charAt(j) < '0' || host.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isRegNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || REG_NAME_MARKS.indexOf(c) >= 0;
    }

    /** PATH_INFO's octets, read as UTF-8 and escaped again (get_path_info, escape_uri_path). */
    private static String path(String raw) {
        if (isPlain(raw, PATH_SAFE)) {
            return raw;
        }
        byte[] octets = octets(raw);
        BitSet kept = new BitSet();
        int n = percentDecode(octets, kept);
        StringBuilder out = new StringBuilder(n * 3);
        int i = 0;
        while (i < n) {
            int valid = kept.get(i) ? 1 : wellFormedLength(octets, i, n, kept);
            if (valid == 0 || kept.get(i)) {
                escape(out, octets[i] & 0xff, LOWER);
                i++;
                continue;
            }
            for (int end = i + valid; i < end; i++) {
                int octet = octets[i] & 0xff;
                if (octet < 0x80 && isSafe((char) octet, PATH_SAFE)) {
                    out.append((char) octet);
                } else {
                    escape(out, octet, UPPER);
                }
            }
        }
        return out.toString();
    }

    /** iri_to_uri of the query as sent: escapes kept, anything else outside its safe set encoded. */
    private static String query(String raw) {
        if (isPlain(raw, QUERY_SAFE)) {
            return raw;
        }
        byte[] octets = octets(raw);
        StringBuilder out = new StringBuilder(octets.length * 3);
        for (byte b : octets) {
            int octet = b & 0xff;
            if (octet < 0x80 && isSafe((char) octet, QUERY_SAFE)) {
                out.append((char) octet);
            } else {
                escape(out, octet, UPPER);
            }
        }
        return out.toString();
    }

    private static byte[] octets(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // UTF-8 would write it as '?', which would give it the key of "%3F".
                throw new IllegalArgumentException("request target has an unpaired surrogate at index " + i + ": '"
                        + Keys.printable(raw) + "'");
            }
        }
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The WSGI server's unquote, in place: each valid {@code %XX} becomes its octet. The
     * octets of {@code %2F} and {@code %3B} are flagged in {@code kept}, to stay apart from
     * {@code /} and {@code ;}. Returns the decoded length.
     */
    private static int percentDecode(byte[] octets, BitSet kept) {
        int n = 0;
        for (int i = 0; i < octets.length; i++) {
            int hi = i + 2 < octets.length && octets[i] == '%' ? hex(octets[i + 1]) : -1;
            int lo = hi < 0 ? -1 : hex(octets[i + 2]);
            if (lo < 0) {
                octets[n++] = octets[i];
            } else {
                int octet = hi << 4 | lo;
                if (octet == '/' || octet == ';') {
                    kept.set(n);
                }
                octets[n++] = (byte) octet;
                i += 2;
            }
        }
        return n;
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i} (Unicode Table 3-7, which
     * Python's strict decoder follows), or 0 when the octet there starts none. A kept octet is
     * ASCII, so it ends any sequence it interrupts.
     */
    private static int wellFormedLength(byte[] u, int i, int n, BitSet kept) {
        int b0 = u[i] & 0xff;
        if (b0 < 0x80) {
            return 1;
        }
        int length = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
        if (length == 0 || i + length > n) {
            return 0;
        }
        int lowest = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
        int highest = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
        for (int k = 1; k < length; k++) {
            int b = u[i + k] & 0xff;
            if (b < (k == 1 ? lowest : 0x80) || b > (k == 1 ? highest : 0xBF) || kept.get(i + k)) {
                return 0;
            }
        }
        return length;
    }

    /**
     * Python's {@code urljoin} for an absolute path: {@code .} segments go, {@code ..} removes
     * the segment before it (never past the root), empty segments stay, and a path ending in a
     * dot segment keeps its trailing slash. A servlet container removes dot segments before it
     * routes (Servlet 6.0 URI path canonicalization), so {@code /x/./y/../z} and {@code /x/z}
     * are one resource. Django resolves only when the path holds {@code /./} or {@code /../}:
     * {@code /x/y/..} keeps a key of its own, though a container routes it as {@code /x/}.
     */
    private static String removeDotSegments(String path) {
        // Segment bounds, not substrings: a path of a million "./" must not make a million strings.
        int[] starts = new int[8];
        int[] ends = new int[8];
        int kept = 0;
        int from = 0;
        boolean lastIsDot = false;
        while (from <= path.length()) {
            int to = path.indexOf('/', from);
            to = to < 0 ? path.length() : to;
            boolean dot = to - from == 1 && path.charAt(from) == '.';
            boolean dotDot = to - from == 2 && path.startsWith("..", from);
            if (dotDot) {
                kept = Math.max(0, kept - 1);
            } else if (!dot) {
                if (kept == starts.length) {
                    starts = Arrays.copyOf(starts, kept * 2);
                    ends = Arrays.copyOf(ends, kept * 2);
                }
                starts[kept] = from;
                ends[kept++] = to;
            }
            lastIsDot = dot || dotDot;
            from = to + 1;
        }
        StringBuilder out = new StringBuilder(path.length() + 1);
        for (int k = 0; k < kept; k++) {
            out.append(k == 0 ? "" : "/").append(path, starts[k], ends[k]);
        }
        if (lastIsDot) {
            out.append(kept == 0 ? "" : "/");
        }
        return out.length() > 0 && out.charAt(0) == '/' ? out.toString() : out.insert(0, '/').toString();
    }

    private static boolean isPlain(String s, String safe) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || !isSafe(c, safe)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafe(char c, String safe) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || safe.indexOf(c) >= 0;
    }

    private static int hex(int c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static void escape(StringBuilder out, int octet, char[] digits) {
        out.append('%').append(digits[octet >> 4]).append(digits[octet & 0xf]);
    }
}
