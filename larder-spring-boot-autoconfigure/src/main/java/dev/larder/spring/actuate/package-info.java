/**
 * Larder for operators, through Spring Boot Actuator: the {@code larder} endpoint
 * ({@link dev.larder.spring.actuate.LarderEndpoint}: every cache's backend, location without
 * secrets, statistics, capabilities and store details, the page and model caches' statistics,
 * and clearing one cache) and the {@code larder} health group
 * ({@link dev.larder.spring.actuate.LarderHealthContributor}: one probe per cache kept outside
 * the process, which reports {@code DEGRADED}, never {@code DOWN}, because Larder's integrations
 * fail open). Locations and error messages pass through {@link dev.larder.support.Secrets}
 * before they are shown.
 */
package dev.larder.spring.actuate;
