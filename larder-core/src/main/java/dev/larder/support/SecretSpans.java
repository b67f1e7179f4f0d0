package dev.larder.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where the secrets of URL-ish text are: the password of a user-info
 * ({@code scheme://user:password@host}, {@code scheme://password@host}, Oracle's
 * {@code user/password@host}) and the values of password-like parameters
 * ({@code ?password=}, {@code ;pwd=}). A span is {@code {start, end}}.
 *
 * <p>A password may hold any character, {@code @} and {@code /} included, so a user-info ends
 * at the <em>last</em> {@code @} of its URL, not the first: {@code redis://:p@ss/w0rd@host}
 * has the password {@code p@ss/w0rd}; unless what comes before that {@code @} is plainly a host,
 * path and query ({@code host:5432/db?user=admin@server}) or holds a password parameter
 * ({@code ?password=a@b/c}), when the {@code @} is inside a parameter's value. Where it is
 * ambiguous, more is masked rather than less. When the text is known to be one location (bounded),
 * the URL runs to the next URL or the end, and a password may hold spaces and quotes too; in
 * free text (a driver's message) a URL ends at a space or a quote.
 */
final class SecretSpans {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)[\\w.-]*(password|passwd|passphrase|pass|pwd|secret|token|auth|credentials?|api[_.-]?key)");
    // A parameter starts the text or follows a separator, so "xpassword=" inside a value is not one.
    private static final Pattern PARAM = Pattern.compile("(?<![^?&;,\\s(\"'{])([\\w.-]+)=");
    private static final Pattern HOST_PATH_QUERY = Pattern.compile("[^:/?#@\\s]*(:\\d+)?/[^?#]*\\?[\\w.-]+=");
    private static final Pattern NEXT_PARAM = Pattern.compile("\\s*[\\w.-]+=");
    private static final Pattern ORACLE = Pattern.compile("(?i)jdbc:oracle:[a-z0-9]+:[^/@:]*/");

    private SecretSpans() {
    }

    static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name.trim()).matches();
    }

    /** The secret spans of {@code text}, in order and not overlapping. */
    static List<int[]> find(String text, boolean bounded) {
        return merged(each(text, bounded));
    }

    /** Every secret span of {@code text}, as found: a user-info's and a parameter's may overlap. */
    static List<int[]> each(String text, boolean bounded) {
        List<int[]> spans = new ArrayList<>();
        List<Integer> starts = urlStarts(text);
        if (starts.isEmpty()) {
            if (bounded) {
                authorityOnly(text, spans);
            }
            params(text, 0, text.length(), bounded, spans);
            return spans;
        }
        params(text, 0, starts.get(0), bounded, spans);
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            userInfo(text, starts.get(i), end, bounded, spans);
            // From the authority on, not after the user-info only: what looked like one may be
            // a query whose password holds '@' (?password=a@b/c).
            params(text, starts.get(i), end, bounded, spans);
        }
        return spans;
    }

    /** {@code spans} sorted, with overlapping and touching ones joined. */
    static List<int[]> merged(List<int[]> spans) {
        spans.sort(Comparator.comparingInt(s -> s[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                out.add(span.clone());
            }
        }
        return out;
    }

    /** Where each {@code scheme://} begins. */
    private static List<Integer> urlStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        for (int i = text.indexOf("://"); i >= 0; i = text.indexOf("://", i + 3)) {
            int s = i;
            while (s > 0 && isSchemeChar(text.charAt(s - 1))) {
                s--;
            }
            if (s < i && (starts.isEmpty() || starts.get(starts.size() - 1) < s)) {
                starts.add(s);
            }
        }
        return starts;
    }

    private static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-');
    }

    /** Adds the password span of the URL at {@code start}. */
    private static void userInfo(String text, int start, int end, boolean bounded, List<int[]> spans) {
        int auth = text.indexOf("://", start) + 3;
        int limit = bounded ? end : tokenEnd(text, auth, end);
        int at = userInfoEnd(text, auth, limit);
        if (at < 0) {
            return;
        }
        int colon = text.indexOf(':', auth);
        if (colon >= 0 && colon < at) {
            spans.add(new int[] {colon + 1, at});
        } else if (!isJdbc(text, start)) {
            // No colon: Lettuce and most clients read a lone user-info as a password or token;
            // only JDBC URLs use it for a user name.
            spans.add(new int[] {auth, at});
        }
    }

    /** The {@code @} that ends a user-info starting at {@code from}: the last one a host can follow; or -1. */
    private static int userInfoEnd(String text, int from, int limit) {
        int at = text.lastIndexOf('@', limit - 1);
        while (at > from && !(hostFollows(text, at + 1, limit) && couldBeUserInfo(text.substring(from, at)))) {
            at = text.lastIndexOf('@', at - 1);
        }
        return at > from ? at : -1;
    }

    /**
     * Whether a host can start at {@code from}: an {@code @} followed by {@code &} or
     * {@code =} before any {@code /?#;,} is inside a parameter ({@code ?user=admin@server&...}).
     */
    private static boolean hostFollows(String text, int from, int limit) {
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == ';' || c == ',') {
                return true;
            }
            if (c == '&' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether text before an {@code @} could be a user-info rather than the start of a URL whose
     * query holds the {@code @}: not {@code host:5432/db?user=admin} (Azure's user names), nor
     * anything holding {@code &password=}.
     */
    private static boolean couldBeUserInfo(String candidate) {
        return !HOST_PATH_QUERY.matcher(candidate).lookingAt() && !hasSecretParam(candidate);
    }

    private static boolean hasSecretParam(String text) {
        Matcher m = PARAM.matcher(text);
        while (m.find()) {
            if (m.start() > 0 && isSecretName(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJdbc(String text, int schemeStart) {
        int from = schemeStart;
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1)) && text.charAt(from - 1) != '\'') {
            from--;
        }
        return text.substring(from, schemeStart).toLowerCase(Locale.ROOT).contains("jdbc:");
    }

    /**
     * A location without {@code ://}: Oracle's {@code jdbc:oracle:thin:user/password@host}, or
     * a bare {@code user:password@host:port}.
     */
    private static void authorityOnly(String text, List<int[]> spans) {
        int at = userInfoEnd(text, 0, text.length());
        Matcher oracle = ORACLE.matcher(text);
        if (oracle.lookingAt()) {
            if (at > oracle.end()) {
                spans.add(new int[] {oracle.end(), at});
            }
            return;
        }
        if (at > 0 && !text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            int colon = text.indexOf(':');
            spans.add(colon >= 0 && colon < at ? new int[] {colon + 1, at} : new int[] {0, at});
        }
    }

    /** Adds the value spans of password-like parameters in {@code [from, to)}. */
    private static void params(String text, int from, int to, boolean bounded, List<int[]> spans) {
        Matcher m = PARAM.matcher(text).region(from, to).useTransparentBounds(true);
        while (m.find()) {
            if (!isSecretName(m.group(1))) {
                continue;
            }
            int end = valueEnd(text, m.end(), to, bounded);
            if (end > m.end()) {
                spans.add(new int[] {m.end(), end});
            }
            if (end >= to) {
                return;
            }
            m.region(end, to);
        }
    }

    /**
     * Where a parameter's value ends: at the separator before the next {@code name=}, since
     * the value itself may hold {@code &}, {@code ;} and {@code =}; a value in braces (SQL
     * Server's {@code {a;b}}) at its closing brace.
     */
    private static int valueEnd(String text, int start, int to, boolean bounded) {
        if (start < to && text.charAt(start) == '{') {
            int close = text.indexOf('}', start);
            while (close >= 0 && close + 1 < to && text.charAt(close + 1) == '}') {
                close = text.indexOf('}', close + 2);
            }
            return close < 0 || close >= to ? to : close + 1;
        }
        for (int i = start; i < to; i++) {
            char c = text.charAt(i);
            if (!bounded && (Character.isWhitespace(c) || c == '\'' || c == '"' || c == '}')) {
                return i;
            }
            boolean separator = c == '&' || c == ';' || (!bounded && c == ',');
            if (separator && NEXT_PARAM.matcher(text).region(i + 1, to).lookingAt()) {
                return i;
            }
        }
        return to;
    }

    /** In free text a URL ends at a space, a quote or an angle bracket. */
    private static int tokenEnd(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\'' || c == '"' || c == '<' || c == '>') {
                return i;
            }
        }
        return to;
    }
}
