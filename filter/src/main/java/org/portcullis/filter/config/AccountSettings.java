package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * An account's life after sign-up: whether an administrator must approve it first, how long a deleted
 * account can be restored, and how often the erasure of deleted accounts' personal data runs.
 *
 * <pre>{@code
 * <init-param><param-name>signup.approval</param-name><param-value>true</param-value></init-param>
 * <init-param><param-name>account.deleted.retention</param-name><param-value>P7D</param-value></init-param>
 * }</pre>
 *
 * @param approval        {@code signup.approval}: new sign-ups are {@code pending_approval} until an
 *                        administrator sets them {@code active}
 * @param retention       {@code account.deleted.retention}: how long an administrator may restore a deleted
 *                        account; after it its personal data is erased
 * @param erasureInterval {@code account.erasure.interval}: how often the erasure job looks for accounts
 *                        deleted longer than the retention
 */
public record AccountSettings(boolean approval, Duration retention, Duration erasureInterval) {

    static final ParameterSpec<Boolean> APPROVAL = ParameterSpec.bool("signup.approval", false,
            "new sign-ups wait, as pending_approval, until an administrator sets them active");
    static final ParameterSpec<Duration> RETENTION = ParameterSpec.duration("account.deleted.retention",
            Duration.ofDays(30), Duration.ofSeconds(1), Duration.ofDays(3650),
            "how long an administrator may restore a deleted account; then its personal data is erased", "P7D");
    static final ParameterSpec<Duration> ERASURE_INTERVAL = ParameterSpec.duration("account.erasure.interval",
            Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(1),
            "how often the erasure of deleted accounts past the retention runs", "PT10M");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(APPROVAL, RETENTION, ERASURE_INTERVAL);

    public static AccountSettings from(Parameters p) {
        return new AccountSettings(p.get(APPROVAL), p.get(RETENTION), p.get(ERASURE_INTERVAL));
    }
}
