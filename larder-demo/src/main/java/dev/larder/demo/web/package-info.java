/**
 * The demo web application ({@link dev.larder.demo.web.DemoApplication}): the family models'
 * pages read through the model cache, the pages under the per-site cache and {@code @CachePage},
 * the forms that change the models, and the footer that says what each page cost.
 */
package dev.larder.demo.web;
