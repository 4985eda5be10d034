package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrowserNavigationTest {

    private static final String FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static HttpServletRequest request(String method, List<String> accept, String... headers) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getHeaders("Accept")).thenAnswer(i -> Collections.enumeration(accept));
        for (int i = 0; i < headers.length; i += 2) {
            when(request.getHeader(headers[i])).thenReturn(headers[i + 1]);
        }
        return request;
    }

    @ParameterizedTest
    @ValueSource(strings = {FIREFOX,
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
                    + "application/signed-exchange;v=b3;q=0.7",
            "text/html", "TEXT/HTML", " text/html ; charset=utf-8", "text/html;level=1;q=0.5, */*;q=0.1",
            "application/json;q=0.5, text/html", "text/html, application/json"})
    void acceptWhenItPrefersHtmlThenABrowsersPage(String accept) {
        assertTrue(BrowserNavigation.prefersHtml(accept), accept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/json", "application/json, text/html;q=0.5",
            "text/html;q=0", "text/html;q=0.0", "text/*", "application/xhtml+xml", "text/htmlx", "text/html;q=2",
            "text/html;q=abc", "text/html;q=NaN", ",,,", ";q=1", "text/plain, */*"})
    void acceptWhenItDoesNotPreferHtmlThenAnApiClient(String accept) {
        assertFalse(BrowserNavigation.prefersHtml(accept), accept);
    }

    @Test
    void acceptWhenMissingThenAnApiClient() {
        assertFalse(BrowserNavigation.prefersHtml(null));
        assertFalse(BrowserNavigation.is(request("GET", List.of())));
    }

    @Test
    void getOrHeadWhenAskingForHtmlThenABrowsersPage() {
        assertTrue(BrowserNavigation.is(request("GET", List.of(FIREFOX))));
        assertTrue(BrowserNavigation.is(request("HEAD", List.of(FIREFOX))));
    }

    @Test
    void acceptWhenSplitOverSeveralHeadersThenReadAsOne() {
        assertTrue(BrowserNavigation.is(request("GET", List.of("text/html", "*/*;q=0.8"))));
        assertFalse(BrowserNavigation.is(request("GET", List.of("text/html;q=0.5", "application/json"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get"})
    void otherMethodsWhenAskingForHtmlThenNotABrowsersPage(String method) {
        assertFalse(BrowserNavigation.is(request(method, List.of(FIREFOX))), method);
    }

    @Test
    void scriptWhenItSendsXRequestedWithThenAnApiClient() {
        assertFalse(BrowserNavigation.is(request("GET", List.of(FIREFOX), "X-Requested-With", "XMLHttpRequest")));
        assertFalse(BrowserNavigation.is(request("GET", List.of(FIREFOX), "X-Requested-With", "")),
                "any X-Requested-With, even empty");
    }

    @Test
    void clientWhenItSendsAuthorizationThenAnApiClient() {
        assertFalse(BrowserNavigation.is(request("GET", List.of(FIREFOX), "Authorization", "Bearer x.y.z")));
        assertFalse(BrowserNavigation.is(request("GET", List.of(FIREFOX), "Authorization", "Basic YTpi")));
    }
}
