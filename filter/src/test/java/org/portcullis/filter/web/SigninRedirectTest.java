package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigninRedirectTest {

    private static final String PREFIX = "/auth/signin?next=";

    /** The {@code next} a Location carries, decoded as the sign-in page reads it; empty when it has none. */
    private static String nextOf(String location) {
        int at = location.indexOf(PREFIX);
        return at < 0 ? "" : URLDecoder.decode(location.substring(at + PREFIX.length()), StandardCharsets.UTF_8);
    }

    private static HttpServletRequest browser(DispatcherType dispatch) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("GET");
        when(request.getDispatcherType()).thenReturn(dispatch);
        when(request.getHeaders("Accept")).thenAnswer(i -> Collections.enumeration(List.of("text/html")));
        return request;
    }

    @Test
    void locationWhenAtTheRootThenTheSigninPageWithPathAndQueryAsNext() {
        String location = SigninRedirect.location("", "/notes/1", "view=full&x=a%20b");
        assertEquals("/auth/signin?next=%2Fnotes%2F1%3Fview%3Dfull%26x%3Da%2520b", location);
        assertEquals("/notes/1?view=full&x=a%20b", nextOf(location));
    }

    @Test
    void locationWhenUnderAContextPathThenBothPageAndNextCarryIt() {
        String location = SigninRedirect.location("/app", "/notes/1", null);
        assertEquals("/app/auth/signin?next=%2Fapp%2Fnotes%2F1", location);
    }

    @Test
    void locationWhenThePathHoldsDecodedCharactersThenNextEncodesThemAgain() {
        assertEquals("/notes/a%20b%3F%23%3B/%C3%A9", nextOf(SigninRedirect.location("", "/notes/a b?#;/é", null)),
                "a decoded ?, # or ; must not become the query, the fragment or a path parameter");
        // The firewall refuses %25 before a route is matched; were a % to get here, SafeRedirect, which
        // decodes repeatedly, would not know which it meant: no next rather than a wrong one.
        assertEquals("/auth/signin", SigninRedirect.location("", "/notes/100%/x", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "//evil.example/notes/1", "/\\evil.example", "\\\\evil.example",
            "https://evil.example", "javascript:alert(1)", "", "notes"})
    void locationWhenThePathCouldLeaveTheSiteThenTheSigninPageWithoutNext(String path) {
        String location = SigninRedirect.location("", path, "a=1");
        assertTrue(location.equals("/auth/signin") || SafeRedirect.isRelative(nextOf(location)), location);
        assertFalse(nextOf(location).startsWith("//"), location);
        assertEquals("/auth/signin", SigninRedirect.location("", "//evil.example", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=%5Cevil", "x=\r\nSet-Cookie:a=1", "x=%0d%0a", "x=a\tb"})
    void locationWhenTheQueryIsNotSafeInANextThenTheSigninPageWithoutNext(String query) {
        assertEquals("/auth/signin", SigninRedirect.location("", "/notes/1", query), query);
    }

    @Test
    void guestRefusalWhenABrowsersOwnRequestThenRedirectedAndElseNot() {
        SigninRedirect on = new SigninRedirect(true);
        HttpServletResponse open = mock(HttpServletResponse.class);
        HttpServletResponse committed = mock(HttpServletResponse.class);
        when(committed.isCommitted()).thenReturn(true);
        ApiError guest = ApiError.notSignedIn();

        assertTrue(on.redirects(browser(DispatcherType.REQUEST), open, guest));
        assertFalse(on.redirects(browser(DispatcherType.REQUEST), committed, guest), "the reply has begun");
        for (DispatcherType other : List.of(DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ASYNC,
                DispatcherType.ERROR)) {
            assertFalse(on.redirects(browser(other), open, guest), other.name());
            assertEquals(Optional.empty(), on.vary(browser(other), guest), other.name());
        }
        assertFalse(on.redirects(browser(DispatcherType.REQUEST), open, ApiError.forbidden("forbidden", "no")));
        assertFalse(new SigninRedirect(false).redirects(browser(DispatcherType.REQUEST), open, guest));
    }

    @Test
    void varyWhenARedirectWasPossibleThenAcceptAndOtherwiseNone() {
        assertEquals(Optional.of("Accept"), new SigninRedirect(true).vary(browser(DispatcherType.REQUEST),
                ApiError.notSignedIn()));
        assertEquals(Optional.empty(), new SigninRedirect(false).vary(browser(DispatcherType.REQUEST),
                ApiError.notSignedIn()), "switched off: the 401 exactly as before");
        assertEquals(Optional.empty(), new SigninRedirect(true).vary(browser(DispatcherType.REQUEST),
                new ApiError(404, "not_found", "no")));
    }
}
