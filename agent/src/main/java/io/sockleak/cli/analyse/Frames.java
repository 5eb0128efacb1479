package io.sockleak.cli.analyse;

import io.sockleak.track.FrameRule;

import java.util.List;
import java.util.Objects;

/**
 * The application's frame and the library frame of a site, by the agent's one rule ({@link FrameRule}):
 * taken from the report (schema 2), or computed from the stack for reports that have no {@code frame}
 * (schema 1) or whose {@code frame} is a JDK or agent frame. Frames are always printed whole.
 */
public final class Frames {

    /** What is printed in place of the application's frame when the stack has none. */
    public static final String NO_APPLICATION_FRAME = "(no application frame)";

    /** The default rule: the CLI does not know the agent's appPackages. */
    private static final FrameRule RULE = new FrameRule(List.of());

    /** {@code frame}: the application's frame or null; {@code libraryFrame}: the library frame that called the JDK. */
    public record Named(String frame, String libraryFrame) {
    }

    private Frames() {
    }

    /**
     * The frames to print for a site. A {@code frame} from the report is kept unless it is blank or a JDK or
     * agent frame; then both are computed from {@code stack} (the report's {@code libraryFrame} is kept when it
     * is a real library frame).
     */
    public static Named of(String frame, String libraryFrame, List<String> stack) {
        String library = usable(libraryFrame) ? libraryFrame : null;
        if (usable(frame)) {
            return new Named(frame, library);
        }
        List<String> frames = stack == null ? List.of() : stack.stream().filter(Objects::nonNull).toList();
        String application = RULE.frameOf(frames);
        if (library == null) {
            for (String element : frames) {
                String className = FrameRule.classNameOf(element.strip());
                if (!FrameRule.isPlatform(className)) {
                    library = FrameRule.isLibrary(className) ? element : null;
                    break;
                }
            }
        }
        return new Named(application, library);
    }

    /** Whether a frame may be printed as the application's or the library's: not blank, not JDK, not agent. */
    static boolean usable(String frame) {
        return frame != null && !frame.isBlank() && !FrameRule.isPlatform(FrameRule.classNameOf(frame.strip()));
    }

    /** The first {@code depth} frames: the agent trims stacks to start at the JDK method the code called. */
    static List<String> shortStack(List<String> stack, int depth) {
        return stack.subList(0, Math.min(depth, stack.size())).stream().map(f -> f == null ? "?" : f).toList();
    }
}
