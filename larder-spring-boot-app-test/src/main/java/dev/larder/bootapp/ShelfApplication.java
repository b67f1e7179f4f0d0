package dev.larder.bootapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small library catalogue: shelves in a database, read through Larder's caches. */
@SpringBootApplication
public class ShelfApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShelfApplication.class, args);
    }
}
