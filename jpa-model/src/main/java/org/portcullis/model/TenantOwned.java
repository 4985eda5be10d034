package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A row that belongs to exactly one tenant (contract §10): its {@code tenant_id} column holds the
 * tenant's code. EclipseLink's single-table multitenancy, which {@link ModelCustomizer} sets on every
 * subclass, fills the column on every insert and adds {@code tenant_id = ?} to every read, JPQL update
 * and delete of the entity, from the {@value #TENANT_PROPERTY} property of the {@code EntityManager}. A manager made without that property
 * reads {@code tenant_id = NULL}, which matches no row, and its inserts break the column's {@code NOT NULL}
 * (which the shipped scripts declare; EclipseLink's own DDL leaves it out, since on MariaDB its bulk updates
 * copy rows into a temporary table of the same columns without this one): a forgotten tenant fails instead
 * of crossing.
 *
 * <pre>{@code
 * EntityManager em = factory.createEntityManager(Map.of(TenantOwned.TENANT_PROPERTY, "acme"));
 * em.find(UserAccount.class, id); // null for a user of any other tenant
 * }</pre>
 *
 * <p>Primary keys stay globally unique UUIDs (EclipseLink builds some UPDATE and DELETE statements from
 * the primary key alone, eclipselink#1333); the unique keys that mean something to a person (e-mail,
 * username, group name, entity name, instance, identity, code handle) start with {@code tenant_id}.
 */
@MappedSuperclass
public abstract class TenantOwned {

    /** The entity-manager property that names the tenant: EclipseLink's own default name. */
    public static final String TENANT_PROPERTY = "eclipselink.tenant-id";

    /** The column that holds the tenant's code. */
    public static final String COLUMN = "tenant_id";

    /** Read-only: EclipseLink writes the column from the manager's tenant. */
    @Column(name = COLUMN, length = 64, nullable = false, insertable = false, updatable = false)
    private String tenantId;

    protected TenantOwned() {
    }

    /** The code of the tenant this row belongs to; null on a row not yet written. */
    public String getTenantId() {
        return tenantId;
    }
}
