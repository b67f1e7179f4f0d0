/**
 * Real servers for tests, started as child processes on free loopback ports: {@link
 * dev.larder.testkit.servers.RedisServer} alone, with a replica, under Sentinel or as a
 * six-node Cluster, {@link dev.larder.testkit.servers.MemcachedServers}, and databases of
 * their own on the machine's PostgreSQL and MariaDB ({@link
 * dev.larder.testkit.servers.TestDatabase}). {@link dev.larder.testkit.servers.LarderServers}
 * hands them to JUnit tests as parameters, shared by every test of a run and stopped at its
 * end. A missing server fails the test with the command that installs it.
 */
package dev.larder.testkit.servers;
