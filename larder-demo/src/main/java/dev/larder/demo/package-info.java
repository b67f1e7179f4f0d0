/** Runnable examples of Larder on the embedded default: {@link dev.larder.demo.QuickStart}. */
package dev.larder.demo;
