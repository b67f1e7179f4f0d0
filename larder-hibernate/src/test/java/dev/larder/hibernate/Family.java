package dev.larder.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** The top of the three-level chain Child -> Parent -> Family. */
@Entity
public class Family {
    @Id
    @GeneratedValue
    Long id;
    String name;

    protected Family() {
    }

    Family(String name) {
        this.name = name;
    }
}
