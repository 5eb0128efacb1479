package io.sockleak.cli.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Attach API (jdk.attach), with its exceptions turned into one line each. Only used after
 * {@link AttachSupport#available()}: loading this class without jdk.attach fails.
 */
final class HotSpotAttach implements AutoCloseable {

    /** A JVM the Attach API lists: its pid and the command line it was started with. */
    record Listed(long pid, String displayName) {

        /** The main class or jar: the display name's first word ("?" when the JVM did not say). */
        String main() {
            return displayName == null || displayName.isBlank() ? "?" : displayName.split(" ", 2)[0];
        }
    }

    private final long pid;
    private final VirtualMachine vm;

    private HotSpotAttach(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    static HotSpotAttach open(long pid) throws AttachFailure {
        try {
            return new HotSpotAttach(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new AttachFailure(notSupported(pid, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure("cannot attach to pid " + pid + ": " + describe(e));
        }
    }

    static String notSupported(long pid, String message) {
        String m = message == null ? "" : message;
        if (m.contains("does not support the attach mechanism")) {
            return "pid " + pid + " does not accept an attach: it was started with -XX:+DisableAttachMechanism;"
                    + " restart it without that flag, or with -javaagent:sockleak-agent.jar";
        }
        if (m.contains("doesn't respond") || m.contains("not ready") || m.contains("Unable to open socket")) {
            return "pid " + pid + " did not answer the attach request (" + m + "): it may have been started with"
                    + " -XX:+DisableAttachMechanism, still be starting, or not be a HotSpot JVM";
        }
        return "pid " + pid + " cannot be attached to: " + m;
    }

    Properties systemProperties() throws AttachFailure {
        try {
            return vm.getSystemProperties();
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure("pid " + pid + " did not tell its system properties: " + describe(e));
        }
    }

    Properties agentProperties() throws AttachFailure {
        try {
            return vm.getAgentProperties();
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure("pid " + pid + " did not tell its agent properties: " + describe(e));
        }
    }

    /**
     * The address of the JVM's local JMX connector, started now if it was not running: loopback only,
     * handed out through the attach mechanism (the JDK's own way for JConsole and jcmd).
     */
    String startLocalManagementAgent() throws JmxChannel.Unavailable {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException | RuntimeException e) {
            throw new JmxChannel.Unavailable("it did not start its local JMX connector: " + describe(e));
        }
    }

    void loadAgent(String jar, String arguments) throws AttachFailure {
        try {
            vm.loadAgent(jar, arguments);
        } catch (AgentLoadException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Dynamic agent loading is not enabled")) {
                throw new AttachFailure(TargetProcess.dynamicLoadingDisabled(pid));
            }
            throw new AttachFailure("pid " + pid + " could not load the agent jar " + jar + ": " + m);
        } catch (AgentInitializationException e) {
            throw new AttachFailure("the agent did not start in pid " + pid + " (return code " + e.returnValue()
                    + "): its reason is on that JVM's stderr");
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure("lost pid " + pid + " while loading the agent: " + describe(e));
        }
    }

    static List<Listed> list() {
        List<Listed> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            try {
                jvms.add(new Listed(Long.parseLong(d.id()), d.displayName()));
            } catch (NumberFormatException notAPid) {
                // only local HotSpot JVMs have numeric ids
            }
        }
        return jvms;
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    static String describe(Throwable e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
