package org.portcullis.filter.config;

/** Who makes Portcullis' tables. */
public enum SchemaMode {
    /** Portcullis creates missing tables and columns at start. */
    CREATE_OR_EXTEND,
    /** The host runs the shipped SQL scripts; Portcullis touches no DDL. */
    NONE
}
