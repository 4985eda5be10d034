package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresentedTokenTest {

    private static HttpServletRequest request(List<String> authorization, Cookie... cookies) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Authorization")).thenReturn(Collections.enumeration(authorization));
        when(request.getCookies()).thenReturn(cookies.length == 0 ? null : cookies);
        // As a container has it: cookies come from a Cookie header, and none without one.
        when(request.getHeader("Cookie")).thenReturn(cookies.length == 0 ? null : "(the cookies above)");
        return request;
    }

    @Test
    void cookiesWhenThereIsNoCookieHeaderThenTheyAreNotParsed() {
        HttpServletRequest request = request(List.of("Bearer a.b.c"));

        PresentedToken.of(request, "token");

        org.mockito.Mockito.verify(request, org.mockito.Mockito.never()).getCookies();
    }

    @Test
    void bearerWhenPresentThenReadInAnyCaseOfTheScheme() {
        assertEquals(Optional.of(new PresentedToken("a.b.c", AuthType.BEARER)),
                PresentedToken.of(request(List.of("Bearer a.b.c")), "token"));
        assertEquals(Optional.of(new PresentedToken("a.b.c", AuthType.BEARER)),
                PresentedToken.of(request(List.of("bearer a.b.c")), "token"));
    }

    @Test
    void cookieWhenNoHeaderThenRead() {
        assertEquals(Optional.of(new PresentedToken("a.b.c", AuthType.COOKIE)),
                PresentedToken.of(request(List.of(), new Cookie("token", "a.b.c")), "token"));
    }

    @Test
    void twoAuthorizationHeadersWhenPresentThenNoToken() {
        assertTrue(PresentedToken.of(request(List.of("Bearer a.b.c", "Bearer d.e.f")), "token").isEmpty());
    }

    @Test
    void headerAndCookieWhenTheyDisagreeThenNoToken() {
        assertTrue(PresentedToken.of(request(List.of("Bearer a.b.c"), new Cookie("token", "d.e.f")), "token").isEmpty());
        assertEquals(Optional.of(new PresentedToken("a.b.c", AuthType.BEARER)),
                PresentedToken.of(request(List.of("Bearer a.b.c"), new Cookie("token", "a.b.c")), "token"));
    }

    @Test
    void twoCookiesWhenTheyDisagreeThenNoToken() {
        assertTrue(PresentedToken.of(request(List.of(), new Cookie("token", "a.b.c"), new Cookie("token", "d.e.f")),
                "token").isEmpty());
    }

    @Test
    void malformedBearerWhenPresentThenNoTokenEvenWithACookie() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer a b", "Bearer a.b.c,d", "Bearer\ta.b.c")) {
            assertTrue(PresentedToken.of(request(List.of(header), new Cookie("token", "x.y.z")), "token").isEmpty(), header);
        }
    }

    @Test
    void otherSchemeWhenPresentThenCookieStillCounts() {
        assertEquals(Optional.of(new PresentedToken("x.y.z", AuthType.COOKIE)),
                PresentedToken.of(request(List.of("Basic dXNlcjpwYXNz"), new Cookie("token", "x.y.z")), "token"));
    }

    @Test
    void tokenWhenNotExactlyOneCompactJwsThenNoToken() {
        for (String token : List.of("a.b.c.d.e", "a.b.c.d", "a.b", "a.b.", ".b.c", "a+b.c.d", "a.b.c=", "a/b.c.d",
                "x".repeat(PresentedToken.MAX_LENGTH) + ".b.c")) {
            assertTrue(PresentedToken.of(request(List.of("Bearer " + token)), "token").isEmpty(), token);
            assertTrue(PresentedToken.of(request(List.of(), new Cookie("token", token)), "token").isEmpty(), token);
        }
    }

    @Test
    void twoEqualAuthorizationHeadersWhenPresentThenNoToken() {
        assertTrue(PresentedToken.of(request(List.of("Bearer a.b.c", "Bearer a.b.c")), "token").isEmpty());
    }

    @Test
    void toStringWhenPrintedThenNeverShowsTheToken() {
        assertTrue(!new PresentedToken("secret.token.value", AuthType.BEARER).toString().contains("secret"));
    }

    @org.junit.jupiter.api.Test
    void bearerJwsWhenScannedThenOnlyRfc6750HeadersCarryingOneCompactJwsPass() {
        assertEquals("a.b.c", PresentedToken.bearerJws("Bearer a.b.c"));
        assertEquals("a.b.c", PresentedToken.bearerJws("bEaReR   a.b.c  "));
        assertEquals("eyJ-_0.eyJ9.sig-_", PresentedToken.bearerJws("Bearer eyJ-_0.eyJ9.sig-_"));
        for (String bad : new String[] {"Bearer", "Bearer ", "Bearer  ", "Bearer\ta.b.c", "Bearer a b", "Bearer a.b.c,d",
                "Bearer a=b", "Bearera.b.c", "Bearer a.b.c\n", "Bearer é.b.c",
                // token68, but no compact JWS
                "Bearer ab+/~==", "Bearer a.b.c==", "Bearer a.b", "Bearer a..c", "Bearer .b.c", "Bearer a.b.",
                "Bearer a.b.c.d.e", "Bearer a+b.c.d", "Bearer a.b.c/", "Bearer " + "x".repeat(PresentedToken.MAX_LENGTH) + ".b.c"}) {
            assertEquals(null, PresentedToken.bearerJws(bad), bad);
        }
    }

    @org.junit.jupiter.api.Test
    void compactJwsWhenScannedThenExactlyThreeNonEmptyBase64UrlParts() {
        assertTrue(PresentedToken.compactJws("a.b.c"));
        assertTrue(PresentedToken.compactJws("eyJ-_0.eyJ9.sig-_"));
        for (String bad : new String[] {"", "a.b", "a.b.", ".b.c", "a..c", "a.b.c.d.e", "a.b.c=", "a+b.c.d", "a.b.c ",
                "a.b.c".repeat(1) + "x".repeat(PresentedToken.MAX_LENGTH)}) {
            assertTrue(!PresentedToken.compactJws(bad), bad);
        }
    }
}
