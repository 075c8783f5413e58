/**
 * The client's machinery — buffer, sender, encoding, retries. Public only so that the API package
 * can use it; not part of the API, and it may change in any release.
 */
package com.dataeye.sdk.internals;
