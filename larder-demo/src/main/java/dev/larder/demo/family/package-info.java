/** The demo's Parent/Child models, cached by {@code larder-hibernate}. */
package dev.larder.demo.family;
