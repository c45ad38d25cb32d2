/**
 * The WebSocket wire format (RFC 6455 section 5), usable on its own by tools that speak frames.
 *
 * <ul>
 *   <li>{@link io.wspy.frame.Frame}: opcode, FIN, RSV bits, optional masking key and payload;
 *       {@link io.wspy.frame.Opcode}, {@link io.wspy.frame.CloseCode} and
 *       {@link io.wspy.frame.CloseStatus} name what goes in it.</li>
 *   <li>{@link io.wspy.frame.FrameDecoder}: incremental; takes bytes in pieces of any size and
 *       reports headers and payload to a {@link io.wspy.frame.FrameListener}, checking every rule
 *       of the RFC and the limits of its {@link io.wspy.frame.DecoderConfig}; a violation throws
 *       {@link io.wspy.frame.ProtocolException} with the close code to send.
 *       {@link io.wspy.frame.FrameReader} reads whole frames from a stream.</li>
 *   <li>{@link io.wspy.frame.FrameEncoder}: writes headers and payloads into buffers.</li>
 *   <li>{@link io.wspy.frame.Masking} and {@link io.wspy.frame.MaskingKeys}: masking (on SIMD
 *       registers when the application resolves {@code jdk.incubator.vector}) and unpredictable
 *       masking keys for clients.</li>
 *   <li>{@link io.wspy.frame.Utf8Validator}: incremental UTF-8 validation, so invalid text is
 *       refused at its first bad byte, even in the middle of a frame.</li>
 * </ul>
 * Nothing here allocates per frame in steady state. Extensions plug in through
 * {@code io.wspy.frame.extension}.
 */
package io.wspy.frame;
