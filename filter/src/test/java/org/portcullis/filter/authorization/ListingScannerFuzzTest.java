package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the fast reading of a listing against Jackson's ({@link ListingScannerTest} does the same on
 * generated bodies): for any bytes on which {@link ListingScanner} answers, Jackson must read the
 * same items, ids, positions and end, on both kinds of reading.
 *
 * <p>{@code mvn verify} replays the saved inputs; CI also fuzzes it for a bounded time with
 * {@code JAZZER_FUZZ=1} (see {@code .ci/run}).
 */
class ListingScannerFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void wheneverTheScannerAnswersJacksonReadsTheSame(byte[] body) {
        for (boolean withRanges : new boolean[] {false, true}) {
            CollectionFilter.Reading scanned = ListingScanner.scan(body, withRanges);
            if (scanned == null) {
                continue;
            }
            CollectionFilter.Reading read;
            try {
                read = CollectionFilter.readWithJackson(body, withRanges);
            } catch (CollectionFilter.NotAList | CollectionFilter.BrokenList refused) {
                fail("the scanner answered where Jackson refused: " + refused.getClass().getSimpleName());
                return;
            }
            assertEquals(read.ids, scanned.ids);
            assertEquals(read.valueEnd, scanned.valueEnd);
            assertEquals(read.trailing, scanned.trailing);
            assertEquals(read.lists.size(), scanned.lists.size());
            for (int i = 0; i < read.lists.size(); i++) {
                assertArrayEquals(read.lists.get(i), scanned.lists.get(i));
            }
            if (withRanges) {
                assertEquals(read.ranges.size(), scanned.ranges.size());
                for (int i = 0; i < read.ranges.size(); i++) {
                    assertArrayEquals(read.ranges.get(i), scanned.ranges.get(i));
                }
            }
        }
    }
}
