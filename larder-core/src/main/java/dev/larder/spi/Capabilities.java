package dev.larder.spi;

/**
 * What a backend guarantees beyond the common contract.
 *
 * @param atomicAdd        concurrent {@code add} calls on one key: exactly one wins
 * @param atomicIncr       concurrent {@code incr} calls lose no update
 * @param persistent       entries survive the backend object (files, servers, tables)
 * @param stores           the backend keeps anything at all (false for the dummy backend)
 * @param culls            the backend culls to {@code max-entries} by {@code cull-frequency}
 *                         (file, database) rather than evicting one entry at a time
 */
public record Capabilities(boolean atomicAdd, boolean atomicIncr, boolean persistent, boolean stores, boolean culls) {
}
