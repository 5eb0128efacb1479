package io.sockleak.control;

/**
 * The command channel between the CLI and the agent in another JVM. The CLI loads the agent jar once
 * more ({@code VirtualMachine.loadAgent}); {@code agentmain} runs again in the already loaded class,
 * so the running agent is reachable through its statics. Two reserved keys in the agent arguments
 * carry the request; they are taken out before the options parser sees the rest:
 * <ul>
 *   <li>{@code sockleak.command=attach|dump|stop}</li>
 *   <li>{@code sockleak.reply=FILE}: a path in the target's /tmp under a name the CLI chose at random.
 *       The agent creates FILE itself, as the JVM's user: exclusively and without following links
 *       ({@code O_CREAT|O_EXCL|O_NOFOLLOW}), owner-only ({@code rw-------}), and writes its answer as
 *       {@code key=value} lines through the descriptor it created. Whatever already has that name
 *       (a file, a link, a FIFO) makes it give no answer rather than write through it. The CLI
 *       reads the file as a regular file owned by the target's user and removes it.</li>
 * </ul>
 * {@code loadAgent} returns when {@code agentmain} has returned, so the answer is complete by then.
 * The CLI never creates a file the agent must write.
 */
public final class ControlNames {

    public static final String COMMAND_KEY = "sockleak.command";
    public static final String REPLY_KEY = "sockleak.reply";
    /** Set in the target while an agent runs (its start mode); the CLI reads it through the attach API. */
    public static final String STATE_PROPERTY = "sockleak.agent";
    /**
     * Set in the target once the control MBean is registered (its object name), and kept after stop:
     * the CLI then sends its requests through JMX instead of loading the agent again.
     */
    public static final String CHANNEL_PROPERTY = "sockleak.control";
    /** The control MBean's name (a constant here: naming it loads no JMX class). */
    public static final String CONTROL_MBEAN = "io.sockleak:type=Control";

    private ControlNames() {
    }
}
