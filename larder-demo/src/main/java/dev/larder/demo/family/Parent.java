package dev.larder.demo.family;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A parent: referenced twice by each {@link Child}. */
@Entity
public class Parent {
    @Id
    @GeneratedValue
    public Long id;
    public String name;

    protected Parent() {
    }

    public Parent(String name) {
        this.name = name;
    }
}
