package org.portcullis.filter.accounts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.config.ProfileSettings;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Json;

/**
 * The declared profile fields ({@code profile.fields}) and the one rule for writing them, the same at
 * sign-up, when an administrator makes an account, and in a {@code PATCH}: a profile is stored as one
 * JSON object in the account's {@code profile} column, holding declared fields only. Immutable.
 *
 * <pre>{@code
 * ProfileFields profile = new ProfileFields(config.profile());      // team = string max=40, tier = integer admin
 * String stored = profile.merge(null, Json.MAPPER.readTree("{\"team\":\"engines\"}"), false, true);
 * profile.merge(stored, Json.MAPPER.readTree("{\"tier\":3}"), false, false);   // 403 forbidden: 'profile.tier'
 * profile.read(stored);                                                        // {team=engines}
 * }</pre>
 */
public final class ProfileFields {

    private static final String UNKNOWN = "unknown_attribute";
    private static final String INVALID = "invalid_attribute";
    /** Longest field name quoted back in a message; a given name may be anything. */
    private static final int QUOTED_NAME = ProfileSettings.MAX_NAME_LENGTH;

    private final Map<String, ProfileSettings.Field> fields = new LinkedHashMap<>();

    public ProfileFields(ProfileSettings settings) {
        settings.fields().forEach(field -> fields.put(field.name(), field));
    }

    /** The declared fields, in the order given. */
    public List<ProfileSettings.Field> fields() {
        return List.copyOf(fields.values());
    }

    /**
     * Writes {@code given} over the stored profile. A field given as {@code null} is removed; a field not
     * given keeps its value; values of fields no longer declared are dropped.
     *
     * @param storedJson    the account's {@code profile} column, {@code null} when none was set
     * @param given         the writer's profile object; {@code null} when none was given (then only the
     *                      required fields are checked, when {@code creating})
     * @param administrator whether the writer may write {@code admin} fields
     * @param creating      whether the account is being made: every {@code required} field must be given
     * @return the new column's text, {@code null} when no field is set
     * @throws ApiError 400 {@code bad_request} when {@code given} is no object, 400 {@code unknown_attribute}
     *     for a name that is no field, 400 {@code invalid_attribute} for a value its field does not take or a
     *     missing or removed required field, 403 {@code forbidden} for an {@code admin} field changed by
     *     anyone else, 400 {@code too_long} when the whole profile would not fit the column; each names the
     *     field as {@code 'profile.NAME'}
     */
    public String merge(String storedJson, JsonNode given, boolean administrator, boolean creating) {
        ObjectNode profile = stored(storedJson);
        if (given != null) {
            if (!given.isObject()) {
                throw ApiError.badRequest("bad_request", "'profile' must be an object of profile fields.");
            }
            Iterator<Map.Entry<String, JsonNode>> entries = given.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                write(profile, entry.getKey(), entry.getValue(), administrator);
            }
        }
        if (creating) {
            for (ProfileSettings.Field field : fields.values()) {
                if (field.required() && !profile.has(field.name())) {
                    throw ApiError.badRequest(INVALID, label(field.name()) + " is required.");
                }
            }
        }
        if (profile.isEmpty()) {
            return null;
        }
        String text = profile.toString();
        if (text.length() > ProfileSettings.MAX_STORED_CHARACTERS) {
            throw ApiError.badRequest("too_long", "The profile must fit " + ProfileSettings.MAX_STORED_CHARACTERS
                    + " characters of JSON; this one would take " + text.length() + ".");
        }
        return text;
    }

    /**
     * The profile as the API shows it: the declared fields that are set, in declaration order, as
     * {@code String}, {@code Long}, {@code Boolean} or (for {@code json}) a {@link JsonNode}. Values of fields
     * no longer declared, or that no longer fit a field's declaration, are not shown.
     *
     * @param storedJson the account's {@code profile} column, or {@code null}: an empty map
     */
    public Map<String, Object> read(String storedJson) {
        ObjectNode profile = stored(storedJson);
        Map<String, Object> shown = new LinkedHashMap<>();
        for (ProfileSettings.Field field : fields.values()) {
            JsonNode value = profile.get(field.name());
            if (value == null || !fits(field, value)) {
                continue;
            }
            shown.put(field.name(), switch (field.type()) {
                case INTEGER -> value.longValue();
                case BOOLEAN -> value.booleanValue();
                case JSON -> value;
                default -> value.textValue();
            });
        }
        return shown;
    }

    private void write(ObjectNode profile, String name, JsonNode value, boolean administrator) {
        ProfileSettings.Field field = fields.get(name);
        if (field == null) {
            throw ApiError.badRequest(UNKNOWN, label(name) + " is not a profile field.");
        }
        boolean removing = value.isNull();
        if (field.admin() && !administrator) {
            // Sending back the value it has (a client saving the whole profile) changes nothing: allowed.
            JsonNode before = profile.get(name);
            boolean unchanged = removing ? before == null : before != null && fits(field, value)
                    && ProfileValue.normalized(field, value).equals(before);
            if (!unchanged) {
                throw ApiError.forbidden("forbidden", label(name) + " is set by administrators only.");
            }
            return;
        }
        if (removing) {
            if (field.required()) {
                throw ApiError.badRequest(INVALID, label(name) + " is required and cannot be removed.");
            }
            profile.remove(name);
            return;
        }
        try {
            profile.set(name, ProfileValue.normalized(field, value));
        } catch (ProfileValue.Invalid e) {
            throw ApiError.badRequest(INVALID, label(name) + " " + e.getMessage() + ".");
        }
    }

    private static boolean fits(ProfileSettings.Field field, JsonNode value) {
        try {
            ProfileValue.normalized(field, value);
            return true;
        } catch (ProfileValue.Invalid e) {
            return false;
        }
    }

    /** The stored object, declared fields only; a column that holds no JSON object counts as empty. */
    private ObjectNode stored(String storedJson) {
        ObjectNode profile = Json.MAPPER.createObjectNode();
        if (storedJson == null || storedJson.isBlank()) {
            return profile;
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(storedJson);
            if (parsed != null && parsed.isObject()) {
                parsed.fields().forEachRemaining(entry -> {
                    if (fields.containsKey(entry.getKey()) && !entry.getValue().isNull()) {
                        profile.set(entry.getKey(), entry.getValue());
                    }
                });
            }
        } catch (JacksonException e) {
            // Not written by Portcullis: nothing of it is shown, and the next write replaces it.
        }
        return profile;
    }

    /** {@code 'profile.NAME'}, the name cut short and stripped of control characters, as a client gave it. */
    private static String label(String name) {
        String shown = name.codePoints().limit(QUOTED_NAME)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'profile." + shown + (name.codePointCount(0, name.length()) > QUOTED_NAME ? "…" : "") + "'";
    }

    @Override
    public String toString() {
        return "ProfileFields" + fields.keySet();
    }
}
