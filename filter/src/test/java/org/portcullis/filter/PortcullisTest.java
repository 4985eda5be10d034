package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.authorization.PermissionEngine;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.PortcullisPrincipal;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.persistence.Database;

/** {@link Portcullis}' static API on a request the filter did or did not see, without a container. */
class PortcullisTest {

    @Test
    void permissionsWhenTheFilterDidNotSeeTheRequestThenIllegalStateSayingHowToMapIt() {
        ServletRequest unseen = mock(ServletRequest.class);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Portcullis.permissions(unseen));

        assertTrue(failure.getMessage().contains("PortcullisFilter"), failure.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Portcullis.may(unseen, "note", "1", Permission.Action.READ),
                "neither allowed nor refused: the host must learn that nothing checked");
    }

    @Test
    void currentUserWhenTheUserHasNoEmailThenAPrincipalNamedByTheReferenceId() {
        String id = UUID.randomUUID().toString();
        ServletRequest seen = mock(ServletRequest.class);
        when(seen.getAttribute(Portcullis.IDENTITY_ATTRIBUTE)).thenReturn(Identity.user(id, null, null, AuthType.COOKIE,
                UUID.randomUUID().toString(), Instant.now().plusSeconds(60)));

        PortcullisPrincipal me = Portcullis.currentUser(seen).orElseThrow();

        assertEquals(id, me.userId());
        assertEquals(id, me.getName());
        assertNull(me.email());
        assertTrue(Portcullis.currentUser(mock(ServletRequest.class)).isEmpty(), "a request the filter did not see: a guest");
    }

    @Test
    void permissionsWhenTheFilterSawTheRequestThenItsOwnInstance() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of()), "test");
        PermissionEngine permissions = new PermissionEngine(new Database(config, d -> { }, Clock.systemUTC()), "pc_");
        ServletRequest seen = mock(ServletRequest.class);
        when(seen.getAttribute(Portcullis.PERMISSIONS_ATTRIBUTE)).thenReturn(permissions);

        assertSame(permissions, Portcullis.permissions(seen));
    }
}
