/**
 * Testing Larder backends: {@link dev.larder.testkit.CacheContract}, the contract suite every
 * storing backend passes, {@link dev.larder.testkit.FakeClock},
 * {@link dev.larder.testkit.Await}, bounded waits for a cache whose server comes back,
 * {@link dev.larder.testkit.LeakCheck}, which finds a password in a printed exception chain, and
 * {@link dev.larder.testkit.LogCapture}, which collects what Larder logs.
 */
package dev.larder.testkit;
