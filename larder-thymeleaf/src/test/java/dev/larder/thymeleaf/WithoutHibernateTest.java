package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheRegistry;
import dev.larder.servlet.FragmentCache;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;

/** larder-hibernate is optional: the dialect loads and caches with neither it nor Hibernate on the class path. */
class WithoutHibernateTest {

    @Test
    void dialect_rendersAndCaches_withoutHibernateOnTheClassPath() throws Exception {
        List<Class<?>> jars = List.of(WithoutHibernateTest.class, LarderDialect.class, TemplateEngine.class,
                CacheRegistry.class, FragmentCache.class, org.attoparser.IMarkupParser.class, org.unbescape.html.HtmlEscape.class,
                ognl.Ognl.class, javassist.ClassPool.class, org.slf4j.Logger.class, com.github.benmanes.caffeine.cache.Caffeine.class);
        URL[] urls = jars.stream().map(c -> c.getProtectionDomain().getCodeSource().getLocation()).distinct().toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("dev.larder.hibernate.ModelStamps"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> isolated.loadClass("org.hibernate.Session")).isInstanceOf(ClassNotFoundException.class);
            @SuppressWarnings("unchecked")
            Callable<String> page = (Callable<String>) isolated.loadClass(TwoRenders.class.getName())
                    .getDeclaredConstructor().newInstance();
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(isolated);   // the registry finds its backends through it
            try {
                assertThat(page.call()).isEqualTo("<p>1</p><p>1</p>");
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    /** Run inside the isolated class loader: renders one fragment twice. */
    public static final class TwoRenders implements Callable<String> {
        @Override
        public String call() {
            try (CacheRegistry caches = CacheRegistry.builder().build()) {
                Pages pages = new Pages(new LarderDialect(caches));
                String template = "<p larder:cache=\"60\" th:text=\"${renders.mark('p')}\"></p>";
                return pages.render(template) + pages.render(template);
            }
        }
    }
}
