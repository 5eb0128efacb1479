package io.sockleak.instrument.library;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/** Type matchers for library classes, which applications often carry shaded under a prefix of their own. */
public final class LibraryTypes {

    private LibraryTypes() {
    }

    /** {@code className} itself, or a shaded copy of it ({@code some.prefix.className}). */
    public static ElementMatcher.Junction<TypeDescription> namedOrShaded(String className) {
        return named(className).or(nameEndsWith("." + className));
    }
}
