package dev.larder.demo.web;

import dev.larder.demo.family.Child;
import dev.larder.demo.family.Parent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The forms' writes. None calls Larder: larder-hibernate sees each write (and the bulk HQL
 * statement) through Hibernate's events and moves the stamps itself.
 */
@Service
@Transactional
public class Edits {
    @PersistenceContext
    private EntityManager em;

    public void renameParent(long id, String name) {
        find(Parent.class, id).name = required("name", name);
    }

    public void editChild(long id, String name, String email, long motherId, long fatherId) {
        Child c = find(Child.class, id);
        c.name = required("name", name);
        c.email = required("email", email);
        c.mother = find(Parent.class, motherId);
        c.father = find(Parent.class, fatherId);
    }

    /** An HQL bulk update: Hibernate runs it in the database without loading a row. Returns the rows changed. */
    public int uppercaseFamily(long familyId) {
        return em.createQuery("update Parent p set p.name = upper(p.name) where p.family.id = :id")
                .setParameter("id", familyId).executeUpdate();
    }

    private <T> T find(Class<T> type, long id) {
        T found = em.find(type, id);
        if (found == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + type.getSimpleName() + " with id " + id);
        }
        return found;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " must not be blank: '" + value + "'");
        }
        return value.strip();
    }
}
