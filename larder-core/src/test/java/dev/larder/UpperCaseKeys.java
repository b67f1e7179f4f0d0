package dev.larder;

/** A key function named in configuration by class. */
public final class UpperCaseKeys implements KeyFunction {
    @Override
    public String makeKey(String key, String prefix, int version) {
        return (prefix + "-" + version + "-" + key).toUpperCase(java.util.Locale.ROOT);
    }
}
