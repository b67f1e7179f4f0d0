/**
 * The {@code locmem} backend: per-process stores on Caffeine, bounded by {@code max-entries},
 * with per-entry expiry and copy-on-read by default.
 */
package dev.larder.locmem;
