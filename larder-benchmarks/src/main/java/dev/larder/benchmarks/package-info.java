/**
 * Benchmarks run side by side with the alternatives a user would pick: JMH for throughput
 * ({@code LocMemGetBenchmark}, {@code LocMemCopyGetBenchmark}), plain programs for hit rate
 * ({@code HitRateSimulation}) and memory ({@code BytesPerEntry}), JCache against the other
 * providers ({@code JCacheGetBenchmark}) and Hibernate's second-level cache on it
 * ({@code JCacheHibernateLoad}), and load harnesses under
 * {@code wrk} ({@code PageLoad}, {@code DemoLoad}). {@code FaultRun} and {@code Soak} are not
 * comparisons but checks of reliability targets: the app under load while its stores are
 * killed, frozen, slowed and filled, and the demo app's heap over ten minutes of mixed load;
 * {@code LoadStorm} compares {@code getOrSet} with its load policy off and on through a stampede.
 */
package dev.larder.benchmarks;
