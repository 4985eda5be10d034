package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;

class ClaimTest {

    private static final String ID = UUID.randomUUID().toString();

    private static Identity user(String email) {
        return Identity.user(ID, email, null, AuthType.COOKIE, UUID.randomUUID().toString(),
                Instant.now().plusSeconds(60));
    }

    @Test
    void loginWhenSpelledWithCaseOrSpacesThenCountedAsTheLookupSeesIt() {
        assertEquals("ada@example.com", new Claim.Login("  ADA@Example.com ").account());
    }

    @Test
    void signedInWhenTheUserHasAnEmailThenCountedUnderItAsASigninWouldBe() {
        Claim.SignedIn claim = Claim.signedIn(user("Ada@Example.com"));

        assertEquals(new Claim.Login("ada@example.com").account(), claim.account());
        assertEquals(ID, claim.userId());
    }

    @Test
    void signedInWhenTheUserHasNoEmailThenCountedUnderTheReferenceId() {
        assertEquals(new Claim.SignedIn(ID, ID), Claim.signedIn(user(null)));
    }

    @Test
    void signedInWhenAGuestThenRefusedForAGuestClaimsNoAccount() {
        assertThrows(IllegalArgumentException.class, () -> Claim.signedIn(Identity.guest()));
    }

    @Test
    void anonymousWhenSpelledWithCaseOrSpacesThenOneKeyAsTheIdentityRowKeepsIt() {
        assertEquals("anon_3f0c2d4e-0000-4000-8000-000000000001",
                new Claim.Anonymous("  ANON_3F0C2D4E-0000-4000-8000-000000000001 ").account());
    }
}
