package org.portcullis.filter.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portcullis.filter.web.ApiError;

/** The CSRF policy without a container: one test per case of {@link CsrfPolicy#judge} and of what a verdict refuses. */
class CsrfPolicyTest {

    private static final String EVIL = "https://evil.example";
    private static final String OWN = "https://notes.example";
    private static final boolean COOKIE = true;
    private static final boolean BEARER = true;

    private final CsrfPolicy policy = new CsrfPolicy(List.of("https://trusted.example"));

    /** A request to {@code https://notes.example/…} with the given method and header pairs. */
    private static HttpServletRequest request(String method, String... headers) {
        return request("https", "notes.example", 443, method, headers);
    }

    private static HttpServletRequest request(String scheme, String host, int port, String method, String... headers) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getScheme()).thenReturn(scheme);
        when(request.getServerName()).thenReturn(host);
        when(request.getServerPort()).thenReturn(port);
        for (int i = 0; i < headers.length; i += 2) {
            when(request.getHeader(headers[i])).thenReturn(headers[i + 1]);
        }
        return request;
    }

    private CsrfVerdict cookie(HttpServletRequest request) {
        return policy.judge(request, COOKIE, !BEARER);
    }

    private CsrfVerdict guest(HttpServletRequest request) {
        return policy.judge(request, !COOKIE, !BEARER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void cookieRequestWhenSafeMethodFromElsewhereThenPasses(String method) {
        assertEquals(CsrfVerdict.PASSES, cookie(request(method, "Origin", EVIL, "Sec-Fetch-Site", "cross-site")));
    }

    @Test
    void bearerRequestWhenPostFromElsewhereThenPasses() {
        assertEquals(CsrfVerdict.PASSES,
                policy.judge(request("POST", "Origin", EVIL, "Sec-Fetch-Site", "cross-site"), !COOKIE, BEARER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"same-origin", "none", " Same-Origin "})
    void cookieRequestWhenSecFetchSiteSaysHereThenPasses(String site) {
        assertEquals(CsrfVerdict.PASSES, cookie(request("POST", "Sec-Fetch-Site", site)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site", "unknown", ""})
    void cookieRequestWhenSecFetchSiteSaysElsewhereThenForged(String site) {
        assertEquals(CsrfVerdict.FORGED, cookie(request("POST", "Sec-Fetch-Site", site)));
    }

    @Test
    void cookieRequestWhenSecFetchSiteSaysElsewhereThenForgedEvenWithOwnOrigin() {
        assertEquals(CsrfVerdict.FORGED, cookie(request("POST", "Sec-Fetch-Site", "cross-site", "Origin", OWN)));
    }

    @Test
    void cookieRequestWhenOriginIsTrustedThenPassesWhateverSecFetchSiteSays() {
        assertEquals(CsrfVerdict.PASSES,
                cookie(request("POST", "Origin", "HTTPS://Trusted.Example", "Sec-Fetch-Site", "cross-site")));
    }

    @Test
    void cookieRequestWhenOriginIsItsOwnThenPasses() {
        assertEquals(CsrfVerdict.PASSES, cookie(request("DELETE", "Origin", OWN)));
    }

    @ParameterizedTest
    @ValueSource(strings = {EVIL, "null", "http://notes.example", "https://notes.example:8443",
            "https://sub.notes.example"})
    void cookieRequestWhenOriginIsAnotherThenForged(String origin) {
        assertEquals(CsrfVerdict.FORGED, cookie(request("POST", "Origin", origin)));
    }

    @Test
    void cookieRequestWhenOriginNamesANonDefaultPortThenItMustMatch() {
        HttpServletRequest onPort = request("http", "localhost", 8080, "POST", "Origin", "http://localhost:8080");
        HttpServletRequest offPort = request("http", "localhost", 8080, "POST", "Origin", "http://localhost");

        assertEquals(CsrfVerdict.PASSES, cookie(onPort));
        assertEquals(CsrfVerdict.FORGED, cookie(offPort));
    }

    @Test
    void cookieRequestWhenServedOnIpv6ThenOriginInBracketsIsItsOwn() {
        assertEquals(CsrfVerdict.PASSES, cookie(request("http", "::1", 8080, "POST", "Origin", "http://[::1]:8080")));
    }

    @Test
    void cookieRequestWhenBrowserSaysNothingAndNoCustomHeaderThenForged() {
        assertEquals(CsrfVerdict.FORGED, cookie(request("POST")));
    }

    @ParameterizedTest
    @ValueSource(strings = {CrossSiteCheck.HEADER, "X-Requested-With"})
    void cookieRequestWhenBrowserSaysNothingAndCustomHeaderThenPasses(String header) {
        assertEquals(CsrfVerdict.PASSES, cookie(request("PUT", header, "1")));
    }

    @Test
    void cookieRequestWhenCustomHeaderIsBlankThenForged() {
        assertEquals(CsrfVerdict.FORGED, cookie(request("POST", CrossSiteCheck.HEADER, " ")));
    }

    @Test
    void cookieRequestWhenFromElsewhereThenForgedEvenWithCustomHeader() {
        assertEquals(CsrfVerdict.FORGED, cookie(request("POST", "Origin", EVIL, CrossSiteCheck.HEADER, "1")));
    }

    @Test
    void guestRequestWhenPostFromElsewhereThenFromElsewhere() {
        assertEquals(CsrfVerdict.FROM_ELSEWHERE, guest(request("POST", "Sec-Fetch-Site", "cross-site")));
    }

    @Test
    void guestRequestWhenBrowserSaysNothingThenPasses() {
        assertEquals(CsrfVerdict.PASSES, guest(request("POST")));
    }

    @Test
    void guestRequestWhenFromHereThenPasses() {
        assertEquals(CsrfVerdict.PASSES, guest(request("POST", "Origin", OWN)));
    }

    /** A dispatch of a request identified already was judged then: only "from elsewhere" is asked again. */
    @Test
    void cookieRequestIdentifiedEarlierWhenSaysNothingThenPasses() {
        assertEquals(CsrfVerdict.PASSES, guest(request("POST")));
        assertEquals(CsrfVerdict.FROM_ELSEWHERE, guest(request("POST", "Origin", EVIL)));
    }

    @Test
    void verdictWhenPassesThenRefusedNowhere() {
        assertFalse(CsrfVerdict.PASSES.refusedByEndpoints());
        assertFalse(CsrfVerdict.PASSES.refusedByGuardedRoutes());
        assertFalse(CsrfVerdict.PASSES.reachesUnguardedAsGuest());
    }

    @Test
    void verdictWhenFromElsewhereThenRefusedByEndpointsAlone() {
        assertTrue(CsrfVerdict.FROM_ELSEWHERE.refusedByEndpoints());
        assertFalse(CsrfVerdict.FROM_ELSEWHERE.refusedByGuardedRoutes());
        assertFalse(CsrfVerdict.FROM_ELSEWHERE.reachesUnguardedAsGuest());
    }

    @Test
    void verdictWhenForgedThenRefusedEverywhereAndAGuestOnUnguardedPages() {
        assertTrue(CsrfVerdict.FORGED.refusedByEndpoints());
        assertTrue(CsrfVerdict.FORGED.refusedByGuardedRoutes());
        assertTrue(CsrfVerdict.FORGED.reachesUnguardedAsGuest());
    }

    @Test
    void refusalWhenBuiltThen403CsrfNamingTheHeader() {
        ApiError refusal = CsrfVerdict.refusal();

        assertEquals(403, refusal.status());
        assertEquals("csrf", refusal.code());
        assertEquals("This request looks forged from another site: send it from this site's pages, with the header"
                + " X-Portcullis-CSRF, or with an Authorization header.", refusal.getMessage());
    }
}
