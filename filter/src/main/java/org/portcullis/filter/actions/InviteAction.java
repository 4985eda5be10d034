package org.portcullis.filter.actions;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.portcullis.filter.accounts.AnonymousAccounts;
import org.portcullis.filter.onboarding.Invitations;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.Invitation;
import org.portcullis.model.UserAccount;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;

/**
 * {@code user_account/invite} with {@code email} and, optionally, {@code metadata} (a JSON object of at most
 * 4 KiB, kept on the account the invitation makes): mails the address a 6-digit code and, when
 * {@code public.url} is set, a link to {@code <public.url>/auth/link/<token>}, both living
 * {@code invitation.ttl} ({@link Invitations}). The reply's {@code client.store.set} {@code invitation_id}
 * names the invitation ({@code GET /api/invitation}, {@code DELETE /api/invitation/<id>}).
 *
 * <p>Who may: a signed-in user whom the {@code world} row of entity {@code invitation} allows Create
 * (administrators only, until an administrator grants a group Create on it); a guest is 401
 * {@code not_signed_in}, anyone else 403 {@code forbidden}; with {@code invitations.enabled=false} everyone
 * gets 403 {@code invitations_disabled}. The reply is the same whether or not the address has an account.
 */
public final class InviteAction implements Action {

    /** Largest metadata, as UTF-8 JSON text. */
    public static final int MAX_METADATA_BYTES = 4096;
    static final String ENTITY = "invitation";

    private final boolean enabled;
    private final Database database;
    private final AccessCache access;
    private final Invitations invitations;

    /** @param enabled {@code invitations.enabled} */
    public InviteAction(boolean enabled, Database database, AccessCache access, Invitations invitations) {
        this.enabled = enabled;
        this.database = database;
        this.access = access;
        this.invitations = invitations;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "invite";
    }

    @Override
    public Reply perform(ActionRequest request) {
        if (!enabled) {
            throw invitationsDisabled();
        }
        String userId = request.signedIn();
        if (!AccessRule.allows(access.subject(userId), access.world(ENTITY).orElse(null), Permission.Action.CREATE)) {
            throw ApiError.forbidden("forbidden", "You may not invite anyone.");
        }
        Attributes in = request.attributes();
        String email = UserAccount.normalizeEmail(in.email("email"));
        if (AnonymousAccounts.reserved(email)) {
            throw ApiError.badRequest("invalid_email", "'email' must be an address that can receive mail.");
        }
        String metadata = metadata(in);
        UserAccount inviter = database.read(em -> AccountRows.userById(em, userId)).orElseThrow(ApiError::notSignedIn);
        Invitation made = invitations.invite(inviter, email, metadata);
        return Reply.ok()
                .storeSet("invitation_id", made.getId())
                .notify("success", "Invitation sent", "We mailed an invitation to " + email + ".");
    }

    /** The {@code metadata} attribute as JSON text, or {@code null} when not given. */
    private static String metadata(Attributes in) {
        JsonNode value = in.optional("metadata").orElse(null);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiError.badRequest("invalid_metadata", "'metadata' must be a JSON object.");
        }
        String text = value.toString();
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw ApiError.badRequest("metadata_too_large", "'metadata' must be at most " + MAX_METADATA_BYTES
                    + " bytes of JSON.");
        }
        return text;
    }

    static ApiError invitationsDisabled() {
        return ApiError.forbidden("invitations_disabled", "Invitations are switched off.");
    }
}
