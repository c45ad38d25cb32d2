/**
 * TLS for {@code wss://}: {@link io.wspy.ssl.KeyMaterial} and {@link io.wspy.ssl.TrustMaterial}
 * (PKCS12, JKS, PEM; the JDK alone), {@link io.wspy.ssl.ServerTls} and {@link io.wspy.ssl.ClientTls}
 * (contexts, listening sockets, engines; mutual TLS with {@link io.wspy.ssl.ClientAuth}),
 * {@link io.wspy.ssl.SocketEndpoint} (TLS turned on before the WebSocket handshake), and
 * {@link io.wspy.ssl.TlsChannel} (TLS over a non-blocking channel for selector loops).
 */
package io.wspy.ssl;
