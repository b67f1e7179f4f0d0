/** The {@code dummy} backend: validates keys and values, keeps nothing (Django's DummyCache). */
package dev.larder.dummy;
