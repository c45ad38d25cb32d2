package io.wspy.extensions.internal;

import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionParameters;
import io.wspy.frame.extension.ExtensionParameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * The four parameters of a permessage-deflate offer or response (RFC 7692 section 7.1), checked.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} is present
 * @param clientNoContextTakeover {@code client_no_context_takeover} is present
 * @param serverMaxWindowBits     {@code server_max_window_bits}: 8-15, or {@link #ABSENT}
 * @param clientMaxWindowBits     {@code client_max_window_bits}: 8-15, {@link #ABSENT}, or
 *                                {@link #NO_VALUE} (offers only)
 */
public record PerMessageDeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                          int serverMaxWindowBits, int clientMaxWindowBits) {
    /** The parameter is not there. */
    public static final int ABSENT = 0;
    /** The parameter is there without a value. */
    public static final int NO_VALUE = -1;

    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /**
     * Reads an offer ({@code response == false}) or a response. Each parameter may appear once;
     * the two {@code no_context_takeover} parameters take no value; {@code server_max_window_bits}
     * needs one; {@code client_max_window_bits} needs one in a response only; values are 8-15.
     *
     * @throws ExtensionException for an unknown or repeated parameter or an invalid value
     */
    public static PerMessageDeflateParameters parse(ExtensionParameters element, boolean response)
            throws ExtensionException {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        for (Parameter p : element.parameters()) {
            String name = p.name();
            if (element.count(name) > 1) {
                throw new ExtensionException(name + " appears more than once in " + element);
            }
            if (name.equalsIgnoreCase(SERVER_NO_CONTEXT_TAKEOVER)) {
                serverNoContext = flag(p);
            } else if (name.equalsIgnoreCase(CLIENT_NO_CONTEXT_TAKEOVER)) {
                clientNoContext = flag(p);
            } else if (name.equalsIgnoreCase(SERVER_MAX_WINDOW_BITS)) {
                serverBits = WindowBits.parse(SERVER_MAX_WINDOW_BITS, p.value());
            } else if (name.equalsIgnoreCase(CLIENT_MAX_WINDOW_BITS)) {
                clientBits = p.value() == null && !response ? NO_VALUE
                        : WindowBits.parse(CLIENT_MAX_WINDOW_BITS, p.value());
            } else {
                throw new ExtensionException("unknown permessage-deflate parameter: " + name);
            }
        }
        return new PerMessageDeflateParameters(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    private static boolean flag(Parameter p) throws ExtensionException {
        if (p.value() != null) {
            throw new ExtensionException(p.name() + " takes no value: " + p);
        }
        return true;
    }

    /** The header element with these parameters, in the RFC's order. */
    public ExtensionParameters toElement(String extensionName) {
        List<Parameter> list = new ArrayList<>(4);
        if (serverNoContextTakeover) {
            list.add(new Parameter(SERVER_NO_CONTEXT_TAKEOVER, null));
        }
        if (clientNoContextTakeover) {
            list.add(new Parameter(CLIENT_NO_CONTEXT_TAKEOVER, null));
        }
        if (serverMaxWindowBits != ABSENT) {
            list.add(new Parameter(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits != ABSENT) {
            list.add(new Parameter(CLIENT_MAX_WINDOW_BITS,
                    clientMaxWindowBits == NO_VALUE ? null : Integer.toString(clientMaxWindowBits)));
        }
        return new ExtensionParameters(extensionName, list);
    }
}
