package io.wspy.examples.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's command line, parsed. */
final class DemoOptions {
    static final String USAGE = String.join("\n",
            "usage: EchoDemo [options]",
            "  --host HOST            interface to listen on (default: every interface)",
            "  --port PORT            port (default 8000; 0 picks a free one)",
            "  --server async|threaded  AsyncServer (NIO, the default) or Server (a thread per connection)",
            "  --no-deflate           do not offer permessage-deflate and deflate-frame",
            "  --max-message BYTES    largest message accepted (default 1048576)",
            "  --origin URL           trust only this origin (repeatable; default: any)",
            "  --protocol NAME        support this subprotocol (repeatable; the page asks for them)",
            "  --path /P              serve WebSockets only at this path (repeatable; default: any)",
            "  --auth basic|digest    require HTTP authentication, for the page and the WebSocket",
            "  --user NAME:PASSWORD   a user for --auth (repeatable)",
            "  --tls-cert FILE        serve https:// and wss:// with this PEM certificate chain (the",
            "                         server's certificate first) and the key of --tls-key",
            "  --tls-key FILE         the PEM private key of --tls-cert (PKCS#8, or OpenSSL's RSA/EC form)",
            "  --tls-keystore FILE    or serve https:// and wss:// with the key in this PKCS12 or JKS store",
            "  --tls-password PW      the password of --tls-keystore, or of an encrypted --tls-key",
            "  --log-level LEVEL      log at this level: ERROR, WARNING, INFO, DEBUG, TRACE",
            "  --help                 this text");

    String host;
    int port = 8000;
    boolean threaded;
    boolean deflate = true;
    long maxMessage = -1;
    final List<String> origins = new ArrayList<>();
    final List<String> protocols = new ArrayList<>();
    final List<String> paths = new ArrayList<>();
    String auth;
    final Map<String, String> users = new LinkedHashMap<>();
    Path tlsCert;
    Path tlsKey;
    Path tlsKeystore;
    String tlsPassword;
    System.Logger.Level logLevel;
    boolean help;

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message for the user if an argument is wrong
     */
    static DemoOptions parse(String... args) {
        DemoOptions o = new DemoOptions();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                case "--no-deflate":
                    o.deflate = false;
                    break;
                case "--host":
                    o.host = value(args, ++i, flag);
                    break;
                case "--port":
                    o.port = number(value(args, ++i, flag), flag, 0, 65535);
                    break;
                case "--server":
                    o.threaded = choice(value(args, ++i, flag), flag, "async", "threaded").equals("threaded");
                    break;
                case "--max-message":
                    o.maxMessage = number(value(args, ++i, flag), flag, 1, Integer.MAX_VALUE);
                    break;
                case "--origin":
                    o.origins.add(value(args, ++i, flag));
                    break;
                case "--protocol":
                    o.protocols.add(value(args, ++i, flag));
                    break;
                case "--path":
                    String path = value(args, ++i, flag);
                    if (!path.startsWith("/")) {
                        throw new IllegalArgumentException("--path must start with '/': " + path);
                    }
                    o.paths.add(path);
                    break;
                case "--auth":
                    o.auth = choice(value(args, ++i, flag), flag, "basic", "digest");
                    break;
                case "--user":
                    String user = value(args, ++i, flag);
                    int colon = user.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--user takes NAME:PASSWORD, got " + user);
                    }
                    o.users.put(user.substring(0, colon), user.substring(colon + 1));
                    break;
                case "--tls-cert":
                    o.tlsCert = Path.of(value(args, ++i, flag));
                    break;
                case "--tls-key":
                    o.tlsKey = Path.of(value(args, ++i, flag));
                    break;
                case "--tls-keystore":
                    o.tlsKeystore = Path.of(value(args, ++i, flag));
                    break;
                case "--tls-password":
                    o.tlsPassword = value(args, ++i, flag);
                    break;
                case "--log-level":
                    o.logLevel = level(value(args, ++i, flag));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (o.auth != null && o.users.isEmpty()) {
            throw new IllegalArgumentException("--auth needs at least one --user NAME:PASSWORD");
        }
        if (o.auth == null && !o.users.isEmpty()) {
            throw new IllegalArgumentException("--user needs --auth basic or --auth digest");
        }
        checkTls(o);
        return o;
    }

    private static void checkTls(DemoOptions o) {
        if (o.tlsKeystore != null && (o.tlsCert != null || o.tlsKey != null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-cert/--tls-key are two ways to give the "
                    + "key: use one");
        }
        if ((o.tlsCert == null) != (o.tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (o.tlsKeystore != null && o.tlsPassword == null) {
            throw new IllegalArgumentException("--tls-keystore needs --tls-password");
        }
        if (o.tlsPassword != null && !o.tls()) {
            throw new IllegalArgumentException("--tls-password needs --tls-keystore or --tls-cert/--tls-key");
        }
    }

    /** Whether the demo serves https:// and wss://. */
    boolean tls() {
        return tlsCert != null || tlsKeystore != null;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String flag, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw new IllegalArgumentException(flag + " takes a number from " + min + " to " + max + ", got " + text);
    }

    private static String choice(String text, String flag, String... allowed) {
        for (String a : allowed) {
            if (a.equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException(flag + " takes " + String.join(" or ", allowed) + ", got " + text);
    }

    private static System.Logger.Level level(String text) {
        try {
            return System.Logger.Level.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--log-level takes ERROR, WARNING, INFO, DEBUG or TRACE, got " + text);
        }
    }
}
