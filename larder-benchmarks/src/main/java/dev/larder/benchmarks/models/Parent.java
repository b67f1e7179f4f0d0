package dev.larder.benchmarks.models;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Parent {
    @Id
    @GeneratedValue
    public Long id;
    public String name;
    @ManyToOne(fetch = FetchType.LAZY)
    public Family family;
}
