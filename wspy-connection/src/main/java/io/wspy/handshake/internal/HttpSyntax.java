package io.wspy.handshake.internal;

import java.nio.charset.StandardCharsets;

/** Character classes and small formatting helpers of HTTP/1.1 (RFC 9110, RFC 9112). */
public final class HttpSyntax {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HttpSyntax() {
    }

    /** Whether {@code c} is a tchar, a character allowed in a token. */
    public static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    /** Whether {@code s} is a non-empty token. */
    public static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} may appear inside a field value: visible, space, tab or obs-text. */
    public static boolean isFieldValueChar(int c) {
        return c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff);
    }

    /** Whether {@code c} is optional whitespace (space or horizontal tab). */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /** {@code s} without leading and trailing spaces and tabs. */
    public static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code s} as a quoted-string, with backslash escapes for quotes and backslashes. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** Lower-case hexadecimal of {@code bytes}. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** ISO-8859-1 bytes of a head: HTTP heads are octets, and this maps them one to one. */
    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses {@code HTTP/x.y} into {@code 10 * x + y}.
     *
     * @return the version number, or -1 if {@code s} is not an HTTP version
     */
    public static int parseVersion(String s) {
        if (s.length() != 8 || !s.startsWith("HTTP/") || s.charAt(6) != '.'
                || !isDigit(s.charAt(5)) || !isDigit(s.charAt(7))) {
            return -1;
        }
        return 10 * (s.charAt(5) - '0') + (s.charAt(7) - '0');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The standard reason phrase of a status code, or {@code ""} for codes without one here. */
    public static String reasonPhrase(int status) {
        switch (status) {
            case 101: return "Switching Protocols";
            case 200: return "OK";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 303: return "See Other";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 407: return "Proxy Authentication Required";
            case 414: return "URI Too Long";
            case 426: return "Upgrade Required";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return "";
        }
    }
}
