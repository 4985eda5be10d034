package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SigninLogTextTest {

    @Test
    void loggableWhenTextHasLineBreaksThenTheyAreEscapedAndStayOnOneLine() {
        assertEquals("ada@example.com\\u000aSEVERE: forged", SignIn.loggable("ada@example.com\nSEVERE: forged"));
        assertEquals("a\\u000db", SignIn.loggable("a\rb"));
        assertEquals("a\\u2028b\\u2029c\\u0085d", SignIn.loggable("a\u2028b\u2029c\u0085d"));
    }

    @Test
    void loggableWhenTextHasControlOrBidiCharactersThenTheyAreEscaped() {
        assertEquals("\\u001b[31mred\\u0000", SignIn.loggable("\u001b[31mred\u0000"));
        assertEquals("evil\\u202egpj.exe", SignIn.loggable("evil\u202egpj.exe"));
    }

    @Test
    void loggableWhenTextHasABackslashThenItIsDoubledSoNoEscapeCanBeFaked() {
        assertEquals("a\\\\u000ab", SignIn.loggable("a\\u000ab"));
    }

    @Test
    void loggableWhenTextIsPlainThenUnchanged() {
        assertEquals("ada.lovelace+x@exämple.com 127.0.0.1 ::1", SignIn.loggable("ada.lovelace+x@exämple.com 127.0.0.1 ::1"));
    }
}
