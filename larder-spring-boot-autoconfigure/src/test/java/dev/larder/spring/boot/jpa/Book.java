package dev.larder.spring.boot.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The one entity of the Hibernate auto-configuration tests. */
@Entity
public class Book {
    @Id
    private Long id;
    private String title;

    protected Book() {
    }

    public Book(Long id, String title) {
        this.id = id;
        this.title = title;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }
}
