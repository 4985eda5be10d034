package org.portcullis.filter.config;

/** A parameter that cannot be used; the message names the parameter and the fix. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String parameter, String problem) {
        super("Portcullis parameter '" + parameter + "': " + problem);
    }
}
