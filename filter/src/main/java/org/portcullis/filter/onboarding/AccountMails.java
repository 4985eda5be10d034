package org.portcullis.filter.onboarding;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.codes.OneTimeCodes.Purpose;
import org.portcullis.filter.config.VerificationSettings;
import org.portcullis.filter.mail.Mail;
import org.portcullis.filter.mail.MailTemplates;
import org.portcullis.model.UserAccount;

/**
 * The mails of onboarding and recovery, each written in the caller's transaction: a sign-up's code (and
 * link, with {@code signup.verification=link}), the notice to the owner of an e-mail someone tried to sign
 * up with, and a password reset's code (and link, whenever {@code public.url} is set). Links are
 * {@code <public.url>/auth/link/<token>}, never built from the request. At most one mail of a kind per
 * address a minute ({@link #COOLDOWN}): a second ask inside it sends nothing and is answered the same.
 *
 * <pre>{@code
 * database.inTransaction(Change.user(id), em -> { mails.verification(em, user); return null; });
 * if (!mails.coolingDown(Purpose.RESET_PASSWORD, email)) { ... mails.reset(em, user, email) ... }
 * }</pre>
 */
public final class AccountMails {

    /** The least time between two mails of one kind to one address. */
    public static final Duration COOLDOWN = Duration.ofMinutes(1);

    private final OneTimeCodes codes;
    private final Mail mail;
    private final VerificationSettings settings;
    private final Duration ttl;
    private final Clock clock;
    private final RecentNotices notices;

    /** @param ttl {@code code.ttl}: how long a mailed code or link lives */
    public AccountMails(OneTimeCodes codes, Mail mail, VerificationSettings settings, Duration ttl, Clock clock) {
        this.codes = codes;
        this.mail = mail;
        this.settings = settings;
        this.ttl = ttl;
        this.clock = clock;
        this.notices = new RecentNotices(COOLDOWN);
    }

    /** Whether a mail of {@code purpose} went to {@code email} within the last {@link #COOLDOWN}. */
    public boolean coolingDown(Purpose purpose, String email) {
        return codes.issuedSince(purpose, email, clock.instant().minus(COOLDOWN));
    }

    /** A sign-up's code to the account's e-mail, with a link when {@code signup.verification=link}. */
    public void verification(EntityManager em, UserAccount user) {
        boolean link = settings.mode() == VerificationSettings.Mode.LINK;
        OneTimeCodes.Secrets secrets = codes.issueWithLink(em, Purpose.VERIFY_EMAIL, user.getEmail(), user.getId(), ttl,
                link);
        mail.enqueue(em, templates().render("verify_email", user.getEmail(), values(user, secrets)));
    }

    /** A reset's code to {@code email} (an address of {@code user}'s), with a link when {@code public.url} is set. */
    public void reset(EntityManager em, UserAccount user, String email) {
        OneTimeCodes.Secrets secrets = codes.issueWithLink(em, Purpose.RESET_PASSWORD, email, user.getId(), ttl,
                settings.publicUrl().isPresent());
        Map<String, String> values = values(user, secrets);
        values.put("email", email);
        mail.enqueue(em, templates().render("reset_password", email, values));
    }

    /**
     * Tells the owner of {@code email} that someone tried to sign up with it, at most once a minute on this
     * node: the sign-up itself is answered as any other, so that it tells nobody the address has an account.
     */
    public void accountExists(EntityManager em, String email) {
        if (!notices.firstWithinWindow(email, clock.instant())) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put("email", email);
        settings.publicUrl().ifPresent(base -> {
            values.put("signin_link", base + "/auth/signin");
            values.put("forgot_link", base + "/auth/forgot");
        });
        mail.enqueue(em, templates().render("account_exists", email, values));
    }

    /**
     * An invitation's code to {@code email}, with a link when {@code public.url} is set, living {@code ttl}
     * ({@code invitation.ttl}); it replaces any earlier invitation code of the address.
     *
     * @param inviter the inviter's name, as the mail names them
     */
    public void invitation(EntityManager em, String email, String inviter, Duration ttl) {
        OneTimeCodes.Secrets secrets = codes.issueWithLink(em, Purpose.INVITATION, email, null, ttl,
                settings.publicUrl().isPresent());
        Map<String, String> values = new HashMap<>();
        values.put("inviter", inviter);
        values.put("email", email);
        values.put("code", secrets.code());
        values.put("valid_for", ttl.toHours() >= 1 ? ttl.toHours() + " hours" : Math.max(1, ttl.toMinutes()) + " minutes");
        link(secrets).ifPresent(l -> values.put("link", l));
        mail.enqueue(em, templates().render("invitation", email, values));
    }

    /**
     * The code that proves an address a signed-in user gave their account (an anonymous user's upgrade):
     * {@code user_account/verify_email} with {@code email} and {@code code}, signed in, marks it verified.
     */
    public void addressOf(EntityManager em, UserAccount user) {
        String code = codes.issue(em, Purpose.ADD_EMAIL, user.getEmail(), user.getId(), ttl);
        mail.enqueue(em, templates().render("add_email", user.getEmail(), Map.of("email", user.getEmail(), "code", code,
                "minutes", String.valueOf(Math.max(1, ttl.toMinutes())))));
    }

    /** @throws org.portcullis.filter.web.ApiError 503 {@code mail_unavailable} when no mail can go out */
    public void require() {
        mail.require();
    }

    private Map<String, String> values(UserAccount user, OneTimeCodes.Secrets secrets) {
        Map<String, String> values = new HashMap<>();
        values.put("name", user.getName());
        values.put("email", user.getEmail());
        values.put("code", secrets.code());
        values.put("minutes", String.valueOf(Math.max(1, ttl.toMinutes())));
        link(secrets).ifPresent(l -> values.put("link", l));
        return values;
    }

    private Optional<String> link(OneTimeCodes.Secrets secrets) {
        return secrets.link().flatMap(token -> settings.publicUrl().map(base -> base + "/auth/link/" + token));
    }

    private MailTemplates templates() {
        return mail.templates();
    }
}
