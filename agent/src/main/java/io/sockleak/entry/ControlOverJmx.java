package io.sockleak.entry;

import io.sockleak.control.Request;
import io.sockleak.control.Reply;
import io.sockleak.control.ControlNames;
import io.sockleak.jmx.AgentControl;
import io.sockleak.model.StartMode;
import io.sockleak.support.Console;

import java.lang.instrument.Instrumentation;

/**
 * Opens the control MBean ({@link AgentControl}) once per JVM, after the agent's first start, and
 * then tells the CLI so through the system property {@link ControlNames#CHANNEL_PROPERTY}, which the CLI
 * reads through the attach API. From then on the CLI reaches the agent through the JVM's local JMX
 * connector (which the attach API starts, loopback only, for the JVM's own user) instead of loading
 * the agent again. Kept after {@code stop}: a later attach runs with the instrumentation of the
 * first load.
 */
final class ControlOverJmx {

    private static boolean opened;

    private ControlOverJmx() {
    }

    static synchronized void openOnce(Instrumentation instrumentation, StartMode mode, Console console) {
        if (opened || !OptionalModules.management()) {
            return;
        }
        opened = true;
        AgentControl.register(request -> answer(request, instrumentation),
                mode == StartMode.PREMAIN ? Agent.JMX_DELAY_AT_PREMAIN : java.time.Duration.ZERO,
                () -> System.setProperty(ControlNames.CHANNEL_PROPERTY, AgentControl.OBJECT_NAME), console);
    }

    /** One request as text, answered as text: the same commands as through an agent load. */
    static String answer(String text, Instrumentation instrumentation) {
        try {
            Request request = Request.parse(text);
            if (!request.isControl()) {
                return Reply.error("not a sockleak control request (it names no " + ControlNames.COMMAND_KEY
                        + ")").render();
            }
            if (request.reply() != null) {
                return Reply.error("a request through JMX is answered through JMX: " + ControlNames.REPLY_KEY
                        + " is refused here").render();
            }
            return ControlCommands.answer(request, instrumentation, StartMode.ATTACH).render();
        } catch (Throwable t) {
            return Reply.error("the request failed in the target JVM: " + t).render();
        }
    }
}
