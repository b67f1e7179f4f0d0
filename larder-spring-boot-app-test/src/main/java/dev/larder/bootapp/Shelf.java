package dev.larder.bootapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Shelf {
    @Id
    private Long id;
    private String label;

    protected Shelf() {
    }

    public Shelf(Long id, String label) {
        this.id = id;
        this.label = label;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}
