package dev.larder.benchmarks.models;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A book on a shelf, cached in Hibernate's second-level cache (read-write) when the factory has one. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Book {
    @Id
    @GeneratedValue
    public Long id;
    public String title;
    public String isbn;
    public int shelf;
    public int pages;
}
