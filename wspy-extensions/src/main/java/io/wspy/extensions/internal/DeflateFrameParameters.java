package io.wspy.extensions.internal;

import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionParameters;
import io.wspy.frame.extension.ExtensionParameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a deflate-frame offer or response (draft-tyoshino-hybi-websocket-perframe-
 * deflate-06 section 4), checked. Each is a request to the peer about how the peer compresses.
 *
 * @param maxWindowBits     {@code max_window_bits}: 8-15, or 0 when absent
 * @param noContextTakeover {@code no_context_takeover} is present
 */
public record DeflateFrameParameters(int maxWindowBits, boolean noContextTakeover) {
    public static final String MAX_WINDOW_BITS = "max_window_bits";
    public static final String NO_CONTEXT_TAKEOVER = "no_context_takeover";

    /**
     * Reads an offer or response: each parameter at most once, {@code max_window_bits} with a
     * value 8-15, {@code no_context_takeover} without a value.
     *
     * @throws ExtensionException for an unknown or repeated parameter or an invalid value
     */
    public static DeflateFrameParameters parse(ExtensionParameters element) throws ExtensionException {
        int bits = 0;
        boolean noContext = false;
        for (Parameter p : element.parameters()) {
            String name = p.name();
            if (element.count(name) > 1) {
                throw new ExtensionException(name + " appears more than once in " + element);
            }
            if (name.equalsIgnoreCase(MAX_WINDOW_BITS)) {
                bits = WindowBits.parse(MAX_WINDOW_BITS, p.value());
            } else if (name.equalsIgnoreCase(NO_CONTEXT_TAKEOVER)) {
                if (p.value() != null) {
                    throw new ExtensionException(NO_CONTEXT_TAKEOVER + " takes no value: " + p);
                }
                noContext = true;
            } else {
                throw new ExtensionException("unknown deflate-frame parameter: " + name);
            }
        }
        return new DeflateFrameParameters(bits, noContext);
    }

    /** The window the peer asked for, 15 if it asked nothing. */
    public int windowBitsOrDefault() {
        return maxWindowBits == 0 ? WindowBits.MAX : maxWindowBits;
    }

    /** The header element with these parameters. */
    public ExtensionParameters toElement(String extensionName) {
        List<Parameter> list = new ArrayList<>(2);
        if (maxWindowBits != 0) {
            list.add(new Parameter(MAX_WINDOW_BITS, Integer.toString(maxWindowBits)));
        }
        if (noContextTakeover) {
            list.add(new Parameter(NO_CONTEXT_TAKEOVER, null));
        }
        return new ExtensionParameters(extensionName, list);
    }
}
