package org.portcullis.filter.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The addresses told something within a window on this node, so that repeated sign-ups on a taken e-mail
 * cannot flood its owner's mailbox. Bounded: the oldest entries go first.
 */
final class RecentNotices {

    private static final int MAX_ENTRIES = 10_000;

    private final Duration window;
    private final LinkedHashMap<String, Instant> told = new LinkedHashMap<>();

    RecentNotices(Duration window) {
        this.window = window;
    }

    /** True, and remembered, when {@code address} was not told within the window before {@code now}. */
    synchronized boolean firstWithinWindow(String address, Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = told.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> entry = oldest.next();
            if (told.size() <= MAX_ENTRIES && entry.getValue().plus(window).isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        if (told.containsKey(address)) {
            return false;
        }
        told.put(address, now);
        return true;
    }
}
