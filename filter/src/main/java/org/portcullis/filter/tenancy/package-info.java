/**
 * Which tenant a request belongs to (contract §10). Today only the value type
 * {@link org.portcullis.filter.tenancy.Tenant}, and every request is
 * {@link org.portcullis.filter.tenancy.Tenant#DEFAULT}'s; resolving the tenant from the host or a
 * header comes with the tenants feature.
 *
 * <p>It depends on nothing of Portcullis, so that identity, persistence and authorization can all
 * carry a tenant without depending on one another (a test keeps it so).
 */
package org.portcullis.filter.tenancy;
