package dev.larder.demo.family;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A family: the third level, which each {@link Parent} belongs to. */
@Entity
public class Family {
    @Id
    @GeneratedValue
    public Long id;
    public String name;

    protected Family() {
    }

    public Family(String name) {
        this.name = name;
    }
}
