/**
 * Servlet-free HTTP caching logic for Larder's page cache: parsing and writing
 * {@link dev.larder.http.CacheControl}, {@link dev.larder.http.Vary}, HTTP dates and
 * {@link dev.larder.http.ETag entity tags}; evaluating {@link dev.larder.http.Conditional
 * preconditions}; Django-compatible {@link dev.larder.http.PageKeys page keys} over the
 * {@link dev.larder.http.AbsoluteUri absolute URI} Django builds from a request; the headers
 * {@link dev.larder.http.CacheHeaders} a cached page is sent with; and the one
 * {@link dev.larder.http.StoragePolicy} decision whether a shared cache may store a response;
 * and RFC 5861's {@link dev.larder.http.StaleWindows} (how long a stored page may be served stale).
 *
 * <p>Everything here is a pure function of its arguments: headers come in through
 * {@link dev.larder.http.HeaderSource}, the time is passed in, and nothing does I/O, so a
 * servlet filter, another framework or a test can use the same rules. All types are
 * immutable and thread-safe. Parsers never throw on malformed input; they follow RFC 9110
 * and RFC 9111, and Django's {@code django.utils.cache} where Django's behaviour is the contract.
 */
package dev.larder.http;
