package dev.larder.demo.family;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A parent: referenced twice by each {@link Child}, and belonging to a {@link Family} (or to none). */
@Entity
public class Parent {
    @Id
    @GeneratedValue
    public Long id;
    public String name;
    @ManyToOne(fetch = FetchType.LAZY)
    public Family family;

    protected Parent() {
    }

    public Parent(String name) {
        this(name, null);
    }

    public Parent(String name, Family family) {
        this.name = name;
        this.family = family;
    }
}
