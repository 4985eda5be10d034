package org.portcullis.filter.config;

import java.util.List;

/**
 * The largest bodies Portcullis reads or holds back: a request body for an action or API call, and a host
 * reply it must check before it leaves.
 *
 * <pre>{@code
 * <init-param><param-name>max.reply.size</param-name><param-value>33554432</param-value></init-param>
 * }</pre>
 *
 * @param maxBodyBytes  {@code max.body.size}: largest request body an action or API call reads, in bytes; larger
 *                      gets 413
 * @param maxReplyBytes {@code max.reply.size}: largest host reply Portcullis holds back to check (collection reads,
 *                      creates, deletes on guarded routes); a larger one is refused with 502, never passed through
 */
public record BodyLimits(int maxBodyBytes, int maxReplyBytes) {

    static final ParameterSpec<Integer> MAX_BODY = ParameterSpec.integer("max.body.size", 64 * 1024, 1024,
            16 * 1024 * 1024, "largest action or API request body, in bytes; larger gets 413", "16384");
    static final ParameterSpec<Integer> MAX_REPLY = ParameterSpec.integer("max.reply.size", 8 * 1024 * 1024,
            64 * 1024, 256 * 1024 * 1024, "largest host reply held back to check, in bytes; larger gets 502",
            "33554432");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(MAX_BODY, MAX_REPLY);

    public static BodyLimits from(Parameters p) {
        return new BodyLimits(p.get(MAX_BODY), p.get(MAX_REPLY));
    }
}
