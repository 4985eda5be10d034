/**
 * Portcullis' own tables: the database and its start-up, the seed, the data-access helpers (each
 * taking the caller's {@code EntityManager}, so an action is one transaction) and the caches of the
 * rows every request reads.
 *
 * <p>It imports none of the packages that use it (identity, authorization, actions, api, web): callers
 * pass ids, groups and the value types of {@link org.portcullis.filter.permission}.
 *
 * <p><b>Internal</b>, except {@link org.portcullis.filter.persistence.DatabaseUnavailableException},
 * which the host API throws when the database cannot be reached.
 */
package org.portcullis.filter.persistence;
