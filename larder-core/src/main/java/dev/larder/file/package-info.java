/**
 * The {@code file} backend: one private file per key, written atomically, culled to
 * {@code max-entries} without listing the directory on every write.
 */
package dev.larder.file;
