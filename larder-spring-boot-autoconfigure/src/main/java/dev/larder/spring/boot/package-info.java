/**
 * Larder's Spring Boot auto-configuration classes and their {@code larder.*} properties. Each
 * area (registry, cache manager, page cache, metrics, Actuator, health, Hibernate) has its own
 * auto-configuration, conditional on its library being present.
 */
package dev.larder.spring.boot;
