package org.portcullis.filter.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SigninLogTextTest {

    @Test
    void loggableWhenTextHasLineBreaksThenTheyAreEscapedAndStayOnOneLine() {
        assertEquals("ada@example.com\\u000aSEVERE: forged", SigninAction.loggable("ada@example.com\nSEVERE: forged"));
        assertEquals("a\\u000db", SigninAction.loggable("a\rb"));
        assertEquals("a\\u2028b\\u2029c\\u0085d", SigninAction.loggable("a\u2028b\u2029c\u0085d"));
    }

    @Test
    void loggableWhenTextHasControlOrBidiCharactersThenTheyAreEscaped() {
        assertEquals("\\u001b[31mred\\u0000", SigninAction.loggable("\u001b[31mred\u0000"));
        assertEquals("evil\\u202egpj.exe", SigninAction.loggable("evil\u202egpj.exe"));
    }

    @Test
    void loggableWhenTextHasABackslashThenItIsDoubledSoNoEscapeCanBeFaked() {
        assertEquals("a\\\\u000ab", SigninAction.loggable("a\\u000ab"));
    }

    @Test
    void loggableWhenTextIsPlainThenUnchanged() {
        assertEquals("ada.lovelace+x@exämple.com 127.0.0.1 ::1", SigninAction.loggable("ada.lovelace+x@exämple.com 127.0.0.1 ::1"));
    }
}
