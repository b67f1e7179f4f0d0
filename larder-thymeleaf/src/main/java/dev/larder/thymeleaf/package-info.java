/**
 * Fragment caching for Thymeleaf: the {@code larder:cache} attribute, Django's
 * {@code {% cache %}} tag as a dialect, with fragments invalidated by the model cache's stamps.
 */
package dev.larder.thymeleaf;
