package io.wspy.server.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The four permessage-deflate parameters (RFC 7692 section 7.1) of one offer or one response,
 * written and parsed independently of the library under test.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover}
 * @param clientNoContextTakeover {@code client_no_context_takeover}
 * @param serverMaxWindowBits     8-15, or {@link #ABSENT}
 * @param clientMaxWindowBits     8-15, {@link #ABSENT}, or {@link #NO_VALUE} (offers only)
 */
record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
                     int clientMaxWindowBits) {
    static final String NAME = "permessage-deflate";
    static final int ABSENT = 0;
    static final int NO_VALUE = -1;

    /** An offer or response with no parameter. */
    static final DeflateParams PLAIN = new DeflateParams(false, false, ABSENT, ABSENT);

    /** The header element, for example {@code permessage-deflate; server_max_window_bits=9}. */
    String header() {
        StringBuilder s = new StringBuilder(NAME);
        if (serverNoContextTakeover) {
            s.append("; server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            s.append("; client_no_context_takeover");
        }
        if (serverMaxWindowBits != ABSENT) {
            s.append("; server_max_window_bits=").append(serverMaxWindowBits);
        }
        if (clientMaxWindowBits == NO_VALUE) {
            s.append("; client_max_window_bits");
        } else if (clientMaxWindowBits != ABSENT) {
            s.append("; client_max_window_bits=").append(clientMaxWindowBits);
        }
        return s.toString();
    }

    /** A short label for case names. */
    String label() {
        List<String> parts = new ArrayList<>();
        if (serverNoContextTakeover) {
            parts.add("snct");
        }
        if (clientNoContextTakeover) {
            parts.add("cnct");
        }
        if (serverMaxWindowBits != ABSENT) {
            parts.add("smwb=" + serverMaxWindowBits);
        }
        if (clientMaxWindowBits == NO_VALUE) {
            parts.add("cmwb");
        } else if (clientMaxWindowBits != ABSENT) {
            parts.add("cmwb=" + clientMaxWindowBits);
        }
        return parts.isEmpty() ? "plain" : String.join(",", parts);
    }

    /** The window the server compresses with: 2^bits bytes. */
    int serverWindowBits() {
        return serverMaxWindowBits > 0 ? serverMaxWindowBits : 15;
    }

    /** The window the client compresses with, as fixed by a response. */
    int clientWindowBits() {
        return clientMaxWindowBits > 0 ? clientMaxWindowBits : 15;
    }

    /**
     * Parses one permessage-deflate element strictly: no unknown or repeated parameter, window
     * bits a decimal 8-15 without leading zeros (quoted values allowed, RFC 7692 section 7.1).
     *
     * @throws IllegalArgumentException if the element is not valid
     */
    static DeflateParams parse(String element) {
        String[] parts = element.split(";");
        if (!parts[0].trim().equalsIgnoreCase(NAME)) {
            throw new IllegalArgumentException("not permessage-deflate: " + element);
        }
        boolean snct = false;
        boolean cnct = false;
        int smwb = ABSENT;
        int cmwb = ABSENT;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (!seen.add(name)) {
                throw new IllegalArgumentException("repeated parameter " + name + ": " + element);
            }
            switch (name) {
                case "server_no_context_takeover":
                    snct = noValue(name, value);
                    break;
                case "client_no_context_takeover":
                    cnct = noValue(name, value);
                    break;
                case "server_max_window_bits":
                    smwb = bits(name, value);
                    break;
                case "client_max_window_bits":
                    cmwb = value == null ? NO_VALUE : bits(name, value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown parameter " + name + ": " + element);
            }
        }
        return new DeflateParams(snct, cnct, smwb, cmwb);
    }

    /**
     * Why {@code response} is not a valid answer to this offer (RFC 7692 sections 7.1.1 and
     * 7.1.2), or {@code null} if it is.
     */
    String whyInvalidAnswerTo(DeflateParams response) {
        if (serverNoContextTakeover && !response.serverNoContextTakeover) {
            return "server_no_context_takeover was offered but not answered";
        }
        if (serverMaxWindowBits > 0 && (response.serverMaxWindowBits == ABSENT
                || response.serverMaxWindowBits > serverMaxWindowBits)) {
            return "server_max_window_bits=" + serverMaxWindowBits + " was offered but answered with "
                    + response.serverMaxWindowBits;
        }
        if (response.clientMaxWindowBits == NO_VALUE) {
            return "client_max_window_bits without a value in a response";
        }
        if (response.clientMaxWindowBits != ABSENT) {
            if (clientMaxWindowBits == ABSENT) {
                return "client_max_window_bits answered but not offered";
            }
            if (clientMaxWindowBits > 0 && response.clientMaxWindowBits > clientMaxWindowBits) {
                return "client_max_window_bits answered above the offered " + clientMaxWindowBits;
            }
        }
        return null;
    }

    private static boolean noValue(String name, String value) {
        if (value != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
        return true;
    }

    private static int bits(String name, String value) {
        if (value == null || !value.matches("[1-9][0-9]?") || Integer.parseInt(value) < 8
                || Integer.parseInt(value) > 15) {
            throw new IllegalArgumentException(name + " must be 8-15: " + value);
        }
        return Integer.parseInt(value);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
