package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** larder:cache on a real TemplateEngine over a local-memory cache: what is cached, under which key, for how long. */
class CacheAttributeTest {
    private final FakeClock clock = new FakeClock();
    private final CacheRegistry caches = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().backend("locmem").location("thymeleaf-attr").build()).build();
    private final Pages pages = new Pages(new LarderDialect(caches));

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void secondRender_servesTheCachedElement_withoutEvaluatingItsBody() {
        String template = "<p>before</p><div class=\"side\" larder:cache=\"300\" larder:cache-name=\"sidebar\">"
                + "<span th:text=\"${renders.mark('side')}\">x</span></div><p th:text=\"${renders.mark('page')}\"></p>";
        assertThat(pages.render(template)).isEqualTo("<p>before</p><div class=\"side\"><span>1</span></div><p>1</p>");
        assertThat(pages.render(template)).isEqualTo("<p>before</p><div class=\"side\"><span>1</span></div><p>2</p>");
        assertThat(pages.renders.of("side")).isEqualTo(1);
    }

    @Test
    void keys_areDjangosTemplateFragmentKeys() {
        pages.render("<b larder:cache=\"300\" larder:cache-name=\"sidebar\" larder:vary-on=\"${name}, 42, true, ${none}\">hi</b>",
                "name", "alice", "none", null);
        pages.render("<b larder:cache=\"300\" larder:cache-name=\"plain\">hi</b>");
        // Computed with Django's algorithm in Python: md5 of str(value) + ":" for each vary-on value.
        assertThat(caches.defaultCache().get("template.cache.sidebar.bc5cecd0f178e4afc71deb5081127da0")).isEqualTo("<b>hi</b>");
        assertThat(caches.defaultCache().get("template.cache.plain.d41d8cd98f00b204e9800998ecf8427e")).isEqualTo("<b>hi</b>");
    }

    @Test
    void djangoStoredText_isServedAsIs() {
        caches.defaultCache().set("template.cache.sidebar.bb34ce45149084cb69b67d0a555706b6", "<aside>from Django</aside>");
        assertThat(pages.render("<div larder:cache=\"60\" larder:cache-name=\"sidebar\" larder:vary-on=\"${u}\">java</div>", "u", "bob"))
                .isEqualTo("<aside>from Django</aside>");
    }

    @Test
    void varyOn_keepsOneEntryPerValue() {
        String template = "<i larder:cache=\"300\" larder:vary-on=\"${user}\" th:text=\"${user + renders.mark(user)}\"></i>";
        assertThat(pages.render(template, "user", "ann")).isEqualTo("<i>ann1</i>");
        assertThat(pages.render(template, "user", "bob")).isEqualTo("<i>bob1</i>");
        assertThat(pages.render(template, "user", "ann")).isEqualTo("<i>ann1</i>");
        assertThat(pages.render(template, "user", "bob")).isEqualTo("<i>bob1</i>");
    }

    @Test
    void varyOn_isParsedAsThymeleafExpressions_notSplitOnEveryComma() {
        String template = "<i larder:cache=\"300\" larder:cache-name=\"n\" larder:vary-on=\"${#strings.concat(a, ',', b)}, 'x,y'\""
                + " th:text=\"${renders.mark('i')}\"></i>";
        pages.render(template, "a", "1", "b", "2");
        // Django: md5("1,2:x,y:")
        assertThat(caches.defaultCache().get("template.cache.n." + md5("1,2:x,y:"))).isEqualTo("<i>1</i>");
    }

    @Test
    void attributeValues_areUnescapedAsThymeleafUnescapesItsOwn() {
        pages.render("<b larder:cache=\"300\" larder:cache-name=\"a&amp;b\" larder:vary-on=\"${x &amp;&amp; y}\">hi</b>",
                "x", true, "y", true);
        assertThat(caches.defaultCache().get("template.cache.a&b." + md5("True:"))).isEqualTo("<b>hi</b>");
    }

    @Test
    void defaultName_isPerElement_soTwoUnnamedFragmentsDoNotShareAnEntry() {
        String template = "<a larder:cache=\"300\" th:text=\"${renders.mark('a')}\"></a>\n"
                + "<b larder:cache=\"300\" th:text=\"${renders.mark('b')}\"></b>";
        assertThat(pages.render(template)).isEqualTo("<a>1</a>\n<b>1</b>");
        assertThat(pages.render(template)).isEqualTo("<a>1</a>\n<b>1</b>");
    }

    @Test
    void defaultName_isTheTemplateNameLineAndColumn() {
        org.thymeleaf.TemplateEngine engine = Pages.files(new LarderDialect(caches));
        assertThat(engine.process("page", new org.thymeleaf.context.Context())).contains("<aside>side</aside>");
        assertThat(caches.defaultCache().get("template.cache.page:3:3." + md5(""))).isEqualTo("<aside>side</aside>");
    }

    @Test
    void timeoutZeroOrNegative_rendersEveryTime_andStoresNothing() {
        caches.defaultCache().set("template.cache.z." + md5(""), "old");
        for (String timeout : List.of("0", "-5", "${zero}")) {
            String template = "<i larder:cache=\"" + timeout + "\" larder:cache-name=\"z\" th:text=\"${renders.mark('z')}\"></i>";
            pages.render(template, "zero", 0);
            pages.render(template, "zero", 0);
        }
        assertThat(pages.renders.of("z")).isEqualTo(6);
        assertThat(caches.defaultCache().hasKey("template.cache.z." + md5(""))).as("Django's set with 0 deletes").isFalse();
    }

    @Test
    void timeout_expiresAfterItsSeconds_andNullNeverExpires() {
        String timed = "<i larder:cache=\"${ttl}\" larder:cache-name=\"t\" th:text=\"${renders.mark('t')}\"></i>";
        String forever = "<i larder:cache=\"${ttl}\" larder:cache-name=\"f\" th:text=\"${renders.mark('f')}\"></i>";
        pages.render(timed, "ttl", Timeout.ofSeconds(300));
        pages.render(forever, "ttl", null);
        clock.advanceSeconds(299);
        pages.render(timed, "ttl", "300");
        assertThat(pages.renders.of("t")).isEqualTo(1);
        clock.advanceSeconds(2);
        pages.render(timed, "ttl", "300");
        assertThat(pages.renders.of("t")).isEqualTo(2);
        clock.advanceSeconds(100L * 365 * 24 * 3600);
        pages.render(forever, "ttl", null);
        assertThat(pages.renders.of("f")).isEqualTo(1);
    }

    @Test
    void otherCache_byCacheUsing_andTemplateFragmentsByDefaultWhenConfigured() {
        try (CacheRegistry two = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("locmem").location("attr-default").build())
                .cache("template_fragments", CacheConfig.builder().backend("locmem").location("attr-fragments").build())
                .cache("other", CacheConfig.builder().backend("locmem").location("attr-other").build()).build()) {
            Pages on = new Pages(new LarderDialect(two));
            on.render("<i larder:cache=\"60\" larder:cache-name=\"a\">a</i><i larder:cache=\"60\" larder:cache-name=\"b\""
                    + " larder:cache-using=\"other\">b</i>");
            String empty = md5("");
            assertThat(two.cache("template_fragments").get("template.cache.a." + empty)).isEqualTo("<i>a</i>");
            assertThat(two.cache("other").get("template.cache.b." + empty)).isEqualTo("<i>b</i>");
            assertThat(two.cache("default").get("template.cache.a." + empty)).isNull();
        }
    }

    static String md5(String text) {
        return dev.larder.support.Md5.hex(text);
    }
}
