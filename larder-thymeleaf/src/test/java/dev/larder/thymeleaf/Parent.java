package dev.larder.thymeleaf;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Parent {
    @Id
    @GeneratedValue
    Long id;
    String name;

    protected Parent() {
    }

    Parent(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
