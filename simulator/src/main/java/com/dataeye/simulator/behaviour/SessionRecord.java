package com.dataeye.simulator.behaviour;

/**
 * What later steps need to know about a finished session: notifications are opened at its start, a
 * survey is answered at its end.
 *
 * @param loggedIn whether the device was logged in when the session ended
 */
record SessionRecord(long start, long end, int device, boolean loggedIn) {
}
