package dev.larder.jcache.hibernate;

/** An enum attribute: Hibernate caches enum values as themselves, so their class must be allowed. */
enum Format {
    HARDBACK, PAPERBACK, EBOOK
}
