package io.wspy.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * UTF-8 decoder stress cases, grouped like the categories of Markus Kuhn's well-known test file
 * and written from their descriptions. Each case gives the index of the first invalid byte as the
 * rules of RFC 3629 (Unicode table 3-7) place it: the first byte that no valid text could have there.
 */
final class Utf8Cases {
    /** A complete, valid input. */
    static final int VALID = -1;
    /** Valid so far, but it ends inside a character. */
    static final int INCOMPLETE = -2;

    /**
     * One case.
     *
     * @param category     where it belongs, for messages
     * @param bytes        the input
     * @param firstInvalid index of the first invalid byte, {@link #VALID} or {@link #INCOMPLETE}
     */
    record Case(String category, byte[] bytes, int firstInvalid) {
        @Override
        public String toString() {
            return category + " [" + java.util.HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private Utf8Cases() {
    }

    static List<Case> all() {
        Utf8Cases c = new Utf8Cases();
        c.correctText();
        c.boundaries();
        c.unexpectedContinuationBytes();
        c.lonelyStartCharacters();
        c.lastByteMissing();
        c.concatenatedIncompleteSequences();
        c.impossibleBytes();
        c.overlongForms();
        c.surrogates();
        c.noncharactersAndTheTopOfUnicode();
        c.errorsInsideSequences();
        return c.cases;
    }

    private void add(String category, String hex, int firstInvalid) {
        cases.add(new Case(category, TestBytes.hex(hex), firstInvalid));
    }

    private void add(String category, byte[] bytes, int firstInvalid) {
        cases.add(new Case(category, bytes, firstInvalid));
    }

    private void correctText() {
        add("1 correct text: Greek kosme", "ce ba e1 bd b9 cf 83 ce bc ce b5", VALID);
        add("1 correct text: empty", "", VALID);
        add("1 correct text: ASCII", "48 65 6c 6c 6f 2c 20 57 6f 72 6c 64 21 0a 7e 7f 00", VALID);
        add("1 correct text: mixed lengths", "41 c3 a9 e2 82 ac f0 9f 98 80 5a", VALID);
    }

    private void boundaries() {
        add("2.1 first 1-byte sequence U+0000", "00", VALID);
        add("2.1 first 2-byte sequence U+0080", "c2 80", VALID);
        add("2.1 first 3-byte sequence U+0800", "e0 a0 80", VALID);
        add("2.1 first 4-byte sequence U+10000", "f0 90 80 80", VALID);
        add("2.1 first 5-byte sequence U+200000", "f8 88 80 80 80", 0);
        add("2.1 first 6-byte sequence U+4000000", "fc 84 80 80 80 80", 0);
        add("2.2 last 1-byte sequence U+007F", "7f", VALID);
        add("2.2 last 2-byte sequence U+07FF", "df bf", VALID);
        add("2.2 last 3-byte sequence U+FFFF", "ef bf bf", VALID);
        add("2.2 last 4-byte sequence U+1FFFFF", "f7 bf bf bf", 0);
        add("2.2 last 5-byte sequence U+3FFFFFF", "fb bf bf bf bf", 0);
        add("2.2 last 6-byte sequence U+7FFFFFFF", "fd bf bf bf bf bf", 0);
        add("2.3 U+D7FF, just below the surrogates", "ed 9f bf", VALID);
        add("2.3 U+E000, just above the surrogates", "ee 80 80", VALID);
        add("2.3 U+FFFD", "ef bf bd", VALID);
        add("2.3 U+10FFFF, the last code point", "f4 8f bf bf", VALID);
        add("2.3 U+110000, the first beyond Unicode", "f4 90 80 80", 1);
    }

    private void unexpectedContinuationBytes() {
        add("3.1 first continuation byte", "80", 0);
        add("3.1 last continuation byte", "bf", 0);
        String run = "80 bf 80 bf 80 bf 80";
        for (int n = 2; n <= 7; n++) {
            add("3.1 " + n + " continuation bytes", run.substring(0, 3 * n - 1), 0);
        }
        byte[] all = new byte[64];
        for (int i = 0; i < 64; i++) {
            all[i] = (byte) (0x80 + i);
            add("3.1 lone continuation byte", new byte[] {0x41, (byte) (0x80 + i)}, 1);
        }
        add("3.1 all 64 continuation bytes", all, 0);
        add("3.1 continuation after a complete character", "c3 a9 a9", 2);
    }

    private void lonelyStartCharacters() {
        for (int lead = 0xC0; lead <= 0xFD; lead++) {
            // Each start byte followed by a space: a valid lead fails at the space, the others at once.
            boolean validLead = lead >= 0xC2 && lead <= 0xF4;
            add("3.2 lonely start byte", new byte[] {(byte) lead, 0x20}, validLead ? 1 : 0);
        }
    }

    private void lastByteMissing() {
        add("3.3 2-byte sequence with last byte missing, U+0000", "c0", 0);
        add("3.3 3-byte sequence with last byte missing, U+0000", "e0 80", 1);
        add("3.3 4-byte sequence with last byte missing, U+0000", "f0 80 80", 1);
        add("3.3 5-byte sequence with last byte missing, U+0000", "f8 80 80 80", 0);
        add("3.3 6-byte sequence with last byte missing, U+0000", "fc 80 80 80 80", 0);
        add("3.3 2-byte sequence with last byte missing, U+07FF", "df", INCOMPLETE);
        add("3.3 3-byte sequence with last byte missing, U+FFFF", "ef bf", INCOMPLETE);
        add("3.3 4-byte sequence with last byte missing, U+1FFFFF", "f7 bf bf", 0);
        add("3.3 5-byte sequence with last byte missing", "fb bf bf bf", 0);
        add("3.3 6-byte sequence with last byte missing", "fd bf bf bf bf", 0);
        add("3.3 3-byte sequence cut after its lead", "e1", INCOMPLETE);
        add("3.3 4-byte sequence cut after two bytes", "f0 90", INCOMPLETE);
        add("3.3 4-byte sequence with last byte missing, U+10FFFF", "f4 8f bf", INCOMPLETE);
        add("3.3 cut sequence followed by ASCII", "41 e2 82 41", 3);
        add("3.3 cut 4-byte sequence followed by ASCII", "f0 9f 98 41", 3);
        add("3.3 cut 2-byte sequence followed by ASCII", "c3 41", 1);
    }

    private void concatenatedIncompleteSequences() {
        add("3.4 all the sequences of 3.3 concatenated",
                "c0 e0 80 f0 80 80 f8 80 80 80 fc 80 80 80 80 df ef bf f7 bf bf fb bf bf bf fd bf bf bf bf", 0);
        add("3.4 incomplete sequences with valid leads concatenated", "df ef bf f4 8f bf", 1);
        add("3.4 incomplete sequences after valid text", "41 42 e2 82 f0 9f 98", 4);
    }

    private void impossibleBytes() {
        add("3.5 impossible byte FE", "fe", 0);
        add("3.5 impossible byte FF", "ff", 0);
        add("3.5 impossible bytes FE FE FF FF", "fe fe ff ff", 0);
        add("3.5 impossible byte after text", "41 42 ff", 2);
        add("3.5 impossible byte inside a sequence", "e2 82 fe", 2);
    }

    private void overlongForms() {
        add("4.1 overlong '/' in 2 bytes", "c0 af", 0);
        add("4.1 overlong '/' in 3 bytes", "e0 80 af", 1);
        add("4.1 overlong '/' in 4 bytes", "f0 80 80 af", 1);
        add("4.1 overlong '/' in 5 bytes", "f8 80 80 80 af", 0);
        add("4.1 overlong '/' in 6 bytes", "fc 80 80 80 80 af", 0);
        add("4.2 maximum overlong 2-byte form, U+007F", "c1 bf", 0);
        add("4.2 maximum overlong 3-byte form, U+07FF", "e0 9f bf", 1);
        add("4.2 maximum overlong 4-byte form, U+FFFF", "f0 8f bf bf", 1);
        add("4.2 maximum overlong 5-byte form, U+1FFFFF", "f8 87 bf bf bf", 0);
        add("4.2 maximum overlong 6-byte form, U+3FFFFFF", "fc 83 bf bf bf bf", 0);
        add("4.3 overlong NUL in 2 bytes", "c0 80", 0);
        add("4.3 overlong NUL in 3 bytes", "e0 80 80", 1);
        add("4.3 overlong NUL in 4 bytes", "f0 80 80 80", 1);
        add("4.3 overlong NUL in 5 bytes", "f8 80 80 80 80", 0);
        add("4.3 overlong NUL in 6 bytes", "fc 80 80 80 80 80", 0);
        add("4 smallest valid forms after the overlongs", "c2 80 e0 a0 80 f0 90 80 80", VALID);
    }

    private void surrogates() {
        String[] single = {"ed a0 80", "ed ad bf", "ed ae 80", "ed af bf", "ed b0 80", "ed be 80", "ed bf bf"};
        for (String s : single) {
            add("5.1 single UTF-16 surrogate", s, 1);
            add("5.1 single UTF-16 surrogate after text", "61 62 63 " + s, 4);
        }
        String[] high = {"ed a0 80", "ed ad bf", "ed ae 80", "ed af bf"};
        String[] low = {"ed b0 80", "ed bf bf"};
        for (String h : high) {
            for (String l : low) {
                add("5.2 paired UTF-16 surrogates", h + " " + l, 1);
            }
        }
    }

    private void noncharactersAndTheTopOfUnicode() {
        add("5.3 U+FFFE is valid", "ef bf be", VALID);
        add("5.3 U+FFFF is valid", "ef bf bf", VALID);
        add("5.3 U+FDD0 and U+FDEF are valid", "ef b7 90 ef b7 af", VALID);
        add("5.3 U+1FFFE and U+10FFFE are valid", "f0 9f bf be f4 8f bf be", VALID);
        add("above U+10FFFF: U+13FFFF", "f4 bf bf bf", 1);
        add("above U+10FFFF: U+140000", "f5 80 80 80", 0);
        add("above U+10FFFF: U+1FFFFF", "f7 bf bf bf", 0);
    }

    private void errorsInsideSequences() {
        add("lead byte where a continuation is due", "c2 c2", 1);
        add("ASCII as the third byte of four", "f1 80 41 80", 2);
        add("lead byte as the fourth byte of four", "f1 80 80 e1", 3);
        add("ASCII as the third byte of three", "e1 80 41", 2);
        add("lowest second byte after F4 is fine", "f4 80 80 80", VALID);
        add("highest second byte after ED is fine", "ed 9f 80", VALID);
    }
}
