/**
 * Property-based fuzzing of Larder's parsers of outside input, on jqwik:
 * {@link dev.larder.testing.fuzz.Bounded} checks one call against its documented exceptions and
 * its allocation and time bounds, {@link dev.larder.testing.fuzz.Shapes} and
 * {@link dev.larder.testing.fuzz.StoredBytes} generate the inputs attacks use. What is fuzzed
 * and how to run it at full strength ({@code scripts/fuzz}) is in {@code docs/RELIABILITY.md}.
 */
package dev.larder.testing.fuzz;
