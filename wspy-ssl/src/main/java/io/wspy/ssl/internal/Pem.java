package io.wspy.ssl.internal;

import io.wspy.ssl.TlsSetupException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the blocks of a PEM file (RFC 7468): {@code -----BEGIN LABEL-----}, optional RFC 1421
 * headers such as {@code Proc-Type}, base64, {@code -----END LABEL-----}. Text between blocks
 * (OpenSSL's "Bag Attributes", comments) is skipped.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /** One block: its label, its headers (usually none) and its decoded contents. */
    public record Block(String label, Map<String, String> headers, byte[] der) {
    }

    /**
     * The blocks of {@code text}, in order.
     *
     * @param source names the file in error messages
     */
    public static List<Block> read(String text, String source) throws TlsSetupException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN)) {
                continue;
            }
            if (!line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                throw new TlsSetupException(source + ": malformed PEM line '" + line + "'");
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String end = END + label + DASHES;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            boolean inHeaders = true;
            boolean closed = false;
            for (i++; i < lines.length; i++) {
                String body = lines[i].strip();
                if (body.equals(end)) {
                    closed = true;
                    break;
                }
                if (body.startsWith(BEGIN) || body.startsWith(END)) {
                    break;
                }
                int colon = body.indexOf(':');
                if (inHeaders && colon > 0) {
                    headers.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
                    continue;
                }
                inHeaders = false;
                base64.append(body);
            }
            if (!closed) {
                throw new TlsSetupException(source + ": the PEM block " + label + " has no '" + end + "' line");
            }
            try {
                blocks.add(new Block(label, Map.copyOf(headers), Base64.getDecoder().decode(base64.toString())));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(source + ": the PEM block " + label + " is not valid base64", e);
            }
        }
        return blocks;
    }
}
