/**
 * Which tenant a request belongs to (contract §10): the value type
 * {@link org.portcullis.filter.tenancy.Tenant} and {@link org.portcullis.filter.tenancy.TenantResolver},
 * which finds it from the host name or a header before identity is looked at. With
 * {@code tenants.mode=none} every request is {@link org.portcullis.filter.tenancy.Tenant#DEFAULT}'s.
 *
 * <p>It depends on nothing of Portcullis, so that identity, persistence and authorization can all
 * carry a tenant without depending on one another (a test keeps it so).
 */
package org.portcullis.filter.tenancy;
