package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Revocations;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * {@link IdentityResolver} on a real database seen from two nodes: {@code here}, whose caches and
 * table of recent identities are under test, and {@code elsewhere}, another node on the same tables
 * whose writes this one hears nothing of. Each request carries the very same header object again, as
 * Jetty's keep-alive connections do, so that the remembered identity is what answers; each test then
 * tries to get around it: a sign-out here, a sign-out everywhere here, a revocation or a disabled
 * account elsewhere (seen within the time-to-live, not after), the token's expiry.
 */
@Tag("database")
class IdentityResolverTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock clock = new TestClock();
    private final TokenService service = new TokenService(SECRET, "portcullis", Duration.ofMinutes(10), clock);
    private TestCaches.TwoNodes nodes;
    private Database here;
    private Database elsewhere;
    private IdentityResolver resolver;
    private UserAccount ada;
    private TokenService.IssuedToken token;
    private String header;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of());
        here = nodes.here();
        elsewhere = nodes.elsewhere();
        AccessCache access = TestCaches.over(here, TTL, 1000, clock);
        resolver = new IdentityResolver(new VerifiedTokens(() -> service, clock, true, 1000), access, "token", clock, true);
        ada = newUser();
        token = service.issue(ada);
        header = "Bearer " + token.token();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    private UserAccount newUser() {
        return elsewhere.inTransaction(em -> {
            UserAccount user = new UserAccount(UUID.randomUUID() + "@example.com", "Test", "not a hash");
            em.persist(user);
            return user;
        });
    }

    private Identity resolve(String authorization) {
        return resolver.resolve(requestWith(authorization));
    }

    private static HttpServletRequest requestWith(String authorization) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Authorization")).thenReturn(Collections.enumeration(List.of(authorization)));
        return request;
    }

    /** The same header object twice more: the second and third answers come from the table. */
    private void assertAdaAgainAndAgain(String why) {
        assertEquals(ada.getId(), resolve(header).userId().orElse(null), why);
        assertEquals(ada.getId(), resolve(header).userId().orElse(null), why);
    }

    private void pass(Duration time) {
        clock.advance(time);
    }

    @Test
    void resolveWhenTheSameHeaderObjectComesAgainThenTheSameUser() {
        assertAdaAgainAndAgain("the first request and the remembered ones");
        Identity remembered = resolve(header);
        assertEquals(AuthType.BEARER, remembered.authType().orElseThrow());
        assertEquals(token.tokenId(), remembered.tokenId().orElseThrow());
        assertEquals(ada.getEmail(), remembered.email().orElseThrow());
    }

    @Test
    void resolveWhenTheTokenCarriesNoEmailClaimThenItStillIdentifiesTheUserBySubject() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String bare = JWT.create().withHeader(Map.of("typ", TokenService.TYPE, "kid", TokenService.keyId(SECRET)))
                .withSubject(ada.getId()).withIssuer("portcullis").withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(now).withNotBefore(now).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC256(SECRET));
        assertTrue(JWT.decode(bare).getClaim("email").isMissing() && JWT.decode(bare).getClaim("name").isMissing());

        Identity identity = resolve("Bearer " + bare);

        assertEquals(ada.getId(), identity.userId().orElse(null));
        assertEquals(ada.getEmail(), identity.email().orElseThrow(), "the e-mail comes from the account, not the token");
    }

    @Test
    void resolveWhenTheTokenCarriesNoTidThenTheUserOfTheDefaultTenant() {
        // As every token issued before tokens named their tenant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String old = JWT.create().withHeader(Map.of("typ", TokenService.TYPE, "kid", TokenService.keyId(SECRET)))
                .withSubject(ada.getId()).withIssuer("portcullis").withJWTId(UUID.randomUUID().toString())
                .withClaim("email", ada.getEmail()).withIssuedAt(now).withNotBefore(now).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC256(SECRET));
        assertTrue(JWT.decode(old).getClaim("tid").isMissing());

        Identity identity = resolve("Bearer " + old);

        assertEquals(ada.getId(), identity.userId().orElse(null));
        assertSame(Tenant.DEFAULT, identity.tenant());
    }

    @Test
    void resolveWhenTheTokenIsTheDefaultTenantsThenTheUserCarriesThatTenant() {
        assertSame(Tenant.DEFAULT, resolve(header).tenant());
        assertSame(Tenant.DEFAULT, resolve("Bearer not.a.token").tenant(), "a guest too");
    }

    @Test
    void resolveWhenTheTokenNamesAnotherTenantThenAGuestOfTheRequestsTenant() {
        // Signed with the real key: a tid cannot be forged without it (TokenServiceTest), so only a
        // token Portcullis issued for another tenant can name one.
        String other = "Bearer " + service.issue(ada, new Tenant("other")).token();

        Identity first = resolve(other);
        Identity again = resolve(other);

        assertTrue(first.isGuest(), "a token of another tenant is a guest's here");
        assertTrue(again.isGuest(), "and stays one when the same header object comes again");
        assertSame(Tenant.DEFAULT, first.tenant());
        assertEquals(ada.getId(), resolver.resolve(requestWith(other), new Tenant("other")).userId().orElse(null),
                "the control: in its own tenant the same token is the user's");
    }

    @Test
    void resolveWhenADefaultTenantsTokenComesToAnotherTenantThenAGuest() {
        assertEquals(ada.getId(), resolve(header).userId().orElse(null), "remembered for the default tenant");

        Identity elsewhereTenant = resolver.resolve(requestWith(header), new Tenant("other"));

        assertTrue(elsewhereTenant.isGuest());
        assertEquals(new Tenant("other"), elsewhereTenant.tenant());
    }

    @Test
    void resolveWhenSignedOutOnThisNodeThenTheSameHeaderObjectIsAGuestAtOnce() {
        assertAdaAgainAndAgain("before");
        here.inTransaction(Change.token(token.tokenId()), em -> {
            Revocations.revoke(em, token.tokenId(), token.expiresAt());
            return null;
        });

        assertTrue(resolve(header).isGuest());
    }

    @Test
    void resolveWhenSignedOutEverywhereOnThisNodeThenTheSameHeaderObjectIsAGuestAtOnce() {
        assertAdaAgainAndAgain("before");
        clock.set(clock.instant().plusSeconds(1));
        here.inTransaction(Change.user(ada.getId()), em -> {
            AccountRows.userById(em, ada.getId()).orElseThrow().invalidateTokensIssuedBefore(clock.instant());
            return null;
        });

        assertTrue(resolve(header).isGuest());
    }

    @Test
    void resolveWhenRevokedElsewhereThenTheSameHeaderObjectHoldsUntilTheTimeToLiveAndNotLonger() {
        assertAdaAgainAndAgain("before");
        elsewhere.inTransaction(Change.nothing(), em -> {
            Revocations.revoke(em, token.tokenId(), token.expiresAt());
            return null;
        });

        pass(TTL.minusMillis(1));
        assertEquals(ada.getId(), resolve(header).userId().orElse(null), "within the time-to-live, as every cache");
        pass(Duration.ofMillis(1));
        assertTrue(resolve(header).isGuest(), "not a moment past it");
    }

    @Test
    void resolveWhenTheAccountIsDisabledElsewhereThenGuestOnceTheTimeToLiveHasPassed() {
        assertAdaAgainAndAgain("before");
        elsewhere.inTransaction(Change.nothing(), em -> {
            AccountRows.userById(em, ada.getId()).orElseThrow().setStatus(UserStatus.INACTIVE);
            return null;
        });

        pass(TTL);
        assertTrue(resolve(header).isGuest());
    }

    @Test
    void resolveWhenApiAccessIsOffThenTheUserIsKnownWithoutItFromTheCachedAccountRowAlone() {
        setApiAccess(here, false);
        Identity first = resolve(header);
        assertEquals(ada.getId(), first.userId().orElse(null), "Portcullis' own endpoints still know them");
        assertFalse(first.apiAccess());

        here.close(); // from here on, any read of the database would fail
        Identity cached = resolve(new String(header.toCharArray())); // another object: looked up again, in the caches

        assertEquals(ada.getId(), cached.userId().orElse(null));
        assertFalse(cached.apiAccess(), "the flag rides on the account row the identity check reads anyway");
    }

    @Test
    void resolveWhenApiAccessIsSetBackHereThenTheNextRequestHasItAndElsewhereWithinTheTimeToLive() {
        setApiAccess(here, false);
        assertFalse(resolve(header).apiAccess());

        setApiAccess(here, true);
        assertTrue(resolve(header).apiAccess(), "this node forgets at once, the remembered identity too");

        setApiAccess(elsewhere, false);
        assertTrue(resolve(header).apiAccess(), "another node's change: within the time-to-live");
        pass(TTL);
        assertFalse(resolve(header).apiAccess());
        assertTrue(Identity.guest().apiAccess(), "a guest has nothing to hide");
    }

    private void setApiAccess(Database node, boolean on) {
        node.inTransaction(node == here ? Change.user(ada.getId()) : Change.nothing(), em -> {
            AccountRows.userById(em, ada.getId()).orElseThrow().setApiAccess(on);
            return null;
        });
    }

    @Test
    void resolveWhenTheTokenExpiresThenTheSameHeaderObjectIsAGuestExactlyThen() {
        assertAdaAgainAndAgain("before");
        clock.set(token.expiresAt().minusMillis(1));
        assertEquals(ada.getId(), resolve(header).userId().orElse(null));

        clock.set(token.expiresAt());
        assertTrue(resolve(header).isGuest());
    }

    @Test
    void resolveWhenManyHeaderObjectsShareTheTableThenEachIsItsOwnUser() {
        UserAccount bob = newUser();
        String bobs = "Bearer " + service.issue(bob).token();
        for (int i = 0; i < 3 * RecentIdentities.SLOTS; i++) {
            String adaHeader = new String(header.toCharArray());
            String bobHeader = new String(bobs.toCharArray());
            assertEquals(ada.getId(), resolve(adaHeader).userId().orElse(null));
            assertEquals(bob.getId(), resolve(bobHeader).userId().orElse(null));
            assertEquals(ada.getId(), resolve(adaHeader).userId().orElse(null));
        }
    }

    @Test
    void resolveWhenTheSameHeaderObjectCarriesAForgedTokenThenAGuestEveryTime() {
        String token = this.token.token();
        String forged = "Bearer " + token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        for (int i = 0; i < 3; i++) {
            assertTrue(resolve(forged).isGuest());
        }
    }
}
