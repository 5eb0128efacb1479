package io.sockleak.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: the agent must never keep a JVM alive or hide in a thread dump. */
public final class DaemonThreads implements ThreadFactory {

    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    public DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        int n = count.getAndIncrement();
        Thread t = new Thread(task, n == 0 ? name : name + "-" + n);
        t.setDaemon(true);
        return t;
    }
}
