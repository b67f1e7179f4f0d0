/**
 * Helpers shared by Larder's own modules (backends and integrations): how keys are shown in
 * messages ({@link dev.larder.support.Keys}), how passwords are kept out of them
 * ({@link dev.larder.support.Secrets}), {@code incr}'s arithmetic
 * ({@link dev.larder.support.Counters}), MD5 as Django's key formats use it
 * ({@link dev.larder.support.Md5}), and what the loads of {@code getOrSet}, the page cache and
 * the model cache share: one single-flight ({@link dev.larder.support.SingleFlight}), one
 * bounded hint cache ({@link dev.larder.support.Hints}), one bundle of counters
 * ({@link dev.larder.support.Tally}) and fail-open logging ({@link dev.larder.support.FailOpen}), and the paged iterator of the
 * backends' key listings ({@link dev.larder.support.Pages}).
 *
 * <p>This package is for Larder's own modules. It is not part of Larder's API or of the backend
 * contract ({@link dev.larder.spi}), and it may change in any release without notice.
 */
package dev.larder.support;
