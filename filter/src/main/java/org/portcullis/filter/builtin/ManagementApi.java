package org.portcullis.filter.builtin;

import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.accounts.AccountLifecycle;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.accounts.ProfileFields;
import org.portcullis.filter.actions.PasswordRules;
import org.portcullis.filter.management.AccountCreationApi;
import org.portcullis.filter.management.InstanceApi;
import org.portcullis.filter.management.TenantApi;
import org.portcullis.filter.management.InvitationApi;
import org.portcullis.filter.onboarding.AccountMails;
import org.portcullis.filter.onboarding.Invitations;
import org.portcullis.filter.management.UserAccountApi;
import org.portcullis.filter.management.UserGroupApi;
import org.portcullis.filter.management.WorldApi;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.ImpliedRows;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.web.ErrorReplies;

/**
 * The JSON:API management resources, each its collection and below: {@code /api/user_account} (with
 * {@code POST} making an account as a sign-up would, {@link AccountCreationApi}),
 * {@code /api/usergroup}, {@code /api/world}, {@code /api/instance}, and {@code /api/tenant} (the request's
 * tenant). Their refusals go out as JSON:API
 * error documents.
 */
public final class ManagementApi implements Feature {

    @Override
    public void register(Registry registry, Kernel kernel) {
        Database database = kernel.database();
        AccessCache access = kernel.access();
        int maxBodyBytes = kernel.config().maxBodyBytes();
        ImpliedRows ownInstances = new ImpliedRows(Bootstrap.builtInGroups(kernel.config().defaultGroups()));
        ErrorReplies.Shape jsonApi = ErrorReplies.Shape.JSON_API;
        ProfileFields profile = new ProfileFields(kernel.config().profile());
        AccountCreation creation = new AccountCreation(database, kernel.passwords(), kernel.bcryptPool(),
                kernel.config().defaultGroups(), new Identities(kernel.clock()));
        AccountCreationApi creationApi = new AccountCreationApi(access, creation, profile,
                new PasswordRules(kernel.commonPasswords()), kernel.config().identities().usernames(), maxBodyBytes);
        registry.endpoint(UserAccountApi.PATH, jsonApi, new UserAccountApi(database, access,
                new AccountLifecycle(kernel.config().accounts().retention()), new Identities(kernel.clock()),
                kernel.config().identities().usernames(), kernel.clock(), profile, creationApi)::serve);
        registry.endpoint(UserGroupApi.PATH, jsonApi, new UserGroupApi(database, access, maxBodyBytes, ownInstances)::serve);
        registry.endpoint(WorldApi.PATH, jsonApi, new WorldApi(database, access, maxBodyBytes)::serve);
        registry.endpoint(InvitationApi.PATH, jsonApi, new InvitationApi(kernel.config().invitations().enabled(), access,
                new Invitations(database, new AccountMails(kernel.codes(), kernel.mail(), kernel.config().verification(),
                        kernel.config().identities().codeTtl(), kernel.clock()), kernel.config().invitations().ttl(),
                        kernel.clock()))::serve);
        registry.endpoint(InstanceApi.PATH, jsonApi, new InstanceApi(database, maxBodyBytes, ownInstances)::serve);
        registry.endpointAt(TenantApi.PATH, jsonApi, new TenantApi()::serve);
    }
}
