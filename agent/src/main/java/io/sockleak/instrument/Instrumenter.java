package io.sockleak.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Installs the advice into the JDK's socket classes and the libraries' pool classes, retransforming
 * the classes already loaded, and takes it out again on {@link #uninstall}. Every other class is
 * ignored by name before Byte Buddy looks further, so class loading pays a few string compares.
 */
public final class Instrumenter {

    private final Instrumentation instrumentation;
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;
    private ResettableClassFileTransformer transformer;

    public Instrumenter(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    public synchronized void install(List<TypeInstrumentation> instrumentations) {
        ElementMatcher.Junction<TypeDescription> instrumented = none();
        for (TypeInstrumentation each : instrumentations) {
            instrumented = instrumented.or(each.type());
        }
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new RecordingListener())
                .ignore(not(instrumented));
        for (TypeInstrumentation each : instrumentations) {
            builder = builder.type(each.type()).transform(
                    (DynamicType.Builder<?> b, TypeDescription type, ClassLoader loader, JavaModule module,
                     java.security.ProtectionDomain domain) -> each.transform(b));
        }
        transformer = builder.installOn(instrumentation);
    }

    /** Returns the JDK classes to their original code. */
    public synchronized boolean uninstall() {
        if (transformer == null) {
            return false;
        }
        boolean reset = transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        transformer = null;
        transformed.clear();
        return reset;
    }

    public Set<String> transformedTypes() {
        return Set.copyOf(transformed);
    }

    public long failures() {
        return failures.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    private final class RecordingListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            transformed.add(type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            failures.incrementAndGet();
            lastFailure = typeName + ": " + error;
        }
    }
}
