package dev.larder.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.LocalDate;

/** The users' model: a child with two foreign keys to Parent. */
@Entity
public class Child {
    enum Size { SMALL, LARGE }

    @Id
    @GeneratedValue
    Long id;
    String name;
    @Column(unique = true)
    String email;
    LocalDate born;
    @Enumerated(EnumType.STRING)
    Size size;
    @ManyToOne(fetch = FetchType.LAZY)
    Parent mother;
    @ManyToOne(fetch = FetchType.LAZY)
    Parent father;

    protected Child() {
    }

    Child(String name, String email, Parent mother, Parent father) {
        this.name = name;
        this.email = email;
        this.mother = mother;
        this.father = father;
        this.born = LocalDate.of(2020, 1, 2);
        this.size = Size.SMALL;
    }
}
