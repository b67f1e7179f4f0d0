package dev.larder.jcache.hibernate;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each pattern of {@link Node#ALLOW} (the list the README gives) is needed: without it,
 * Hibernate's writes to the cache fail, naming the class. A failed write after commit reaches
 * the caller although the transaction has committed.
 */
class AllowClassesTest {
    @TempDir
    Path dir;

    private Node allowing(String allow) {
        Properties larder = Node.larder("locmem", "allow-" + UUID.randomUUID());
        larder.setProperty("larder.caches.default.options.allow-classes", allow);
        return Node.withUri(Node.h2(), true, Node.written(larder, dir));
    }

    private static String without(String pattern) {
        assertThat(Node.ALLOW.split(",")).contains(pattern);
        return Arrays.stream(Node.ALLOW.split(",")).filter(p -> !p.equals(pattern)).collect(joining(","));
    }

    private static long rows(Node node) {
        return node.read(s -> s.createNativeQuery("select count(*) from Book", Long.class).getSingleResult());
    }

    @Test
    void withoutHibernatesCachePackages_storingAnEntityFails() {
        try (Node node = allowing(without("org.hibernate.cache.**"))) {
            assertThatThrownBy(() -> node.save(new Book("978-0", "Dune", Format.PAPERBACK)))
                    .hasStackTraceContaining("class org.hibernate.cache.")
                    .hasStackTraceContaining("is not in the serializer's allow-list");
        }
    }

    @Test
    void withoutSerializableArrays_storingAnEntityFails() {
        try (Node node = allowing(without("java.io.Serializable"))) {
            assertThatThrownBy(() -> node.save(new Book("978-0", "Dune", Format.PAPERBACK)))
                    .hasStackTraceContaining("class [Ljava.io.Serializable; is not in the serializer's allow-list");
        }
    }

    @Test
    void withoutTheEntitysEnum_storingAnEntityFails_afterItsCommit() {
        try (Node node = allowing(without("dev.larder.jcache.hibernate.*"))) {
            assertThatThrownBy(() -> node.save(new Book("978-0", "Dune", Format.PAPERBACK)))
                    .hasMessageContaining("Unable to perform afterTransactionCompletion callback")
                    .hasStackTraceContaining("class dev.larder.jcache.hibernate.Format is not in the serializer's"
                            + " allow-list");
            assertThat(rows(node)).isEqualTo(1);
        }
    }

    @Test
    void withoutTheParameterMemento_cachingAQueryFails() {
        try (Node node = allowing(without(
                "org.hibernate.query.internal.QueryParameterBindingsImpl$ParameterBindingsMementoImpl"))) {
            node.save(new Book("978-0", "Dune", Format.PAPERBACK));
            assertThatThrownBy(() -> node.read(s -> s.createSelectionQuery("from Book where title = :t", Book.class)
                    .setParameter("t", "Dune").setCacheable(true).getResultList()))
                    .hasStackTraceContaining("QueryParameterBindingsImpl$ParameterBindingsMementoImpl is not in the"
                            + " serializer's allow-list");
        }
    }
}
