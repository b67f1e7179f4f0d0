package dev.larder.demo.family;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A child with two foreign keys to {@link Parent}: the model whose cached copies embed its parents. */
@Entity
public class Child {
    @Id
    @GeneratedValue
    public Long id;
    public String name;
    @Column(unique = true)
    public String email;
    @ManyToOne(fetch = FetchType.LAZY)
    public Parent mother;
    @ManyToOne(fetch = FetchType.LAZY)
    public Parent father;

    protected Child() {
    }

    public Child(String name, String email, Parent mother, Parent father) {
        this.name = name;
        this.email = email;
        this.mother = mother;
        this.father = father;
    }
}
