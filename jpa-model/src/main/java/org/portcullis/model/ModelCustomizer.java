package org.portcullis.model;

import org.eclipse.persistence.config.CacheIsolationType;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.SingleTableMultitenantPolicy;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.sessions.Session;

/**
 * What the model needs of every EclipseLink session before it logs in: the table prefix
 * ({@link TablePrefixCustomizer}), then single-table multitenancy on every {@link TenantOwned} entity.
 *
 * <p>The multitenancy is set here, in code, rather than with EclipseLink's {@code @Multitenant} and
 * {@code @TenantDiscriminatorColumn} annotations: EclipseLink recognises its own annotations by the
 * descriptor prefix {@code Lorg/eclipse/persistence}, a string the published jar's relocation of EclipseLink
 * does not rewrite, so in that jar the annotations would be silently ignored and no query would name a tenant.
 * What is set is what those annotations make: a {@link SingleTableMultitenantPolicy} with the tenant criteria
 * on every query, the discriminator {@value TenantOwned#COLUMN} of the primary table filled from
 * {@value TenantOwned#TENANT_PROPERTY}, and an isolated cache.
 *
 * <pre>{@code
 * <property name="eclipselink.session.customizer" value="org.portcullis.model.ModelCustomizer"/>
 * }</pre>
 */
public final class ModelCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        new TablePrefixCustomizer().customize(session);
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            Class<?> type = descriptor.getJavaClass();
            if (type != null && TenantOwned.class.isAssignableFrom(type) && !descriptor.hasMultitenantPolicy()) {
                descriptor.setMultitenantPolicy(policy(descriptor));
                descriptor.setCacheIsolation(CacheIsolationType.ISOLATED);
            }
        }
    }

    private static SingleTableMultitenantPolicy policy(ClassDescriptor descriptor) {
        SingleTableMultitenantPolicy policy = new SingleTableMultitenantPolicy(descriptor);
        policy.setIncludeTenantCriteria(true);
        DatabaseField field = new DatabaseField(TenantOwned.COLUMN);
        field.setTable(descriptor.getTables().get(0)); // the primary table, prefixed just now
        field.setLength(64);
        field.setType(String.class);
        policy.addTenantDiscriminatorField(TenantOwned.TENANT_PROPERTY, field);
        return policy;
    }
}
