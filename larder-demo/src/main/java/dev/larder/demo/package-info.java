/**
 * Larder's demo: the printed tour ({@link dev.larder.demo.QuickStart}, {@link dev.larder.demo.PageDemo},
 * {@link dev.larder.demo.ModelDemo}) and the entry point {@link dev.larder.demo.Main}, which runs the web
 * application of {@code dev.larder.demo.web} unless asked for the tour.
 */
package dev.larder.demo;
