package io.sockleak.track;

/**
 * Where a socket was opened, as the JVM's compact backtrace. Frames are only materialised
 * ({@link #getStackTrace}) for sockets that end up in a report or live long enough to be interned.
 */
final class CapturedStack extends Throwable {

    CapturedStack() {
        super(null, null, false, true);
    }
}
