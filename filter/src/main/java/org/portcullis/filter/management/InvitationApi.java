package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.onboarding.Invitations;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Json;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.Invitation;

/**
 * {@code GET /api/invitation} lists, in JSON:API, the invitations the caller sent (an administrator: every
 * one), newest first, {@code page[size]} (default 50, at most 200) and {@code page[number]}; each shows
 * {@code email}, {@code metadata}, {@code status} ({@code pending}, {@code accepted}, {@code cancelled},
 * {@code replaced} or {@code expired}), {@code invited_by}, {@code accepted_by}, {@code created_at} and
 * {@code expires_at}, never a code or link. {@code DELETE /api/invitation/<id>} cancels a pending one (its
 * code and link die): 204; another user's is 404, one no longer pending 409 {@code not_pending}. A guest
 * gets 401; with {@code invitations.enabled=false} both are 403 {@code invitations_disabled}.
 */
public final class InvitationApi {

    /** Path of the collection. */
    public static final String PATH = "/api/invitation";
    private static final int MAX_PAGE_SIZE = 200;

    private final boolean enabled;
    private final AccessCache access;
    private final Invitations invitations;

    /** @param enabled {@code invitations.enabled} */
    public InvitationApi(boolean enabled, AccessCache access, Invitations invitations) {
        this.enabled = enabled;
        this.access = access;
        this.invitations = invitations;
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        if (!enabled) {
            throw ApiError.forbidden("invitations_disabled", "Invitations are switched off.");
        }
        String method = request.getMethod();
        boolean collection = path.equals(PATH);
        if (collection && !("GET".equals(method) || "HEAD".equals(method))) {
            throw JsonApi.methodNotAllowed("GET, HEAD");
        }
        if (!collection && !"DELETE".equals(method)) {
            throw JsonApi.methodNotAllowed("DELETE");
        }
        String me = JsonApi.signedIn(identity);
        boolean administrator = access.subject(me).administrator();
        if (!collection) {
            String id = path.substring(PATH.length() + 1);
            if (id.isEmpty() || id.length() > 36 || id.contains("/")) {
                throw JsonApi.notFound("invitation");
            }
            invitations.cancel(id, me, administrator);
            response.setStatus(204);
            return;
        }
        int size = UserAccountApi.pageParameter(request, "page[size]", 50, MAX_PAGE_SIZE);
        int number = UserAccountApi.pageParameter(request, "page[number]", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        List<Invitation> rows = invitations.list(me, administrator, (number - 1) * size, size);
        Responses.json(request, response, 200, Map.of("data", rows.stream().map(this::resource).toList()));
    }

    private Map<String, Object> resource(Invitation row) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("email", row.getEmail());
        attributes.put("metadata", metadata(row.getMetadata()));
        attributes.put("status", invitations.shownStatus(row));
        attributes.put("invited_by", row.getInviterId());
        attributes.put("accepted_by", row.getAcceptedBy().orElse(null));
        attributes.put("created_at", row.getCreatedAt().toString());
        attributes.put("expires_at", row.getExpiresAt().toString());
        return JsonApi.resource("invitation", row.getId(), attributes);
    }

    /** Stored metadata as the JSON object it was; {@code null} when none. */
    static JsonNode metadata(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Json.read(stored.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("stored invitation metadata is no JSON", e);
        }
    }
}
