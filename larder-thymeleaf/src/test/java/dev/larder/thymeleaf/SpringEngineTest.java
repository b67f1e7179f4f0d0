package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** The Spring path: SpringTemplateEngine and SpEL, with an entity class named by T(...) in depends-on. */
class SpringEngineTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("thymeleaf-spring").build()).build();
    private final Orm orm = new Orm(caches);
    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final Pages.Renders renders = new Pages.Renders();

    SpringEngineTest() {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.addDialect(new LarderDialect(caches, orm.models.stamps()));
    }

    @AfterEach
    void close() {
        orm.close();
        caches.close();
    }

    private String render(String template) {
        Context context = new Context();
        context.setVariable("parents", orm.parents());
        context.setVariable("renders", renders);
        return engine.process(template, context);
    }

    @Test
    void dependsOnAClassWithSpel_isInvalidatedByARename_andCountsShowInTheFooter() {
        long ann = orm.seed("Ann");
        String template = """
                <ul larder:cache="300" larder:depends-on="${T(dev.larder.thymeleaf.Parent)}" \
                th:attr="data-n=${renders.mark('list')}"><li th:each="p : ${parents}" th:text="${p.name}"></li></ul>\
                <footer th:text="|${#larderFragments.hits()} hits, ${#larderFragments.misses()} misses|"></footer>""";
        assertThat(render(template)).isEqualTo("<ul data-n=\"1\"><li>Ann</li></ul><footer>0 hits, 1 misses</footer>");
        assertThat(render(template)).isEqualTo("<ul data-n=\"1\"><li>Ann</li></ul><footer>1 hits, 0 misses</footer>");
        orm.rename(ann, "Ada");
        assertThat(render(template)).isEqualTo("<ul data-n=\"2\"><li>Ada</li></ul><footer>0 hits, 1 misses</footer>");
    }
}
