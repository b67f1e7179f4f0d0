package dev.larder.jcache.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

/**
 * A cached entity with every kind of second-level cache entry: the entity itself, a cached
 * collection (its tags), and a mutable natural id (its ISBN) with a natural-id cache.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NaturalIdCache
class Book {
    @Id
    @GeneratedValue
    Long id;

    @NaturalId(mutable = true)
    String isbn;

    String title;

    @Enumerated(EnumType.STRING)
    Format format;

    @ElementCollection
    @CollectionTable(name = "book_tag")
    @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
    Set<String> tags = new HashSet<>();

    protected Book() {
    }

    Book(String isbn, String title, Format format, String... tags) {
        this.isbn = isbn;
        this.title = title;
        this.format = format;
        this.tags.addAll(Set.of(tags));
    }
}
