package dev.larder.demo.web;

import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import dev.larder.demo.web.Views.ChildRow;
import dev.larder.demo.web.Views.FamilyPage;
import dev.larder.demo.web.Views.FamilyRef;
import dev.larder.demo.web.Views.ParentPage;
import dev.larder.demo.web.Views.ParentRef;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pages' reads with plain JPA and fetch joins, no cache: the {@code nocache} profile's
 * baseline for benchmarks ({@code demo.reads=jpa}). Thread-safe.
 */
@Transactional(readOnly = true)
public class JpaReads implements Reads {
    @PersistenceContext
    private EntityManager em;

    @Override
    public List<ChildRow> children() {
        return em.createQuery("select c from Child c left join fetch c.mother left join fetch c.father order by c.id",
                Child.class).getResultList().stream()
                .map(c -> new ChildRow(c.id, c.name, c.email, ParentRef.of(c.mother), ParentRef.of(c.father), c)).toList();
    }

    @Override
    public ChildRow child(long id) {
        return em.createQuery("select c from Child c left join fetch c.mother m left join fetch m.family"
                        + " left join fetch c.father f left join fetch f.family where c.id = :id", Child.class)
                .setParameter("id", id).getResultStream().findFirst()
                .map(c -> new ChildRow(c.id, c.name, c.email, ParentRef.withFamily(c.mother), ParentRef.withFamily(c.father), c))
                .orElse(null);
    }

    @Override
    public ParentPage parent(long id) {
        Parent p = em.createQuery("select p from Parent p left join fetch p.family where p.id = :id", Parent.class)
                .setParameter("id", id).getResultStream().findFirst().orElse(null);
        if (p == null) {
            return null;
        }
        List<ChildRow> children = em.createQuery("select c from Child c where c.mother.id = :id or c.father.id = :id"
                + " order by c.id", Child.class).setParameter("id", id).getResultList().stream().map(ChildRow::of).toList();
        return new ParentPage(ParentRef.withFamily(p), children);
    }

    @Override
    public FamilyPage family(long id) {
        Family f = em.find(Family.class, id);
        if (f == null) {
            return null;
        }
        List<ParentRef> parents = em.createQuery("select p from Parent p where p.family.id = :id order by p.id", Parent.class)
                .setParameter("id", id).getResultList().stream().map(ParentRef::of).toList();
        return new FamilyPage(FamilyRef.of(f), parents);
    }

    @Override
    public List<ParentRef> parents() {
        return em.createQuery("select p from Parent p order by p.id", Parent.class).getResultList().stream()
                .map(ParentRef::of).toList();
    }

    @Override
    public List<FamilyRef> families() {
        return em.createQuery("select f from Family f order by f.id", Family.class).getResultList().stream()
                .map(FamilyRef::of).toList();
    }
}
