/** The demo's models, cached by {@code larder-hibernate}: {@link dev.larder.demo.family.Family} &lt;- {@link dev.larder.demo.family.Parent} &lt;- {@link dev.larder.demo.family.Child} (mother and father). */
package dev.larder.demo.family;
