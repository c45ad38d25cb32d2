/** Extensions: permessage-deflate (RFC 7692) and deflate-frame. */
package io.wspy.extensions;
