/**
 * Model-instance caching for Hibernate ORM 7 ({@link dev.larder.hibernate.ModelCache}),
 * wired by {@link dev.larder.hibernate.LarderIntegrator}: entities by id or unique attribute,
 * with fetched relations, and {@code all()} per model, invalidated by generation stamps at
 * flush and after commit. {@link dev.larder.hibernate.ModelStamps} lends those stamps to
 * anything else cached from entities (rendered fragments, JSON), a
 * {@link dev.larder.hibernate.Recording} keeps the stamps one thread's reads saw, and
 * {@link dev.larder.hibernate.ModelCache#recentInvalidations()} says which moved and why.
 * {@link dev.larder.hibernate.Consistency} chooses between strict reads (one round trip per
 * hit) and bounded staleness (hits served by Redis's near cache).
 */
package dev.larder.hibernate;
