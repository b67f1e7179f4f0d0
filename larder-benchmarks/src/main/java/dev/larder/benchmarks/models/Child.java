package dev.larder.benchmarks.models;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Child {
    @Id
    @GeneratedValue
    public Long id;
    public String name;
    public String email;
    @ManyToOne(fetch = FetchType.LAZY)
    public Parent mother;
    @ManyToOne(fetch = FetchType.LAZY)
    public Parent father;
}
