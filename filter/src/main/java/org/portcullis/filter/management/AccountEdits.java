package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.portcullis.filter.accounts.AccountLifecycle;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.accounts.ProfileFields;
import org.portcullis.filter.accounts.Username;
import org.portcullis.filter.actions.Attributes;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * What one {@code PATCH /api/user_account/<id>} may change, and who may change it (CONTRACT §7):
 *
 * <pre>{@code
 * PATCH /api/user_account/6f1c…   {"data":{"type":"user_account","attributes":{
 *     "name":"Ada L.", "first_name":"Ada", "last_name":null, "username":"ada", "profile":{"team":"engines"}}}}
 * }</pre>
 *
 * <ul>
 *   <li>the account's own details, {@code name}, {@code first_name}, {@code last_name} and {@code username}
 *       ({@code null} clears each but {@code name}), and {@code profile}, merged field by field by
 *       {@link ProfileFields#merge} (a field given as {@code null} is removed, {@code admin} fields are an
 *       administrator's): the user themself, and administrators while the account is not {@code locked}
 *       (403 {@code locked});</li>
 *   <li>{@code status}, {@code locked}, {@code api_access} and {@code bo_access}: administrators only, by
 *       {@link AccountLifecycle}'s rules (the user themself gets 403 {@code forbidden});</li>
 *   <li>any other attribute, the id, the password, groups or verified marks among them: 400
 *       {@code unknown_attribute}, before anything is read or written.</li>
 * </ul>
 *
 * Someone else's account is 404 to a caller who is not an administrator, as it is to {@code GET}. A
 * request either makes all its changes or none: they run in the caller's one transaction, and a request
 * that clears {@code locked} may change the account in the same breath.
 */
final class AccountEdits {

    /** Longest first or last name: the width of their columns ({@code VARCHAR(100)}, schema version 4). */
    static final int MAX_PART_LENGTH = 100;

    /** Every attribute a PATCH may name. */
    static final List<String> ATTRIBUTES = List.of("name", "first_name", "last_name", "username", "status", "locked",
            "api_access", "bo_access", "profile");

    private final AccountLifecycle lifecycle;
    private final Identities identities;
    private final boolean usernames;
    private final Clock clock;
    private final ProfileFields profile;

    AccountEdits(AccountLifecycle lifecycle, Identities identities, boolean usernames, Clock clock,
                 ProfileFields profile) {
        this.lifecycle = lifecycle;
        this.identities = identities;
        this.usernames = usernames;
        this.clock = clock;
        this.profile = profile;
    }

    /**
     * One request's changes, read and checked before the transaction: an absent attribute is a null
     * field; a {@link Given} with no value asks to clear it.
     */
    record Edit(String name, Given<String> firstName, Given<String> lastName, Given<Username> username,
                UserStatus status, Boolean locked, Boolean apiAccess, Boolean boAccess, JsonNode profile) {

        boolean ownDetails() {
            return name != null || firstName != null || lastName != null || username != null || profile != null;
        }

        boolean lifecycle() {
            return status != null || locked != null || apiAccess != null || boAccess != null;
        }
    }

    /** An attribute that was given: its value, or none to clear it. */
    record Given<T>(Optional<T> value) {
    }

    /**
     * Reads a PATCH's attributes.
     *
     * @throws ApiError 400 {@code unknown_attribute} for a name outside {@link #ATTRIBUTES}, 400 for a value
     *     of the wrong shape, 400 {@code usernames_disabled} for a username while usernames are off
     */
    Edit read(JsonNode data) {
        JsonNode attributes = JsonApi.attributes(data, ATTRIBUTES);
        Attributes in = new Attributes((ObjectNode) attributes);
        String name = null;
        if (attributes.has("name")) {
            name = in.text("name", Attributes.MAX_NAME_LENGTH);
        }
        Given<String> firstName = optionalText(attributes, in, "first_name");
        Given<String> lastName = optionalText(attributes, in, "last_name");
        Given<Username> username = null;
        if (attributes.has("username")) {
            if (!usernames) {
                throw ApiError.badRequest("usernames_disabled", "Usernames are switched off on this site.");
            }
            username = new Given<>(attributes.get("username").isNull() ? Optional.empty()
                    : Optional.of(Username.parse(in.text("username", Attributes.MAX_NAME_LENGTH))));
        }
        UserStatus status = null;
        if (attributes.has("status")) {
            JsonNode value = attributes.get("status");
            if (!value.isTextual()) {
                throw ApiError.badRequest("bad_status", "'status' must be a string such as \"inactive\".");
            }
            status = AccountLifecycle.parseStatus(value.textValue());
        }
        Edit edit = new Edit(name, firstName, lastName, username, status, flag(attributes, "locked"),
                flag(attributes, "api_access"), flag(attributes, "bo_access"), attributes.get("profile"));
        if (!edit.ownDetails() && !edit.lifecycle()) {
            throw ApiError.badRequest("bad_request", "Give at least one of " + ATTRIBUTES + ".");
        }
        return edit;
    }

    /**
     * Makes {@code edit} on {@code user} for {@code me}, inside the caller's transaction.
     *
     * @throws ApiError 404 another's account, or a deleted one, to a non-administrator, 403 {@code locked} another's locked
     *     account, 403 {@code forbidden} a lifecycle attribute from a non-administrator, 409
     *     {@code username_taken}, {@link ProfileFields#merge}'s refusals and {@link AccountLifecycle}'s
     */
    void apply(EntityManager em, String me, UserAccount user, Edit edit) {
        boolean self = user.getId().equals(me);
        boolean hidden = !self || user.getStatus() == UserStatus.DELETED; // deleted: an administrator's to see
        boolean administrator = (hidden || edit.profile() != null) && PermissionStore.subject(em, me).administrator();
        if (hidden && !administrator) {
            throw JsonApi.notFound("user account"); // not yours: as if it did not exist
        }
        if (Boolean.FALSE.equals(edit.locked())) {
            lifecycle.setLocked(em, me, user, false); // first, so that the same request may change the account
        }
        if (edit.ownDetails()) {
            if (!self && user.isLocked()) {
                throw ApiError.forbidden("locked", "This account is locked: only its owner changes it;"
                        + " an administrator clears 'locked' first.");
            }
            changeDetails(em, user, edit, administrator);
        }
        if (edit.apiAccess() != null || edit.boAccess() != null) {
            lifecycle.setFlags(em, me, user, edit.apiAccess(), edit.boAccess());
        }
        if (edit.status() != null) {
            lifecycle.changeStatus(em, me, user, edit.status(), clock.instant());
        }
        if (Boolean.TRUE.equals(edit.locked())) {
            lifecycle.setLocked(em, me, user, true);
        }
    }

    private void changeDetails(EntityManager em, UserAccount user, Edit edit, boolean administrator) {
        if (edit.name() != null) {
            user.setName(edit.name());
        }
        if (edit.firstName() != null) {
            user.setFirstName(edit.firstName().value().orElse(null));
        }
        if (edit.lastName() != null) {
            user.setLastName(edit.lastName().value().orElse(null));
        }
        if (edit.username() != null) {
            identities.changeUsername(em, user, edit.username().value());
        }
        if (edit.profile() != null) {
            user.setProfile(profile.merge(user.getProfile(), edit.profile(), administrator, false));
        }
    }

    private static Given<String> optionalText(JsonNode attributes, Attributes in, String name) {
        if (!attributes.has(name)) {
            return null;
        }
        return new Given<>(attributes.get(name).isNull() ? Optional.empty()
                : Optional.of(in.text(name, MAX_PART_LENGTH)));
    }

    private static Boolean flag(JsonNode attributes, String name) {
        JsonNode value = attributes.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest("bad_request", "'" + name + "' must be true or false.");
        }
        return value.booleanValue();
    }
}
