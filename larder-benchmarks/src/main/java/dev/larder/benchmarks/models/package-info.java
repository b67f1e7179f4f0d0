/**
 * The entities the Hibernate harnesses read: a child with two parents in one family
 * ({@code ModelLoad}, the model cache), and a book on a shelf ({@code JCacheHibernateLoad},
 * Hibernate's second-level cache through JCache).
 */
package dev.larder.benchmarks.models;
