/**
 * Value serialisation: the default {@link dev.larder.serial.DefaultSerializer}, which never
 * instantiates a class outside its {@link dev.larder.serial.AllowList}.
 */
package dev.larder.serial;
