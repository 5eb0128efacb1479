package io.sockleak.jmx;

/**
 * The sockleak CLI's door into a JVM where the agent was loaded once, under
 * {@value AgentControl#OBJECT_NAME}: {@code dump}, {@code stop} and a later {@code attach} arrive
 * here instead of as another agent load (on JDK 21+ each load prints the JDK's dynamic-load warning
 * into the application's log). Only strings cross: the client needs none of the agent's classes and
 * can refuse every other type it is sent.
 */
public interface AgentControlMBean {

    /**
     * Runs one request, in the agent arguments' form ({@code key=value,...,sockleak.command=dump}),
     * and returns the answer as {@code key=value} lines; never throws.
     */
    String control(String request);
}
