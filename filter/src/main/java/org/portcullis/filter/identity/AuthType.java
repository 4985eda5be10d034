package org.portcullis.filter.identity;

/** How a request presented its token; what {@code getAuthType()} reports. */
public enum AuthType {
    BEARER,
    COOKIE
}
