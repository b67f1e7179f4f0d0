package dev.larder.demo.web;

import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import dev.larder.demo.web.Views.ChildRow;
import dev.larder.demo.web.Views.FamilyPage;
import dev.larder.demo.web.Views.FamilyRef;
import dev.larder.demo.web.Views.ParentPage;
import dev.larder.demo.web.Views.ParentRef;
import dev.larder.hibernate.ModelCache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.proxy.HibernateProxy;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pages' reads through Larder's model cache. Each page reads exactly the entries it shows,
 * so an edit makes only those pages miss: a parent's page reads its children one by one
 * (after an uncached query for their ids) rather than as a list that any child's edit would
 * invalidate. Thread-safe.
 */
@Transactional(readOnly = true)
public class ModelCacheReads implements Reads {
    private static final String CHILD_IDS = "select c.id from Child c where c.mother.id = :id or c.father.id = :id order by c.id";
    private static final String PARENT_IDS = "select p.id from Parent p where p.family.id = :id order by p.id";

    @PersistenceContext
    private EntityManager em;
    private final ModelCache models;

    public ModelCacheReads(ModelCache models) {
        this.models = models;
    }

    @Override
    public List<ChildRow> children() {
        Session session = session();
        Map<Long, ParentRef> parents = new HashMap<>();
        return models.all(session, Child.class).stream().map(c -> new ChildRow(c.id, c.name, c.email,
                parent(session, idOf(c.mother), parents), parent(session, idOf(c.father), parents), c)).toList();
    }

    @Override
    public ChildRow child(long id) {
        Child c = models.get(session(), Child.class, id, "mother", "father", "mother.family", "father.family");
        return c == null ? null : new ChildRow(c.id, c.name, c.email, ParentRef.withFamily(c.mother),
                ParentRef.withFamily(c.father), c);
    }

    @Override
    public ParentPage parent(long id) {
        Session session = session();
        Parent p = models.get(session, Parent.class, id, "family");
        if (p == null) {
            return null;
        }
        List<ChildRow> children = em.createQuery(CHILD_IDS, Long.class).setParameter("id", id).getResultList().stream()
                .map(childId -> models.get(session, Child.class, childId)).map(ChildRow::of).toList();
        return new ParentPage(ParentRef.withFamily(p), children);
    }

    @Override
    public FamilyPage family(long id) {
        Session session = session();
        Family f = models.get(session, Family.class, id);
        if (f == null) {
            return null;
        }
        List<ParentRef> parents = em.createQuery(PARENT_IDS, Long.class).setParameter("id", id).getResultList().stream()
                .map(parentId -> ParentRef.of(models.get(session, Parent.class, parentId))).toList();
        return new FamilyPage(FamilyRef.of(f), parents);
    }

    @Override
    public List<ParentRef> parents() {
        return models.all(session(), Parent.class).stream().map(ParentRef::of).toList();
    }

    @Override
    public List<FamilyRef> families() {
        return models.all(session(), Family.class).stream().map(FamilyRef::of).toList();
    }

    /** A parent named by a list row, read once per page however many rows name it. */
    private ParentRef parent(Session session, Long id, Map<Long, ParentRef> seen) {
        return id == null ? null : seen.computeIfAbsent(id, i -> ParentRef.of(models.get(session, Parent.class, i)));
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    /** The id of a to-one the read did not fetch: a proxy's, which public-field entities do not fill in. */
    private static Long idOf(Parent p) {
        if (p instanceof HibernateProxy proxy) {
            return (Long) proxy.getHibernateLazyInitializer().getInternalIdentifier();
        }
        return p == null ? null : p.id;
    }
}
