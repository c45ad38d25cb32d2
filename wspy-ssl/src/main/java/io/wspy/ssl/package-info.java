/** TLS support: key material, trust, and transports. */
package io.wspy.ssl;
