/** The entities {@code ModelLoad} caches: a child with two parents in one family. */
package dev.larder.benchmarks.models;
