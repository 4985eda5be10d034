package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Fresh#until(long)} orders the ticker's readings by their difference, as every check compares them. */
class FreshTest {

    @Test
    void untilWhenBothAreOrdinaryThenTheEarlier() {
        assertEquals(5, new Fresh<>("x", 5).until(9));
        assertEquals(5, new Fresh<>("x", 9).until(5));
        assertEquals(-9, new Fresh<>("x", -9).until(-5));
    }

    @Test
    void untilWhenTheTickerPassesLongMaxValueThenStillTheEarlier() {
        long beforeTheWrap = Long.MAX_VALUE - 5;
        long afterTheWrap = Long.MIN_VALUE + 5; // ten nanoseconds later on a wrapping ticker
        assertEquals(beforeTheWrap, new Fresh<>("x", afterTheWrap).until(beforeTheWrap));
        assertEquals(beforeTheWrap, new Fresh<>("x", beforeTheWrap).until(afterTheWrap));
    }
}
