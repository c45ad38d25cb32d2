package io.wspy.server.conformance;

import io.wspy.ssl.KeyMaterial;
import io.wspy.ssl.ServerTls;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one of wspy-server's servers as the echo server of an external fuzzing client (the Autobahn
 * TestSuite's {@code fuzzingclient}; see {@code conformance/autobahn.sh}), configured as this
 * suite's permessage-deflate profile: permessage-deflate offered, 16 MiB messages and frames. It
 * listens on a free loopback port, prints its address ({@code ws://127.0.0.1:PORT/}, or
 * {@code wss://} with a key store) as the first line of standard output and serves until the
 * process is stopped.
 *
 * <pre>
 * java -cp ... io.wspy.server.conformance.EchoServerRunner async|threaded [KEYSTORE PASSWORD]
 * </pre>
 *
 * {@code KEYSTORE} is a PKCS12 or JKS store holding the server's key and certificate.
 */
public final class EchoServerRunner {
    private EchoServerRunner() {
    }

    /** Starts the server {@code args} describe and serves until the JVM is stopped. */
    public static void main(String[] args) throws Exception {
        if (!(args.length == 1 || args.length == 3) || !args[0].equals("async") && !args[0].equals("threaded")) {
            System.err.println("usage: EchoServerRunner async|threaded [KEYSTORE PASSWORD]");
            System.exit(2);
        }
        ServerTls tls = args.length == 3
                ? ServerTls.builder(KeyMaterial.fromKeyStore(Path.of(args[1]), args[2].toCharArray())).build()
                : null;
        EchoServerUnderTest server = WspyServerEchoServer.start(Profile.DEFLATE.spec(), args[0].equals("async"), tls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping the server: " + e);
            }
            stopped.countDown();
        }));
        System.out.println(server.uri());
        System.out.flush();
        stopped.await();
    }
}
