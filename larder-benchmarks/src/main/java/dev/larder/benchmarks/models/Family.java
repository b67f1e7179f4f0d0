package dev.larder.benchmarks.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** The benchmark's model: Child -> (mother, father) Parent -> Family. */
@Entity
public class Family {
    @Id
    @GeneratedValue
    public Long id;
    public String name;
}
