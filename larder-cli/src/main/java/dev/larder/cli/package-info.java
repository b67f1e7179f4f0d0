/**
 * The {@code larder} command ({@link dev.larder.cli.Larder}): {@code createcachetable},
 * {@code check}, {@code get}, {@code set}, {@code delete}, {@code clear} and {@code stats} on
 * the caches of a Larder configuration.
 */
package dev.larder.cli;
