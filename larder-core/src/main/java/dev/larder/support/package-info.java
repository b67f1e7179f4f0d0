/**
 * Helpers shared by Larder's own modules (backends and integrations): how keys are shown in
 * messages ({@link dev.larder.support.Keys}), how passwords are kept out of them
 * ({@link dev.larder.support.Secrets}), {@code incr}'s arithmetic
 * ({@link dev.larder.support.Counters}), MD5 as Django's key formats use it
 * ({@link dev.larder.support.Md5}) and the fail-open logging of the page and model caches
 * ({@link dev.larder.support.FailOpen}).
 *
 * <p>This package is for Larder's own modules. It is not part of Larder's API or of the backend
 * contract ({@link dev.larder.spi}), and it may change in any release without notice.
 */
package dev.larder.support;
