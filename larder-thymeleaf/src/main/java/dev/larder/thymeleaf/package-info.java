/**
 * Fragment caching for Thymeleaf: the {@code larder:cache} attribute, Django's
 * {@code {% cache %}} tag as a dialect, with fragments invalidated by the model cache's stamps.
 *
 * <p>{@link dev.larder.thymeleaf.LarderDialect} is the entry point and
 * {@link dev.larder.thymeleaf.FragmentRun} the {@code #larderFragments} expression object; the
 * rest is package-private. {@code CacheProcessor} reads the attributes ({@code FragmentAttributes})
 * and re-renders the element as Thymeleaf renders a conditional comment; {@code FragmentCaching}
 * decides hit, miss and store, apart from Thymeleaf; {@code FragmentStore} makes the fail-open
 * cache calls; only {@code HibernateStamps} names larder-hibernate, so the dialect loads without it.
 */
package dev.larder.thymeleaf;
