/**
 * The rows Portcullis keeps in the host application's database: user accounts, groups and their
 * memberships, the entity-level {@code world} rows, instance permissions, revoked tokens and
 * Portcullis' own settings.
 *
 * <p>Every table name carries a prefix ({@code pc_} by default) applied at start-up by
 * {@link org.portcullis.model.TablePrefixCustomizer}, so the tables never collide with the host's.
 * Primary keys are UUID strings made in Java: no sequence tables, the same on H2, PostgreSQL and
 * MariaDB. Times are kept as epoch milliseconds ({@code BIGINT}), which every database compares
 * and indexes alike. The schema's versions are numbered scripts per database under
 * {@code org/portcullis/model/ddl/<dialect>/}, applied or checked by
 * {@link org.portcullis.model.SchemaVersions}. This module has no servlet dependency.
 */
package org.portcullis.model;
