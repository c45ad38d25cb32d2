/** Implementation of io.wspy.ssl: DER and PEM reading, private key formats, file loading. Not exported. */
package io.wspy.ssl.internal;
