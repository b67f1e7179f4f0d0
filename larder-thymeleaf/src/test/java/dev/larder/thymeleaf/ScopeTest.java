package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a fragment sees and what it encloses: enclosing local variables, th:* on its element, nesting, counters. */
class ScopeTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("thymeleaf-scope").build()).build();
    private final Pages pages = new Pages(new LarderDialect(caches));

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void localVariablesOfEnclosingElements_areVisibleInsideTheFragment() {
        String template = """
                <div th:with="greeting='hello'"><p th:each="n : ${names}" th:object="${n}">\
                <b larder:cache="60" larder:vary-on="${n}" th:text="|${greeting} ${n} *{length()}|"></b></p></div>""";
        assertThat(pages.render(template, "names", List.of("ann", "bo")))
                .isEqualTo("<div><p><b>hello ann 3</b></p><p><b>hello bo 2</b></p></div>");
    }

    @Test
    void thEachAndThIfOnTheSameElement_arePartOfTheCachedOutput() {
        String template = "<i larder:cache=\"60\" larder:cache-name=\"loop\" th:each=\"n : ${names}\" th:if=\"${n} != 'x'\""
                + " th:text=\"${n}\"></i>";
        assertThat(pages.render(template, "names", List.of("a", "x", "b"))).isEqualTo("<i>a</i><i>b</i>");
        assertThat(pages.render(template, "names", List.of("c"))).as("the whole loop was cached").isEqualTo("<i>a</i><i>b</i>");
    }

    @Test
    void cachedText_isOutputVerbatim_neverInlinedAgain() {
        String template = "<p larder:cache=\"60\" larder:cache-name=\"user\" th:text=\"${name}\"></p>";
        String evil = "[[${#ctx}]] [(${1+1})] <b>";
        String first = pages.render(template, "name", evil);
        assertThat(first).isEqualTo("<p>[[${#ctx}]] [(${1+1})] &lt;b&gt;</p>");
        assertThat(pages.render(template, "name", "other")).isEqualTo(first);
    }

    @Test
    void inliningAfterTheFragment_isUntouched() {
        String template = "<div><p larder:cache=\"60\" larder:cache-name=\"p\">[[${1+1}]]</p>[[${2+2}]]</div><i>[[${3+3}]]</i>";
        assertThat(pages.render(template)).isEqualTo("<div><p>2</p>4</div><i>6</i>");
        assertThat(pages.render(template)).isEqualTo("<div><p>2</p>4</div><i>6</i>");
    }

    @Test
    void inlinedExpressionsInsideTheFragment_withQuotesAndAmpersands_areRendered() {
        String template = "<p larder:cache=\"60\">[[${a == \"x\" && b}]] [(${a + '!'})]</p>";
        assertThat(pages.render(template, "a", "x", "b", true)).isEqualTo("<p>true x!</p>");
    }

    @Test
    void outerHit_doesNotProcessInnerFragments_andTheCountersSaySo() {
        String template = """
                <div larder:cache="60" larder:cache-name="outer" th:text="${renders.mark('outer')}">\
                </div><section larder:cache="60" larder:cache-name="box"><i larder:cache="60" larder:cache-name="in" \
                th:text="${renders.mark('in')}"></i></section>\
                <footer th:text="|${#larderFragments.hits()} hits, ${#larderFragments.misses()} misses|"></footer>""";
        assertThat(pages.render(template)).endsWith("<footer>0 hits, 3 misses</footer>");
        assertThat(pages.render(template)).endsWith("<footer>2 hits, 0 misses</footer>");
        assertThat(pages.renders.of("in")).isEqualTo(1);
    }

    @Test
    void innerHit_duringAnOuterMiss_countsAsAHit() {
        String inner = "<i larder:cache=\"60\" larder:cache-name=\"in\" th:text=\"${renders.mark('in')}\"></i>";
        pages.render(inner);
        String both = "<div larder:cache=\"60\" larder:cache-name=\"out\">" + inner + "</div>"
                + "<p th:text=\"${#larderFragments}\"></p>";
        assertThat(pages.render(both)).isEqualTo("<div><i>1</i></div><p>1 hit, 1 miss</p>");
    }

    @Test
    void fragmentInsertedWithParameters_seesThem_andIsCachedPerValue() {
        org.thymeleaf.TemplateEngine engine = Pages.files(new LarderDialect(caches));
        Pages.Renders renders = new Pages.Renders();
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context();
        context.setVariable("renders", renders);
        context.setVariable("names", List.of("ann", "bo", "ann"));
        String expected = "<ul><li><article>ann1</article></li><li><article>bo1</article></li><li><article>ann1</article></li></ul>";
        assertThat(engine.process("list", context).strip()).isEqualTo(expected);
        assertThat(engine.process("list", context).strip()).isEqualTo(expected);
    }

    @Test
    void javascriptInliningInsideTheFragment_isRendered() {
        String template = "<div larder:cache=\"60\"><script th:inline=\"javascript\">var who = [[${who}]];</script>"
                + "<p th:inline=\"none\">[[kept]]</p></div>";
        String expected = "<div><script>var who = \"a\\\"b\";</script><p>[[kept]]</p></div>";
        assertThat(pages.render(template, "who", "a\"b")).isEqualTo(expected);
        assertThat(pages.render(template, "who", "other")).isEqualTo(expected);
    }

    @Test
    void anEnclosingThInlineNone_stillHoldsInsideTheFragment() {
        String template = "<div th:inline=\"none\"><p larder:cache=\"60\">var m = [[1,2],[3,4]]; [[${who}]]</p></div>";
        String expected = "<div><p>var m = [[1,2],[3,4]]; [[${who}]]</p></div>";
        assertThat(pages.render(template, "who", "secret")).isEqualTo(expected);
        assertThat(pages.render(template, "who", "other")).isEqualTo(expected);
    }

    @Test
    void attributesKeepTheirQuotesAndEntities() {
        String template = "<a larder:cache=\"60\" title='say \"hi\"' data-x=\"a &amp; &quot;b&quot;\" hidden"
                + " th:attr=\"data-y=${y}\">x</a>";
        assertThat(pages.render(template, "y", "<\"&>"))
                .isEqualTo("<a title='say \"hi\"' data-x=\"a &amp; &quot;b&quot;\" hidden data-y=\"&lt;&quot;&amp;&gt;\">x</a>");
    }

    @Test
    void thBlock_cachesARegionWithoutAWrapperElement() {
        String template = "<th:block larder:cache=\"60\" larder:cache-name=\"region\"><a th:text=\"${renders.mark('r')}\"></a>"
                + "<b>b</b></th:block>";
        assertThat(pages.render(template)).isEqualTo("<a>1</a><b>b</b>");
        assertThat(pages.render(template)).isEqualTo("<a>1</a><b>b</b>");
    }

    /** Lets a template run pass once every run has reached it: two renders inside their fragments at once. */
    public static final class Gate {
        private final java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(2);

        public String pass() throws InterruptedException {
            inside.countDown();
            return inside.await(10, java.util.concurrent.TimeUnit.SECONDS) ? "in" : "alone";
        }
    }

    @Test
    void concurrentRuns_keepTheirOwnFragmentStacksAndCounters() throws Exception {
        Gate gate = new Gate();
        String template = "<div larder:cache=\"60\" larder:cache-name=\"outer\" larder:vary-on=\"${who}\">"
                + "<i th:text=\"${gate.pass()}\"></i><b larder:cache=\"60\" larder:cache-name=\"inner\" larder:vary-on=\"${who}\""
                + " th:text=\"${who}\"></b></div><p th:text=\"${#larderFragments}\"></p>";
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = threads.submit(() -> pages.render(template, "who", "a", "gate", gate));
            var b = threads.submit(() -> pages.render(template, "who", "b", "gate", gate));
            assertThat(a.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("<div><i>in</i><b>a</b></div><p>0 hits, 2 misses</p>");
            assertThat(b.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("<div><i>in</i><b>b</b></div><p>0 hits, 2 misses</p>");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void xmlTemplates_areCachedToo() {
        org.thymeleaf.templateresolver.StringTemplateResolver xml = new org.thymeleaf.templateresolver.StringTemplateResolver();
        xml.setTemplateMode(org.thymeleaf.templatemode.TemplateMode.XML);
        org.thymeleaf.TemplateEngine engine = new org.thymeleaf.TemplateEngine();
        engine.setTemplateResolver(xml);
        engine.addDialect(new LarderDialect(caches));
        String template = "<feed xmlns:th=\"http://www.thymeleaf.org\" xmlns:larder=\"" + LarderDialect.NAMESPACE + "\">"
                + "<entry larder:cache=\"60\" larder:cache-name=\"entry\" th:text=\"${n}\"/></feed>";
        org.thymeleaf.context.Context one = new org.thymeleaf.context.Context();
        one.setVariable("n", "1");
        org.thymeleaf.context.Context two = new org.thymeleaf.context.Context();
        two.setVariable("n", "2");
        assertThat(engine.process(template, one)).contains("<entry>1</entry>");
        assertThat(engine.process(template, two)).contains("<entry>1</entry>");
    }
}
