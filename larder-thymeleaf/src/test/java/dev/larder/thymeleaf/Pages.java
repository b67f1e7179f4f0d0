package dev.larder.thymeleaf;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** A real TemplateEngine with the dialect, rendering templates given as strings, and a render counter. */
final class Pages {
    final TemplateEngine engine = new TemplateEngine();
    /** In the model as {@code renders}: {@code ${renders.mark('card')}} counts a rendering of "card" and prints the count. */
    final Renders renders = new Renders();

    Pages(LarderDialect dialect) {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.addDialect(dialect);
    }

    /** An engine with the dialect over the templates in {@code src/test/resources/templates/*.html}. */
    static TemplateEngine files(LarderDialect dialect) {
        ClassLoaderTemplateResolver files = new ClassLoaderTemplateResolver();
        files.setPrefix("templates/");
        files.setSuffix(".html");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(files);
        engine.addDialect(dialect);
        return engine;
    }

    String render(String template, Object... namesAndValues) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            vars.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        vars.put("renders", renders);
        return engine.process(template, new Context(java.util.Locale.ENGLISH, vars));
    }

    /** Counts renderings by label; thread-safe. */
    static final class Renders {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        public int mark(String label) {
            return counts.computeIfAbsent(label, l -> new AtomicInteger()).incrementAndGet();
        }

        int of(String label) {
            AtomicInteger n = counts.get(label);
            return n == null ? 0 : n.get();
        }
    }
}
