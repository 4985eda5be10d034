package org.portcullis.filter.config;

import java.util.List;

/**
 * Which of Portcullis' own pages are served, and whether a guest's browser refused on a guarded page is
 * sent to sign in. A switch that would lead to a page that is off is off too.
 *
 * <pre>{@code
 * <init-param><param-name>pages.signup.enabled</param-name><param-value>false</param-value></init-param>
 * }</pre>
 *
 * @param signinPage     {@code pages.signin.enabled}: serve the sign-in page at {@code /auth/signin}
 * @param signupPage     {@code pages.signup.enabled}: serve the sign-up page at {@code /auth/signup}; off whenever
 *                       {@code signup.enabled} is off
 * @param signinRedirect {@code signin.redirect}: a guest's browser refused on a guarded page (a GET or HEAD asking
 *                       for HTML) is sent to the sign-in page, which comes back to the page afterwards, instead of
 *                       getting the JSON 401; off whenever {@code pages.signin.enabled} is off, since there is no
 *                       page to send it to
 */
public record PageSettings(boolean signinPage, boolean signupPage, boolean signinRedirect) {

    static final ParameterSpec<Boolean> SIGNIN_PAGE = ParameterSpec.bool("pages.signin.enabled", true,
            "serve the sign-in page at /auth/signin");
    static final ParameterSpec<Boolean> SIGNUP_PAGE = ParameterSpec.bool("pages.signup.enabled", true,
            "serve the sign-up page at /auth/signup (off whenever signup.enabled is off)");
    static final ParameterSpec<Boolean> SIGNIN_REDIRECT = ParameterSpec.bool("signin.redirect", true,
            "send a guest's browser refused on a guarded page to the sign-in page instead of a 401");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(SIGNIN_PAGE, SIGNUP_PAGE, SIGNIN_REDIRECT);

    public static PageSettings from(Parameters p) {
        boolean signinPage = p.get(SIGNIN_PAGE);
        return new PageSettings(signinPage, p.get(SIGNUP_PAGE) && p.get(SignupSettings.ENABLED),
                p.get(SIGNIN_REDIRECT) && signinPage);
    }
}
