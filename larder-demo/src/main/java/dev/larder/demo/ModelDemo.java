package dev.larder.demo;

import dev.larder.CacheRegistry;
import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import dev.larder.hibernate.LarderIntegrator;
import dev.larder.hibernate.ModelCache;
import java.io.PrintStream;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Model caching on the embedded default: Hibernate over an in-memory H2 database, and the
 * {@code Parent}/{@code Child} models cached in local memory by {@code larder-hibernate}. A
 * child is cached with both parents embedded; renaming a parent makes every cached child of
 * hers stale by moving one stamp; a rolled-back rename changes nothing; a bulk HQL update is
 * seen without a call.
 */
public final class ModelDemo {
    static final int CHILDREN = 500;
    private static final int READS = 20_000;
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    /** What one run saw. */
    record Result(long statementsPerHit, double speedup, String motherAfterRename, long stampsMoved,
                  String motherAfterRollback, String fatherAfterBulk) {
    }

    private ModelDemo() {
    }

    public static void main(String[] args) {
        try (CacheRegistry caches = CacheRegistry.load()) {
            run(caches, System.out);
        }
    }

    static Result run(CacheRegistry caches, PrintStream out) {
        // Hibernate logs its start-up through java.util.logging, and warns that its built-in
        // connection pool is not for production: true, and the demo's choice. It prints its own.
        HIBERNATE_LOG.setLevel(Level.SEVERE);
        Configuration cfg = new Configuration().addAnnotatedClass(Family.class).addAnnotatedClass(Parent.class).addAnnotatedClass(Child.class);
        cfg.setProperty("hibernate.connection.url", "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
        cfg.setProperty("hibernate.generate_statistics", "true");
        cfg.getProperties().put(LarderIntegrator.REGISTRY, caches);
        try (SessionFactory factory = cfg.buildSessionFactory()) {
            return run(factory, out);
        }
    }

    private static Result run(SessionFactory factory, PrintStream out) {
        ModelCache models = ModelCache.of(factory);
        long[] children = new long[CHILDREN];
        long mum = factory.fromTransaction(s -> {
            Parent m = new Parent("Mum");
            Parent d = new Parent("Dad");
            s.persist(m);
            s.persist(d);
            Child[] made = new Child[CHILDREN];
            for (int i = 0; i < CHILDREN; i++) {
                made[i] = new Child("child " + i, "child" + i + "@example.com", m, d);
                s.persist(made[i]);
            }
            s.flush();
            for (int i = 0; i < CHILDREN; i++) {
                children[i] = made[i].id;
            }
            return m.id;
        });
        long child = children[0];
        Function<Session, Child> cached = s -> models.get(s, Child.class, child, "mother", "father");
        Function<Session, Child> query = s -> s.createSelectionQuery(
                "from Child c join fetch c.mother join fetch c.father where c.id = :id", Child.class)
                .setParameter("id", child).getSingleResult();

        out.printf("%nModel caching: Hibernate on H2, %,d children of one mother and one father, cached in %s%n",
                CHILDREN, models.cache());
        for (long id : children) {
            factory.fromTransaction(s -> models.get(s, Child.class, id, "mother", "father"));
        }
        long before = factory.getStatistics().getPrepareStatementCount();
        factory.fromSession(cached);
        long statementsPerHit = factory.getStatistics().getPrepareStatementCount() - before;
        double hitMicros = time(factory, cached);
        double queryMicros = time(factory, query);
        out.printf(Locale.ROOT, "1. a child with both parents, read %,d times, each in a session of its own%n", READS);
        out.printf(Locale.ROOT, "   fetch-join query:      %8.1f us a read%n", queryMicros);
        out.printf(Locale.ROOT, "   ModelCache.get (hit):  %8.1f us a read, %d SQL statements: %.1fx faster%n",
                hitMicros, statementsPerHit, queryMicros / hitMicros);

        long invalidations = models.stats().invalidations();
        factory.inTransaction(s -> s.find(Parent.class, mum).name = "Mother");
        long moved = models.stats().invalidations() - invalidations;
        String renamed = factory.fromTransaction(cached).mother.name;
        String last = factory.fromTransaction(s -> models.get(s, Child.class, children[CHILDREN - 1], "mother")).mother.name;
        out.printf("2. rename Mum to Mother and commit: %d stamp moves (one instance and one model stamp, at flush"
                + " and after commit)%n   child 0 now says '%s', child %d says '%s': all %,d cached children stale,"
                + " none scanned%n", moved, renamed, CHILDREN - 1, last, CHILDREN);

        factory.inSession(s -> {
            s.beginTransaction();
            s.find(Parent.class, mum).name = "Ghost";
            s.flush();
            s.getTransaction().rollback();
        });
        String afterRollback = factory.fromTransaction(cached).mother.name;
        out.printf("3. rename to Ghost, flush, roll back: child 0 says '%s'%n", afterRollback);

        factory.inTransaction(s -> s.createMutationQuery("update Parent p set p.name = upper(p.name)").executeUpdate());
        String bulk = factory.fromTransaction(cached).father.name;
        out.printf("4. bulk HQL 'update Parent p set p.name = upper(p.name)', no call to Larder: father is '%s'%n", bulk);
        out.printf("   %s%n", models.stats());
        return new Result(statementsPerHit, queryMicros / hitMicros, renamed, moved, afterRollback, bulk);
    }

    /** Microseconds per read, each in a session of its own (as one web request), after a warm-up. */
    private static double time(SessionFactory factory, Function<Session, Child> read) {
        for (int i = 0; i < READS / 4; i++) {
            factory.fromSession(read);
        }
        long start = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            factory.fromSession(read);
        }
        return (System.nanoTime() - start) / 1e3 / READS;
    }
}
