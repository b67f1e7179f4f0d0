/**
 * Benchmarks run side by side with the alternatives a user would pick: JMH for throughput
 * ({@code LocMemGetBenchmark}, {@code LocMemCopyGetBenchmark}), plain programs for hit rate
 * ({@code HitRateSimulation}) and memory ({@code BytesPerEntry}).
 */
package dev.larder.benchmarks;
