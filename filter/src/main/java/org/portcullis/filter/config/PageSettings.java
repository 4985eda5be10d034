package org.portcullis.filter.config;

import java.util.List;
import java.util.Optional;

/**
 * Which of Portcullis' own pages are served, what they call the application, and whether a guest's
 * browser refused on a guarded page is sent to sign in. A switch that would lead to a page that is off is
 * off too.
 *
 * <pre>{@code
 * <init-param><param-name>pages.signup.enabled</param-name><param-value>false</param-value></init-param>
 * <init-param><param-name>app.name</param-name><param-value>Notes</param-value></init-param>
 * }</pre>
 *
 * @param signinPage     {@code pages.signin.enabled}: serve the sign-in page at {@code /auth/signin}
 * @param signupPage     {@code pages.signup.enabled}: serve the sign-up page at {@code /auth/signup}; off whenever
 *                       {@code signup.enabled} is off
 * @param signinRedirect {@code signin.redirect}: a guest's browser refused on a guarded page (a GET or HEAD asking
 *                       for HTML) is sent to the sign-in page, which comes back to the page afterwards, instead of
 *                       getting the JSON 401; off whenever {@code pages.signin.enabled} is off, since there is no
 *                       page to send it to
 * @param accountPages   {@code pages.account.enabled}: serve {@code /auth/verify}, {@code /auth/forgot},
 *                       {@code /auth/reset} and the mailed links' page {@code /auth/link/<token>}
 * @param signoutPage    {@code pages.signout.enabled}: serve {@code /auth/signout}, a page with a sign-out button
 * @param signedInAs     {@code pages.me.enabled}: answer {@code GET /auth/me} with who is signed in, for host pages
 * @param appName        {@code app.name}: the name the pages show; empty for the web application's
 *                       {@code <display-name>}, else "Portcullis"
 */
public record PageSettings(boolean signinPage, boolean signupPage, boolean signinRedirect, boolean accountPages,
                           boolean signoutPage, boolean signedInAs, Optional<String> appName) {

    static final ParameterSpec<Boolean> SIGNIN_PAGE = ParameterSpec.bool("pages.signin.enabled", true,
            "serve the sign-in page at /auth/signin");
    static final ParameterSpec<Boolean> SIGNUP_PAGE = ParameterSpec.bool("pages.signup.enabled", true,
            "serve the sign-up page at /auth/signup (off whenever signup.enabled is off)");
    static final ParameterSpec<Boolean> SIGNIN_REDIRECT = ParameterSpec.bool("signin.redirect", true,
            "send a guest's browser refused on a guarded page to the sign-in page instead of a 401");
    static final ParameterSpec<Boolean> ACCOUNT_PAGES = ParameterSpec.bool("pages.account.enabled", true,
            "serve /auth/verify, /auth/forgot, /auth/reset and /auth/link/<token>");
    static final ParameterSpec<Boolean> SIGNOUT_PAGE = ParameterSpec.bool("pages.signout.enabled", true,
            "serve /auth/signout, a page with a sign-out button");
    static final ParameterSpec<Boolean> SIGNED_IN_AS = ParameterSpec.bool("pages.me.enabled", true,
            "answer GET /auth/me with who is signed in");
    static final ParameterSpec<String> APP_NAME = ParameterSpec.matching("app.name", null, "[^\\p{Cntrl}]{1,100}",
            "give 1 to 100 characters, no line breaks",
            "the name the pages show (none: the web application's display-name, else Portcullis)", "Notes");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(SIGNIN_PAGE, SIGNUP_PAGE, SIGNIN_REDIRECT,
            ACCOUNT_PAGES, SIGNOUT_PAGE, SIGNED_IN_AS, APP_NAME);

    public static PageSettings from(Parameters p) {
        boolean signinPage = p.get(SIGNIN_PAGE);
        return new PageSettings(signinPage, p.get(SIGNUP_PAGE) && p.get(SignupSettings.ENABLED),
                p.get(SIGNIN_REDIRECT) && signinPage, p.get(ACCOUNT_PAGES), p.get(SIGNOUT_PAGE), p.get(SIGNED_IN_AS),
                Optional.ofNullable(p.get(APP_NAME)).map(String::strip).filter(name -> !name.isEmpty()));
    }
}
