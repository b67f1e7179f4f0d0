package dev.larder.thymeleaf;

import dev.larder.CacheRegistry;
import dev.larder.hibernate.ModelStamps;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Django's {@code {% cache %}} tag for Thymeleaf 3.1: {@code larder:cache} on an element
 * caches its rendered output, the element included.
 *
 * <pre>{@code
 * TemplateEngine engine = new TemplateEngine();
 * engine.addDialect(new LarderDialect(registry));                       // or:
 * engine.addDialect(new LarderDialect(registry, modelCache.stamps()));  // for larder:depends-on
 *
 * <ul xmlns:larder="https://larder.dev/thymeleaf" larder:cache="300" larder:vary-on="${user.name}">
 *   <li th:each="p : ${parents}">
 *     <b larder:cache="${null}" larder:vary-on="${p.id}" larder:depends-on="${p}" th:text="${p.name}">name</b>
 *   </li>
 * </ul>
 * }</pre>
 *
 * <p>The attributes: {@code larder:cache} (the timeout in seconds, required),
 * {@code larder:cache-name}, {@code larder:vary-on}, {@code larder:cache-using} and
 * {@code larder:depends-on}; see the module's README. They are evaluated in the element's
 * enclosing scope: a {@code th:each} or {@code th:with} on the same element has not run yet. Keys are Django's, so a Django site
 * sharing the cache reads the same fragments. The fragment's processor runs before every
 * {@code th:*} attribute on the element (this dialect's precedence is {@value #PRECEDENCE},
 * the Standard Dialect's {@value StandardDialect#PROCESSOR_PRECEDENCE}). A failing cache
 * never fails a page: the fragment is rendered and the failure logged once per incident.
 *
 * <p>larder-hibernate is optional: without it on the class path, use the first constructor
 * and no {@code larder:depends-on}. The expression object {@code #larderFragments} (a
 * {@link FragmentRun}) counts the run's hits and misses. Thread-safe; one instance serves
 * any number of engines.
 */
public final class LarderDialect extends AbstractProcessorDialect implements IExpressionObjectDialect {
    /** The attribute prefix, {@code larder:cache} (or {@code data-larder-cache} in HTML). */
    public static final String PREFIX = "larder";
    /** The namespace to declare the prefix with, for tools that check XML namespaces. */
    public static final String NAMESPACE = "https://larder.dev/thymeleaf";
    /** Below the Standard Dialect's 1000: fragments enclose every {@code th:*} attribute of their element. */
    public static final int PRECEDENCE = StandardDialect.PROCESSOR_PRECEDENCE - 100;

    private final FragmentCaching caching;
    private final IExpressionObjectFactory objects = new FragmentRunFactory();

    /** Fragments cached in {@code registry}; {@code larder:depends-on} is not available. */
    public LarderDialect(CacheRegistry registry) {
        this(new FragmentCaching(registry, null));
    }

    /**
     * Fragments cached in {@code registry}, with {@code larder:depends-on} checked against the
     * model cache's stamps ({@code modelCache.stamps()}).
     */
    public LarderDialect(CacheRegistry registry, ModelStamps stamps) {
        this(new FragmentCaching(registry, new HibernateStamps(Objects.requireNonNull(stamps, "stamps"))));
    }

    private LarderDialect(FragmentCaching caching) {
        super("Larder", PREFIX, PRECEDENCE);
        this.caching = caching;
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        Set<IProcessor> processors = new LinkedHashSet<>();
        for (TemplateMode mode : new TemplateMode[] {TemplateMode.HTML, TemplateMode.XML}) {
            processors.add(new CacheProcessor(mode, dialectPrefix, PRECEDENCE, caching));
            for (String modifier : FragmentAttributes.ALL.subList(1, FragmentAttributes.ALL.size())) {
                processors.add(new OrphanAttributeProcessor(mode, dialectPrefix, modifier, PRECEDENCE + 1));
            }
        }
        return processors;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return objects;
    }

    /** Builds one {@link FragmentRun} per template run: cacheable, so the context keeps it. */
    private static final class FragmentRunFactory implements IExpressionObjectFactory {
        @Override
        public Set<String> getAllExpressionObjectNames() {
            return Set.of(FragmentRun.NAME);
        }

        @Override
        public Object buildObject(IExpressionContext context, String expressionObjectName) {
            return FragmentRun.NAME.equals(expressionObjectName) ? new FragmentRun() : null;
        }

        @Override
        public boolean isCacheable(String expressionObjectName) {
            return true;
        }
    }
}
