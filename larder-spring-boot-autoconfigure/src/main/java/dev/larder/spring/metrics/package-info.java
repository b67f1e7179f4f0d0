/**
 * Micrometer meters for Larder's integrations: the page cache ({@code larder.page.*}) and the
 * Hibernate model cache ({@code larder.model.*}). Every meter is a function counter or gauge
 * that reads the integration's own stats record when scraped, so nothing is counted twice
 * and a request pays nothing extra. Registered by
 * {@link dev.larder.spring.boot.LarderMetricsAutoConfiguration}.
 */
package dev.larder.spring.metrics;
