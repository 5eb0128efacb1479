package io.sockleak.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/** Advice for one JDK type: which type, and which of its methods get which advice. */
public interface JdkInstrumentation {

    ElementMatcher<TypeDescription> type();

    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder);
}
