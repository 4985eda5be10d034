package org.portcullis.filter.persistence;

/** The database cannot be reached or failed; the request gets a 503 and may be retried. */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
