/**
 * Larder for Spring Boot: the auto-configuration behind {@code larder-spring-boot-starter}.
 * It binds {@code larder.caches.<alias>.*} onto a {@link dev.larder.CacheRegistry} bean, and,
 * when their libraries are present, adds a Spring {@code CacheManager} over Larder caches, the
 * page cache for Spring MVC with its handler annotations, Micrometer meters, an Actuator
 * endpoint and health, and the Hibernate model cache.
 */
package dev.larder.spring;
