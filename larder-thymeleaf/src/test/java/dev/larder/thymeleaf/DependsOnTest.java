package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.hibernate.Recording;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** larder:depends-on with a real Hibernate session factory on H2: fragments invalidated by the model cache's stamps. */
class DependsOnTest {
    /** Russian dolls: the list depends on nothing itself, each card on its parent. */
    private static final String LIST = """
            <ul larder:cache="300" larder:cache-name="parents" th:attr="data-n=${renders.mark('list')}">\
            <li th:each="p : ${parents}"><b larder:cache="300" larder:cache-name="card" larder:vary-on="${p.id}" \
            larder:depends-on="${p}" th:text="${p.name + renders.mark('card-' + p.name)}"></b></li></ul>""";

    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("thymeleaf-depends").build()).build();
    private final Orm orm = new Orm(caches);
    private final Pages pages = new Pages(new LarderDialect(caches, orm.models.stamps()));

    @AfterEach
    void close() {
        orm.close();
        caches.close();
    }

    private List<Long> seed(String... names) {
        return orm.tx(s -> {
            List<Parent> made = java.util.Arrays.stream(names).map(Parent::new).toList();
            made.forEach(s::persist);
            s.flush();
            return made.stream().map(p -> p.id).toList();
        });
    }

    @Test
    void parentUpdate_rerendersTheListAndHerCard_whileHerSiblingsCardStaysAHit() {
        List<Long> ids = seed("Ann", "Bea");
        assertThat(pages.render(LIST, "parents", orm.parents()))
                .isEqualTo("<ul data-n=\"1\"><li><b>Ann1</b></li><li><b>Bea1</b></li></ul>");
        assertThat(pages.render(LIST, "parents", orm.parents())).as("all hits")
                .isEqualTo("<ul data-n=\"1\"><li><b>Ann1</b></li><li><b>Bea1</b></li></ul>");

        orm.rename(ids.get(0), "Ada");
        String after = pages.render(LIST, "parents", orm.parents());

        assertThat(after).isEqualTo("<ul data-n=\"2\"><li><b>Ada1</b></li><li><b>Bea1</b></li></ul>");
        assertThat(pages.renders.of("list")).isEqualTo(2);
        assertThat(pages.renders.of("card-Bea")).as("the sibling's card was a hit inside the re-rendered list").isEqualTo(1);
        assertThat(pages.render(LIST, "parents", orm.parents())).as("stored again with the new stamps").isEqualTo(after);
        assertThat(pages.renders.of("list")).isEqualTo(2);
    }

    @Test
    void innerDependencyChange_invalidatesTheOuterFragment() {
        long mum = seed("Mum").get(0);
        long child = orm.tx(s -> {
            Child c = new Child("Cat", s.find(Parent.class, mum));
            s.persist(c);
            s.flush();
            return c.id;
        });
        String template = """
                <div larder:cache="300" larder:cache-name="child" larder:depends-on="${child}">\
                <b th:text="${child.name + renders.mark('child')}"></b>\
                <i larder:cache="300" larder:cache-name="mother" larder:depends-on="${child.mother}" \
                th:text="${child.mother.name + renders.mark('mother')}"></i></div>""";
        pages.render(template, "child", loadChild(child));
        orm.rename(mum, "Mom");

        assertThat(pages.render(template, "child", loadChild(child))).isEqualTo("<div><b>Cat2</b><i>Mom2</i></div>");
    }

    @Test
    void dependsOnAClass_isInvalidatedByAnInsert() {
        seed("Ann");
        String template = "<p larder:cache=\"300\" larder:depends-on=\"${model}\""
                + " th:text=\"${#lists.size(parents) + ':' + renders.mark('p')}\"></p>";
        assertThat(pages.render(template, "parents", orm.parents(), "model", Parent.class)).isEqualTo("<p>1:1</p>");
        assertThat(pages.render(template, "parents", orm.parents(), "model", Parent.class)).isEqualTo("<p>1:1</p>");
        seed("Bea");
        assertThat(pages.render(template, "parents", orm.parents(), "model", Parent.class)).isEqualTo("<p>2:2</p>");
    }

    @Test
    void pendingWriter_preventsTheStore_untilItCommits() {
        long ann = seed("Ann").get(0);
        String card = "<p larder:cache=\"300\" larder:depends-on=\"${p}\" th:text=\"${p.name + renders.mark('p')}\"></p>";
        pages.render(card, "p", orm.parents().get(0));
        try (Session s = orm.factory.openSession()) {
            Transaction tx = s.beginTransaction();
            Parent p = s.find(Parent.class, ann);
            p.name = "Ada";
            s.flush();
            assertThat(pages.render(card, "p", p)).isEqualTo("<p>Ada2</p>");
            assertThat(pages.render(card, "p", p)).as("not stored while the write is in flight").isEqualTo("<p>Ada3</p>");
            tx.commit();
        }
        assertThat(pages.render(card, "p", orm.parents().get(0))).isEqualTo("<p>Ada4</p>");
        assertThat(pages.render(card, "p", orm.parents().get(0))).isEqualTo("<p>Ada4</p>");
    }

    @Test
    void withARecording_aWriteBetweenReadAndRender_leavesNothingStale() {
        long ann = seed("Ann").get(0);
        String card = "<p larder:cache=\"300\" larder:depends-on=\"${p}\" th:text=\"${p.name + renders.mark('p')}\"></p>";
        try (Recording recording = orm.models.record()) {
            Parent read = orm.tx(s -> orm.models.get(s, Parent.class, ann));
            orm.rename(ann, "Ada");
            assertThat(pages.render(card, "p", read)).isEqualTo("<p>Ann1</p>");
        }
        assertThat(pages.render(card, "p", orm.parents().get(0))).as("recorded under Ann's stamp: stale at once")
                .isEqualTo("<p>Ada2</p>");
    }

    @Test
    void dependsOnNullOrANonEntity_failsNamingTheExpression() {
        assertThatThrownBy(() -> pages.render("<p larder:cache=\"60\" larder:depends-on=\"${missing}\">x</p>"))
                .rootCause().hasMessageContaining("${missing} is null");
        assertThatThrownBy(() -> pages.render("<p larder:cache=\"60\" larder:depends-on=\"${name}\">x</p>", "name", "Ann"))
                .hasStackTraceContaining("depends-on: ${name}: java.lang.String is not an entity");
    }

    private Child loadChild(long id) {
        return orm.tx(s -> s.find(Child.class, id));
    }
}
