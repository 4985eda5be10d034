package org.portcullis.filter.config;

/** A parameter that cannot be used; the message names the parameter and the fix. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ConfigException(String parameter, String problem) {
        this(parameter, "Portcullis parameter '" + parameter + "': " + problem, null);
    }

    private ConfigException(String parameter, String message, Void whole) {
        super(message);
        this.parameter = parameter;
    }

    /** A name given that is no parameter; {@code message} names it (and any others) and the closest known ones. */
    static ConfigException unknown(String firstUnknown, String message) {
        return new ConfigException(firstUnknown, "Portcullis: " + message, null);
    }

    /** The parameter the message is about (the first, when it names several). */
    public String parameter() {
        return parameter;
    }
}
