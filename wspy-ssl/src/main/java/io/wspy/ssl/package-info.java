/**
 * TLS for {@code wss://}: {@link io.wspy.ssl.KeyMaterial} and {@link io.wspy.ssl.TrustMaterial}
 * (PKCS12, JKS, PEM; the JDK alone), {@link io.wspy.ssl.ServerTls} and {@link io.wspy.ssl.ClientTls}
 * (contexts, listening sockets, engines for selector loops; mutual TLS with
 * {@link io.wspy.ssl.ClientAuth}), and {@link io.wspy.ssl.SocketEndpoint} (TLS turned on before
 * the WebSocket handshake).
 */
package io.wspy.ssl;
