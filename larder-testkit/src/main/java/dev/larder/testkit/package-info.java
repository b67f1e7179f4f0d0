/**
 * Testing Larder backends: {@link dev.larder.testkit.CacheContract}, the contract suite every
 * storing backend passes, {@link dev.larder.testkit.FakeClock}, and
 * {@link dev.larder.testkit.Await}, bounded waits for a cache whose server comes back.
 */
package dev.larder.testkit;
