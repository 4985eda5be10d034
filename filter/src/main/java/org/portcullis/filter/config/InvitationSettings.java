package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * Invitations (CONTRACT §8): whether signed-in users may invite an e-mail address to sign up, whether
 * sign-up needs an invitation (an invite-only application), and how long an invitation's code and link live.
 *
 * <pre>{@code
 * <init-param><param-name>invitations.enabled</param-name><param-value>true</param-value></init-param>
 * <init-param><param-name>signup.invitation.required</param-name><param-value>true</param-value></init-param>
 * <init-param><param-name>invitation.ttl</param-name><param-value>P7D</param-value></init-param>
 * }</pre>
 *
 * @param enabled  {@code invitations.enabled}: {@code user_account/invite}, {@code /api/invitation} and
 *                 {@code signup} with {@code invitation_code} are on (else 403 {@code invitations_disabled})
 * @param required {@code signup.invitation.required}: a sign-up without an invitation is 403
 *                 {@code invitation_required}; turns invitations on, whatever {@code invitations.enabled} says
 * @param ttl      {@code invitation.ttl}: how long an invitation's code and link live
 */
public record InvitationSettings(boolean enabled, boolean required, Duration ttl) {

    static final ParameterSpec<Boolean> ENABLED = ParameterSpec.bool("invitations.enabled", false,
            "signed-in users whom the world row of entity invitation allows Create may invite an e-mail to sign up");
    static final ParameterSpec<Boolean> REQUIRED = ParameterSpec.bool("signup.invitation.required", false,
            "invite-only: a sign-up without an invitation is refused (turns invitations.enabled on)");
    static final ParameterSpec<Duration> TTL = ParameterSpec.duration("invitation.ttl", Duration.ofDays(2),
            Duration.ofMinutes(1), Duration.ofDays(7), "how long an invitation's mailed code and link live", "P7D");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(ENABLED, REQUIRED, TTL);

    public static InvitationSettings from(Parameters p) {
        boolean required = p.get(REQUIRED);
        // Invite-only without invitations would let nobody in: requiring them turns them on.
        boolean enabled = p.get(ENABLED) || required;
        if (enabled && p.get(MailSettings.TRANSPORT) == MailSettings.Transport.NONE) {
            throw new ConfigException(ENABLED.name(), "is true but mail.transport is none: no invitation could reach"
                    + " anyone; set mail.transport to smtp (or log while developing)");
        }
        return new InvitationSettings(enabled, required, p.get(TTL));
    }
}
