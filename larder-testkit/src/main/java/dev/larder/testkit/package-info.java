/**
 * Testing Larder backends: {@link dev.larder.testkit.CacheContract}, the contract suite every
 * storing backend passes, and {@link dev.larder.testkit.FakeClock}.
 */
package dev.larder.testkit;
