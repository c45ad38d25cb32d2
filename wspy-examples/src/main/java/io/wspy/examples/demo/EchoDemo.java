package io.wspy.examples.demo;

import io.wspy.connection.SendResult;
import io.wspy.connection.Session;
import io.wspy.extensions.DeflateFrame;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.handshake.Authenticator;
import io.wspy.handshake.BasicAuthenticator;
import io.wspy.handshake.DigestAuthenticator;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.Server;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.WebSocketServer;
import io.wspy.ssl.KeyMaterial;
import io.wspy.ssl.ServerTls;
import io.wspy.ssl.TlsSetupException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An echo server with a page at {@code http://localhost:8000/} that talks to it from the
 * browser; with {@code --tls-cert} and {@code --tls-key} (or
 * {@code --tls-keystore}) the page is at {@code https://} and the snippet uses {@code wss://}.
 * {@code --help} lists the options.
 */
public final class EchoDemo implements WebSocketHandler {
    private static final int SHOWN_CHARS = 80;

    private EchoDemo() {
    }

    /** Starts the demo and serves until Ctrl-C. */
    public static void main(String[] args) throws IOException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        WebSocketServer server;
        try {
            server = create(options);
        } catch (TlsSetupException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.logLevel != null) {
            printEveryLevel();
        }
        server.start();
        System.out.println("wspy echo demo (" + server.getClass().getSimpleName() + ") at "
                + pageUrl(options.host, server.port(), options.tls()) + " - open it in a browser; Ctrl-C stops it.");
        server.run();
    }

    /**
     * {@code --log-level} sets the level of wspy's loggers through {@link ServerConfig#logLevel()};
     * the demo owns its process, so it also lets the console handler of {@code java.util.logging}
     * print every level (by default it prints {@code INFO} and above). A library must not do this;
     * an application configures its logging as it likes (see the README's "Logging").
     */
    private static void printEveryLevel() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(Level.ALL);
        }
    }

    /** The compression extensions offered unless {@code --no-deflate}: permessage-deflate and deflate-frame. */
    static List<ExtensionFactory> compressionExtensions() {
        return List.of(PerMessageDeflate.builder().build(), DeflateFrame.builder().build());
    }

    /**
     * The server the options describe, not started.
     *
     * @throws TlsSetupException if the TLS key or certificates cannot be read, with what to fix
     */
    static WebSocketServer create(DemoOptions o) throws TlsSetupException {
        Authenticator authenticator = authenticator(o);
        ServerHandshakeConfig.Builder handshake = ServerHandshakeConfig.builder()
                .extensions(o.deflate ? compressionExtensions() : List.of())
                .paths(o.paths.toArray(new String[0]))
                .trustedOrigins(o.origins.toArray(new String[0]))
                .subprotocols(o.protocols.toArray(new String[0]))
                .authenticator(authenticator);
        ServerConfig.Builder config = ServerConfig.builder()
                .address(o.host == null ? new InetSocketAddress(o.port) : new InetSocketAddress(o.host, o.port))
                .handshake(handshake.build())
                .httpHandler(new DemoPage(o.paths.isEmpty() ? "/" : o.paths.get(0), o.protocols, authenticator))
                .tls(tls(o))
                .logLevel(o.logLevel);
        if (o.maxMessage > 0) {
            ProtocolConfig protocol = ServerConfig.defaults().options().protocol();
            config.protocol(protocol.withMaxMessageSize(o.maxMessage)
                    .withMaxFrameSize(Math.max(protocol.maxFrameSize(), o.maxMessage)));
        }
        return o.threaded ? new Server(config.build(), new EchoDemo()) : new AsyncServer(config.build(), new EchoDemo());
    }

    private static ServerTls tls(DemoOptions o) throws TlsSetupException {
        if (!o.tls()) {
            return null;
        }
        char[] password = o.tlsPassword == null ? null : o.tlsPassword.toCharArray();
        KeyMaterial key;
        try {
            key = o.tlsKeystore != null ? KeyMaterial.fromKeyStore(o.tlsKeystore, password)
                    : KeyMaterial.fromPem(o.tlsCert, o.tlsKey, password);
        } catch (TlsSetupException e) {
            throw e;
        } catch (IOException e) {
            throw new TlsSetupException("cannot read the TLS key material: " + e.getMessage(), e);
        }
        return ServerTls.builder(key).build();
    }

    private static Authenticator authenticator(DemoOptions o) {
        if (o.auth == null) {
            return null;
        }
        String realm = "wspy demo";
        return o.auth.equals("basic")
                ? new BasicAuthenticator(realm, o.users::get)
                : DigestAuthenticator.builder(realm).passwords(o.users::get).build();
    }

    /** The page's address ({@code https} with TLS): {@code localhost} when listening on every interface. */
    static String pageUrl(String host, int port, boolean tls) {
        String shown = host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "localhost"
                : host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "https://" : "http://") + shown + ":" + port + "/";
    }

    @Override
    public void onOpen(Session client) {
        System.out.println("Client " + client.remoteAddress() + " connected"
                + (client.user() == null ? "" : " as " + client.user()));
    }

    @Override
    public void onMessage(Session client, Message message) {
        System.out.println("Received message \"" + shown(message) + "\"");
        SendResult result = client.trySend(message);
        if (result != SendResult.SENT) {
            System.out.println("Echo to " + client.remoteAddress() + " not sent: " + result);
        }
    }

    @Override
    public void onClose(Session client, int code, String reason) {
        System.out.println("Client " + client.remoteAddress() + " disconnected: " + code
                + (reason.isEmpty() ? "" : " " + reason));
    }

    private static String shown(Message message) {
        if (!(message instanceof TextMessage)) {
            return "<" + message.length() + " bytes>";
        }
        String text = ((TextMessage) message).text();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
