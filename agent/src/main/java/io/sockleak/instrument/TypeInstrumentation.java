package io.sockleak.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/** Advice for one type (of the JDK or of a library): which type, and which of its methods get which advice. */
public interface TypeInstrumentation {

    ElementMatcher<TypeDescription> type();

    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder);
}
