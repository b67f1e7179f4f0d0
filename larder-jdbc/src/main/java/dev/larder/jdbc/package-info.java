/**
 * The {@code jdbc} backend: a cache table in the application's SQL database (PostgreSQL,
 * MariaDB/MySQL, H2 or SQLite), over a {@code DataSource} the application attaches or a
 * HikariCP pool Larder makes from a JDBC URL. {@link dev.larder.jdbc.CacheTable} makes the
 * table ({@code createcachetable}); {@link dev.larder.jdbc.JdbcBackendFactory} lists the options.
 */
package dev.larder.jdbc;
