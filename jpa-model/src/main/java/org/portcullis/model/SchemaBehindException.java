package org.portcullis.model;

/**
 * The database lacks versions of Portcullis' schema and Portcullis may not apply them
 * ({@code schema=none}); the message names the scripts to run.
 */
public final class SchemaBehindException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaBehindException(String message) {
        super(message);
    }
}
