/**
 * The HTTP/1.1 upgrade handshake (RFC 6455 section 4), Sans-I/O, with authentication.
 *
 * <p>Nothing here touches a socket, a thread or the system clock: the I/O driver writes the bytes
 * these classes produce and feeds them the bytes it reads, in pieces of any size.
 * <ul>
 *   <li>Server: one {@link io.wspy.handshake.ServerHandshake} per connection, configured by a
 *       shared {@link io.wspy.handshake.ServerHandshakeConfig}; its outcome is the 101 to write,
 *       an error response to write before closing, or a plain HTTP request to hand on.</li>
 *   <li>Client: {@link io.wspy.handshake.ClientHandshake#start} builds the request; its outcome is
 *       accepted, a redirect to follow, or a 401 to answer, each carrying the next handshake.</li>
 *   <li>Proxy: {@link io.wspy.handshake.ProxyConnect} opens a CONNECT tunnel first.</li>
 *   <li>Authentication: {@link io.wspy.handshake.BasicAuthenticator} and
 *       {@link io.wspy.handshake.DigestAuthenticator} on the server; the client answers Basic and
 *       Digest challenges from {@link io.wspy.handshake.Credentials}.</li>
 * </ul>
 * Bytes that follow a head in the same read stay in the caller's buffer: after a 101 they are
 * the first frames. Heads are bounded by {@link io.wspy.handshake.HandshakeLimits}.
 */
package io.wspy.handshake;
