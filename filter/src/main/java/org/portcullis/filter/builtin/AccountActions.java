package org.portcullis.filter.builtin;

import java.time.Duration;
import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.accounts.AnonymousAccounts;
import org.portcullis.filter.accounts.AnonymousCleanup;
import org.portcullis.filter.accounts.AccountLifecycle;
import org.portcullis.filter.accounts.DeletedAccountErasure;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.accounts.ProfileFields;
import org.portcullis.filter.actions.AddEmailAction;
import org.portcullis.filter.actions.BecomeAdministratorAction;
import org.portcullis.filter.actions.ChangePasswordAction;
import org.portcullis.filter.actions.DeleteAccountAction;
import org.portcullis.filter.actions.InviteAction;
import org.portcullis.filter.actions.SigninAnonymousAction;
import org.portcullis.filter.actions.UpgradeAnonymousAction;
import org.portcullis.filter.authentication.AddressQuota;
import org.portcullis.filter.config.AnonymousSettings;
import org.portcullis.filter.config.SigninSettings;
import org.portcullis.filter.onboarding.Invitations;
import org.portcullis.filter.actions.RemoveIdentityAction;
import org.portcullis.filter.actions.SetPrimaryEmailAction;
import org.portcullis.filter.actions.SigninAction;
import org.portcullis.filter.actions.SignoutAction;
import org.portcullis.filter.actions.SignoutEverywhereAction;
import org.portcullis.filter.actions.SignupAction;
import org.portcullis.filter.actions.ForgotPasswordAction;
import org.portcullis.filter.actions.ResendVerificationAction;
import org.portcullis.filter.actions.ResetPasswordAction;
import org.portcullis.filter.actions.RefreshAction;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.onboarding.AccountMails;
import org.portcullis.filter.onboarding.SignupProof;
import org.portcullis.filter.actions.VerifyEmailAction;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;

/**
 * The Daptin actions of accounts and sessions: {@code user_account/signup}, {@code signin},
 * {@code signout}, {@code signout_everywhere}, {@code change_password}, {@code delete_account}, and
 * {@code world/become_an_administrator}; the identities': {@code add_email}, {@code verify_email},
 * {@code set_primary_email}, {@code remove_identity}; onboarding and recovery's: {@code resend_verification},
 * {@code forgot_password}, {@code reset_password} (and {@code verify_email} for a sign-up); and the background job that erases deleted
 * accounts' personal data after {@code account.deleted.retention} ({@link DeletedAccountErasure}); invitations'
 * {@code invite} (and {@code signup} with {@code invitation_code}); anonymous users' {@code signin_anonymous},
 * {@code upgrade_anonymous} and the job that deletes idle ones ({@link AnonymousCleanup}).
 */
public final class AccountActions implements Feature {

    @Override
    public void register(Registry registry, Kernel kernel) {
        PortcullisConfig config = kernel.config();
        boolean usernames = config.identities().usernames();
        Identities identities = new Identities(kernel.clock());
        AccountCreation creation = new AccountCreation(kernel.database(), kernel.passwords(), kernel.bcryptPool(),
                config.defaultGroups(), identities);
        AccountMails mails = new AccountMails(kernel.codes(), kernel.mail(), config.verification(),
                config.identities().codeTtl(), kernel.clock());
        SignupProof proof = new SignupProof(config.accounts().approval(), kernel.clock());
        RefreshTokens families = new RefreshTokens(kernel.database(), kernel.clock(), config.refresh());
        Invitations invitations = new Invitations(kernel.database(), mails, config.invitations().ttl(), kernel.clock());
        registry.action(new SignupAction(creation, new ProfileFields(config.profile()), kernel.commonPasswords(),
                config.signupEnabled(), config.accounts().approval(), usernames,
                config.verification().mode().verifies(), mails, kernel.database(), config.invitations().enabled(),
                config.invitations().required(), kernel.codes(), invitations, kernel.clock(), kernel.tokens(), kernel.cookie(),
                config.jwtTtl(), families));
        registry.action(new InviteAction(config.invitations().enabled(), kernel.database(), kernel.access(), invitations));
        registerAnonymous(registry, kernel, creation, mails, families);
        registry.action(new ResendVerificationAction(kernel.database(), mails));
        registry.action(new ForgotPasswordAction(kernel.database(), mails));
        registry.action(new ResetPasswordAction(kernel.codes(), kernel.passwords(), kernel.commonPasswords(),
                kernel.bcryptPool(), kernel.clock()));
        registry.action(new SigninAction(kernel.signIn(), kernel.tokens(), kernel.cookie(), config.jwtTtl(), usernames,
                families));
        registry.action(new SignoutAction(kernel.database(), kernel.cookie(), kernel.clock(), families));
        if (families.enabled()) {
            registry.action(new RefreshAction(families, kernel.tokens(), kernel.cookie(), config.jwtTtl()));
        }
        registry.action(new SignoutEverywhereAction(kernel.database(), kernel.cookie(), kernel.clock()));
        registry.action(new ChangePasswordAction(kernel.database(), kernel.passwords(), kernel.commonPasswords(),
                kernel.bcryptPool(), kernel.signIn(), kernel.cookie(), kernel.clock()));
        registry.action(new BecomeAdministratorAction(kernel.database()));
        registry.action(new DeleteAccountAction(kernel.database(), kernel.signIn(),
                new AccountLifecycle(config.accounts().retention()), kernel.cookie(), kernel.clock()));
        DeletedAccountErasure erasure = new DeletedAccountErasure(kernel.database(), kernel.clock(),
                config.accounts().retention(), config.accounts().erasureInterval());
        registry.onStart(erasure::start);
        registry.onStop(erasure);
        registry.action(new AddEmailAction(kernel.database(), kernel.signIn(), kernel.codes(), kernel.mail(),
                config.identities().codeTtl()));
        registry.action(new VerifyEmailAction(kernel.database(), kernel.codes(), kernel.clock(), proof));
        registry.action(new SetPrimaryEmailAction(kernel.database(), identities));
        registry.action(new RemoveIdentityAction(kernel.database(), identities));
    }

    /** {@code signin_anonymous}, {@code upgrade_anonymous} and the clean-up of idle anonymous users. */
    private static void registerAnonymous(Registry registry, Kernel kernel, AccountCreation creation, AccountMails mails,
                                          RefreshTokens families) {
        PortcullisConfig config = kernel.config();
        AnonymousSettings settings = config.anonymous();
        AnonymousAccounts anonymous = new AnonymousAccounts(settings.groups(), creation, kernel.clock());
        AddressQuota quota = config.signinThrottleStore() == SigninSettings.ThrottleStore.DATABASE
                ? AddressQuota.shared(settings.perAddress(), Duration.ofHours(1), kernel.database(), kernel.clock())
                : AddressQuota.inMemory(settings.perAddress(), Duration.ofHours(1));
        registry.action(new SigninAnonymousAction(settings.enabled(), kernel.database(), anonymous,
                quota, kernel.signIn(), kernel.tokens(),
                kernel.cookie(), config.jwtTtl(), kernel.clock(), families));
        registry.action(new UpgradeAnonymousAction(settings.enabled(), config.signupEnabled(),
                config.invitations().required(), config.verification().mode().verifies(), kernel.database(), creation,
                anonymous, kernel.commonPasswords(), mails));
        if (settings.enabled()) {
            AnonymousCleanup cleanup = new AnonymousCleanup(kernel.database(), kernel.clock(), settings.idle(),
                    config.accounts().erasureInterval());
            registry.onStart(cleanup::start);
            registry.onStop(cleanup);
        }
    }
}
