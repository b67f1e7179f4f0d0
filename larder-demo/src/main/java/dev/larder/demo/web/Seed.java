package dev.larder.demo.web;

import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills an empty database on start: 3 families, 8 parents (5 mothers, 3 fathers), 20 children,
 * each with a mother and a father. On a fresh schema the ids are: families Lovelace 1, Curie 2,
 * Hopper 3; parents Ada 1, William 2, Annabella 3 (Lovelace), Marie 4, Pierre 5, Irene 6
 * (Curie), Grace 7, Vincent 8 (Hopper); children 1 to 20 in {@link #CHILDREN} order, child
 * {@code i} (from 0) the child of mother {@code MOTHERS[i % 5]} and father {@code FATHERS[i % 3]}.
 */
@Component
class Seed implements CommandLineRunner {
    static final String[][] FAMILIES = {
        { "Lovelace", "Ada", "William", "Annabella" },
        { "Curie", "Marie", "Pierre", "Irene" },
        { "Hopper", "Grace", "Vincent" },
    };
    static final Set<String> MOTHERS = Set.of("Ada", "Annabella", "Marie", "Irene", "Grace");
    static final String[] CHILDREN = { "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo",
        "Ines", "Jonas", "Klara", "Leo", "Mia", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Simon", "Tara" };

    @PersistenceContext
    private EntityManager em;

    @Override
    @Transactional
    public void run(String... args) {
        if (em.createQuery("select count(c) from Child c", Long.class).getSingleResult() > 0) {
            return;
        }
        List<Parent> mothers = new ArrayList<>();
        List<Parent> fathers = new ArrayList<>();
        for (String[] names : FAMILIES) {
            Family family = new Family(names[0]);
            em.persist(family);
            for (int i = 1; i < names.length; i++) {
                Parent p = new Parent(names[i] + " " + names[0], family);
                em.persist(p);
                (MOTHERS.contains(names[i]) ? mothers : fathers).add(p);
            }
        }
        for (int i = 0; i < CHILDREN.length; i++) {
            Parent mother = mothers.get(i % mothers.size());
            Parent father = fathers.get(i % fathers.size());
            String name = CHILDREN[i];
            em.persist(new Child(name, name.toLowerCase(Locale.ROOT) + "@example.org", mother, father));
        }
    }
}
