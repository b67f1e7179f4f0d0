package dev.larder.thymeleaf;

import dev.larder.Timeout;
import dev.larder.servlet.FragmentCache;
import dev.larder.support.Md5;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.standard.expression.ExpressionSequenceUtils;
import org.thymeleaf.standard.expression.IStandardExpression;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.util.EscapedAttributeUtils;

/**
 * Reads and evaluates the {@code larder:*} attributes of one element, in the element's
 * enclosing scope (its own {@code th:with} has not run yet). Errors are
 * {@link TemplateProcessingException}s naming the attribute, the bad value and where it is.
 */
final class FragmentAttributes {
    static final String CACHE = "cache";
    static final String NAME = "cache-name";
    static final String VARY_ON = "vary-on";
    static final String USING = "cache-using";
    static final String DEPENDS_ON = "depends-on";
    static final List<String> ALL = List.of(CACHE, NAME, VARY_ON, USING, DEPENDS_ON);

    /** Template names that read well in a key; others (a whole template given as a string) are hashed. */
    private static final Pattern READABLE = Pattern.compile("[A-Za-z0-9_./\\-]{1,100}");
    private static final Pattern INTEGER = Pattern.compile("\\s*[-+]?\\d+\\s*");

    private FragmentAttributes() {
    }

    static Fragment read(ITemplateContext context, IProcessableElementTag tag, String prefix) {
        Timeout timeout = timeout(context, tag, prefix);
        String name = tag.hasAttribute(prefix, NAME) ? value(context, tag, prefix, NAME) : defaultName(tag);
        List<Object> vary = new ArrayList<>();
        for (IStandardExpression e : sequence(context, tag, prefix, VARY_ON)) {
            vary.add(e.execute(context));
        }
        String key;
        try {
            key = FragmentCache.key(name, vary.toArray());
        } catch (IllegalArgumentException e) {
            throw error(tag, prefix + ":" + NAME + ": " + e.getMessage(), e);
        }
        List<Fragment.Dependency> dependsOn = new ArrayList<>();
        for (IStandardExpression e : sequence(context, tag, prefix, DEPENDS_ON)) {
            dependsOn.add(new Fragment.Dependency(e.getStringRepresentation(), e.execute(context)));
        }
        String alias = tag.hasAttribute(prefix, USING) ? value(context, tag, prefix, USING).trim() : null;
        return new Fragment(key, timeout, alias, dependsOn);
    }

    /**
     * Django's {@code int(expire_time)}: an integer, a string of one, or a finite number
     * (truncated); null is Django's {@code None}, never expire. A {@link Duration} or a
     * {@link Timeout} is taken as is.
     */
    static Timeout timeout(ITemplateContext context, IProcessableElementTag tag, String prefix) {
        String text = value(context, tag, prefix, CACHE);
        Object value;
        try {
            value = text == null || text.isBlank() ? "" : StandardExpressions.getExpressionParser(context.getConfiguration())
                    .parseExpression(context, text).execute(context);
        } catch (TemplateProcessingException e) {
            throw error(tag, prefix + ":" + CACHE + "=\"" + text + "\" is not a timeout in seconds: " + e.getMessage(), e);
        }
        if (value == null) {
            return Timeout.NEVER;
        }
        if (value instanceof Duration d) {
            return Timeout.of(d);
        }
        if (value instanceof Timeout t) {
            return t;
        }
        Long seconds = seconds(value);
        if (seconds == null) {
            throw error(tag, prefix + ":" + CACHE + "=\"" + text + "\" gave " + describe(value)
                    + ": the timeout must be a whole number of seconds, or null for never", null);
        }
        return Timeout.ofSeconds(seconds);
    }

    private static Long seconds(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger i) {
            return i.bitLength() < 64 ? i.longValue() : null;
        }
        if (value instanceof BigDecimal d) {
            return seconds(d.toBigInteger());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? (long) d : null;
        }
        if (value instanceof CharSequence s && INTEGER.matcher(s).matches()) {
            return seconds(new BigInteger(s.toString().trim()));
        }
        return null;
    }

    private static String describe(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : value + " (" + value.getClass().getName() + ")";
    }

    /** The value as written, unescaped as Thymeleaf's own processors unescape theirs ({@code &amp;&amp;} is {@code &&}). */
    private static String value(ITemplateContext context, IProcessableElementTag tag, String prefix, String attribute) {
        String raw = tag.getAttributeValue(prefix, attribute);
        return raw == null ? null : EscapedAttributeUtils.unescapeAttribute(context.getTemplateMode(), raw);
    }

    private static List<IStandardExpression> sequence(ITemplateContext context, IProcessableElementTag tag,
            String prefix, String attribute) {
        String text = value(context, tag, prefix, attribute);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return ExpressionSequenceUtils.parseExpressionSequence(context, text).getExpressions();
        } catch (TemplateProcessingException e) {
            throw error(tag, prefix + ":" + attribute + "=\"" + text + "\" is not a comma-separated list of"
                    + " expressions: " + e.getMessage(), e);
        }
    }

    /**
     * The template's name and the element's line and column. Editing the template changes
     * neither when the element stays where it is, so, as in Django, the cached text is served
     * until it expires.
     */
    static String defaultName(IProcessableElementTag tag) {
        String template = tag.getTemplateName();
        String readable = template != null && READABLE.matcher(template).matches() ? template
                : "t" + Md5.hex(String.valueOf(template)).substring(0, 16);
        return readable + ":" + tag.getLine() + ":" + tag.getCol();
    }

    static TemplateProcessingException error(IProcessableElementTag tag, String message, Throwable cause) {
        return new TemplateProcessingException(message, tag.getTemplateName(), tag.getLine(), tag.getCol(), cause);
    }
}
