package dev.larder.thymeleaf;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Child {
    @Id
    @GeneratedValue
    Long id;
    String name;
    @ManyToOne(fetch = FetchType.EAGER)
    Parent mother;

    protected Child() {
    }

    Child(String name, Parent mother) {
        this.name = name;
        this.mother = mother;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Parent getMother() {
        return mother;
    }
}
