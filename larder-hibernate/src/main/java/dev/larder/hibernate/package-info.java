/**
 * Model-instance caching for Hibernate ORM 7 ({@link dev.larder.hibernate.ModelCache}),
 * wired by {@link dev.larder.hibernate.LarderIntegrator}: entities by id or unique attribute,
 * with fetched relations, and {@code all()} per model, invalidated by generation stamps at
 * flush and after commit.
 */
package dev.larder.hibernate;
