package org.portcullis.filter.management;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.UserIdentity;

/**
 * {@code GET /api/user_account/<id>/identities} in JSON:API: the account's e-mails and username, each
 * {@code {id, type, value, provider, verified, primary}} (type {@code email}, {@code username},
 * {@code oidc} or {@code anonymous}), the primary e-mail first. The account's owner and administrators
 * see them; anyone else gets 404, as for an account that does not exist.
 *
 * <pre>{@code
 * {"data":[{"type":"user_identity","id":"…","attributes":{"type":"email","value":"ada@example.com",
 *           "provider":null,"verified":false,"primary":true}}, …]}
 * }</pre>
 */
public final class IdentitiesApi {

    /** How the path of an account's identities ends. */
    public static final String SUFFIX = "/identities";

    private final Database database;
    private final AccessCache access;

    public IdentitiesApi(Database database, AccessCache access) {
        this.database = database;
        this.access = access;
    }

    /** Whether {@code path} (below {@code /api/user_account/}) names an account's identities. */
    public static boolean serves(String path) {
        return path.startsWith(UserAccountApi.PATH + "/") && path.endsWith(SUFFIX)
                && path.length() > UserAccountApi.PATH.length() + 1 + SUFFIX.length();
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            throw JsonApi.methodNotAllowed("GET, HEAD");
        }
        String me = JsonApi.signedIn(identity);
        String id = path.substring(UserAccountApi.PATH.length() + 1, path.length() - SUFFIX.length());
        if (!id.equals(me) && !access.subject(me).administrator()) {
            throw JsonApi.notFound("user account"); // not yours: as if it did not exist
        }
        List<Map<String, Object>> rows = database.read(em -> {
            if (AccountRows.userById(em, id).isEmpty()) {
                throw JsonApi.notFound("user account");
            }
            return IdentityRows.of(em, id).stream().map(IdentitiesApi::resource).toList();
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", rows);
        Responses.json(request, response, 200, body);
    }

    private static Map<String, Object> resource(UserIdentity identity) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", identity.getType().code());
        attributes.put("value", identity.getValue());
        attributes.put("provider", identity.getProvider().orElse(null));
        attributes.put("verified", identity.isVerified());
        attributes.put("primary", identity.isPrimary());
        return JsonApi.resource("user_identity", identity.getId(), attributes);
    }
}
