/**
 * Test support with no Larder dependency, so that larder-core's own tests can use it as well as
 * every module above: {@link dev.larder.testing.FakeClock}, a clock that moves only when told,
 * {@link dev.larder.testing.LogCapture}, which collects what Larder logs, and
 * {@link dev.larder.testing.Threads}, which waits for another thread to park at a given place. The fuzz helpers
 * are in {@link dev.larder.testing.fuzz}. larder-testkit brings this module along, so backend
 * tests normally depend on the testkit alone.
 */
package dev.larder.testing;
