package io.sockleak.track;

/**
 * Why a socket was opened when a library opened it on a thread of its own: the stack and thread of
 * the application's call that asked for it (Netty's {@code Bootstrap.connect}, {@code HttpClient.send}).
 */
record Cause(Throwable stack, String thread) {

    static Cause here(boolean captureStack) {
        return new Cause(captureStack ? new CapturedStack() : null, Thread.currentThread().getName());
    }
}
