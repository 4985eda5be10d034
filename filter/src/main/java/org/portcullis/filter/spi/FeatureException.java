package org.portcullis.filter.spi;

/**
 * A feature that cannot be installed: it asks for an action or a URL another feature has already, or
 * for a URL outside Portcullis' own, or it cannot be loaded or started. Found while the filter starts,
 * which then fails; the message names both parties where there are two, and the fix.
 */
public final class FeatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FeatureException(String problem) {
        super("Portcullis " + problem);
    }

    public FeatureException(String problem, Throwable cause) {
        super("Portcullis " + problem, cause);
    }
}
