package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the host's servlets see of a request's user (contract §3.4), with and without an e-mail
 * address: {@code getRemoteUser()} and the principal's name are the e-mail, or else the reference id,
 * and never what the container thinks.
 */
class IdentityRequestTest {

    private static final String ID = UUID.randomUUID().toString();

    private static IdentityRequest seen(Identity identity) {
        HttpServletRequest container = mock(HttpServletRequest.class);
        when(container.getRemoteUser()).thenReturn("container-user");
        return new IdentityRequest(container, identity, id -> List.of("staff"));
    }

    private static Identity user(String email) {
        return Identity.user(ID, email, "Ada", AuthType.BEARER, UUID.randomUUID().toString(),
                Instant.now().plusSeconds(600));
    }

    @Test
    void getRemoteUserWhenTheUserHasAnEmailThenTheEmail() {
        IdentityRequest request = seen(user("ada@example.com"));

        assertEquals("ada@example.com", request.getRemoteUser());
        PortcullisPrincipal principal = (PortcullisPrincipal) request.getUserPrincipal();
        assertEquals("ada@example.com", principal.getName());
        assertEquals("ada@example.com", principal.email());
        assertEquals(ID, principal.userId());
        assertEquals("Ada", principal.displayName());
    }

    @Test
    void getRemoteUserWhenTheUserHasNoEmailThenTheReferenceIdAndThePrincipalHasNoEmail() {
        IdentityRequest request = seen(user(null));

        assertEquals(ID, request.getRemoteUser());
        PortcullisPrincipal principal = (PortcullisPrincipal) request.getUserPrincipal();
        assertEquals(ID, principal.getName());
        assertNull(principal.email());
        assertEquals(ID, principal.userId());
        assertEquals("BEARER", request.getAuthType());
        assertEquals(true, request.isUserInRole("staff"), "groups come from the id, not the e-mail");
    }

    @Test
    void getRemoteUserWhenAGuestThenNullWhateverTheContainerSays() {
        IdentityRequest request = seen(Identity.guest());

        assertNull(request.getRemoteUser());
        assertNull(request.getUserPrincipal());
        assertEquals(false, request.isUserInRole("staff"));
    }
}
