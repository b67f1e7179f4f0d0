/**
 * Testing Larder backends: {@link dev.larder.testkit.CacheContract}, the contract suite every
 * storing backend passes, {@link dev.larder.testkit.Await}, bounded waits for a cache whose
 * server comes back, and {@link dev.larder.testkit.LeakCheck}, which finds a password in a
 * printed exception chain. {@code FakeClock} and {@code LogCapture} are in
 * {@link dev.larder.testing}, in larder-testing, which this module brings along.
 */
package dev.larder.testkit;
