package dev.larder.demo.web;

import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills an empty database on start: 3 families, 8 parents, 20 children, each child with a
 * mother and a father. Ids are the database's; the first child, parent and family get id 1 on
 * a fresh schema.
 */
@Component
class Seed implements CommandLineRunner {
    static final String[][] FAMILIES = {
        { "Lovelace", "Ada", "William", "Annabella" },
        { "Curie", "Marie", "Pierre", "Irene" },
        { "Hopper", "Grace", "Vincent" },
    };
    private static final String[] CHILDREN = { "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo",
        "Ines", "Jonas", "Klara", "Leo", "Mia", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Simon", "Tara" };

    @PersistenceContext
    private EntityManager em;

    @Override
    @Transactional
    public void run(String... args) {
        if (em.createQuery("select count(c) from Child c", Long.class).getSingleResult() > 0) {
            return;
        }
        List<Parent> parents = new ArrayList<>();
        for (String[] names : FAMILIES) {
            Family family = new Family(names[0]);
            em.persist(family);
            for (int i = 1; i < names.length; i++) {
                Parent p = new Parent(names[i] + " " + names[0], family);
                em.persist(p);
                parents.add(p);
            }
        }
        for (int i = 0; i < CHILDREN.length; i++) {
            // Mothers from one half and fathers from the other, so every parent has children.
            Parent mother = parents.get(i % 4);
            Parent father = parents.get(4 + i % 4);
            String name = CHILDREN[i];
            em.persist(new Child(name, name.toLowerCase(Locale.ROOT) + "@example.org", mother, father));
        }
    }
}
