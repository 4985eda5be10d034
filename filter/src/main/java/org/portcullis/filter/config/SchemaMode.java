package org.portcullis.filter.config;

/** Who makes Portcullis' tables. */
public enum SchemaMode {
    /** Portcullis applies the schema's versions the database lacks at start (missing tables at first). */
    CREATE_OR_EXTEND,
    /** The host runs the shipped scripts; Portcullis touches no DDL and refuses a database that lacks a version. */
    NONE
}
