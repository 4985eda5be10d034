package org.portcullis.filter.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Side-by-side timings compared by their medians, for the tests that say two failures cost the same. */
public final class Medians {

    private Medians() {
    }

    public static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** How far apart the two medians are, relative to the larger: 0.1 is 10%. */
    public static double gap(List<Long> one, List<Long> other) {
        double a = median(one);
        double b = median(other);
        return Math.abs(a - b) / Math.max(a, b);
    }
}
