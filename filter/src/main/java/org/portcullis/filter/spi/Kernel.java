package org.portcullis.filter.spi;

import java.time.Clock;
import java.util.function.Supplier;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.mail.Mail;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.HostApplication;
import org.portcullis.filter.web.TokenCookie;

/**
 * The shared parts of one filter instance a {@link Feature} builds on. They are made once, at the
 * filter's start, before any feature registers; none is global, so two web applications in one container
 * never share one.
 *
 * @param config the filter's parameters, read once
 * @param clock the time every check and token uses
 * @param database the host's database; every action runs in one of its transactions
 * @param access the read model of accounts, groups and permissions, emptied by every commit that changes them
 * @param tokens the token service, made once the signing secret is known (it may live in the database):
 *     ask it when a request needs a token, not while registering
 * @param cookie the cookie that carries a browser's token
 * @param passwords hashing and checking passwords
 * @param commonPasswords the passwords refused as too common
 * @param bcryptPool the bounded threads for password work; Portcullis closes it after every feature's
 *     {@link Registry#onStop}
 * @param signIn the one way a credential is checked (throttle by account and address, the bcrypt pool,
 *     equal timing, the log line); every action that checks a password goes through it
 * @param codes the one store of one-time codes, for every purpose
 * @param mail how features mail users; a mail module registers its transport on it ({@link Mail#use})
 * @param host the web application's display name and files, for a feature that lets the host replace
 *     what it serves (the pages read {@code /WEB-INF/portcullis/}); read it while registering, not per request
 */
public record Kernel(PortcullisConfig config, Clock clock, Database database, AccessCache access,
                     Supplier<TokenService> tokens, TokenCookie cookie, Passwords passwords,
                     CommonPasswords commonPasswords, BcryptPool bcryptPool, SignIn signIn,
                     OneTimeCodes codes, Mail mail, HostApplication host) {
}
