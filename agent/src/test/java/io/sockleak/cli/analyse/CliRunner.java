package io.sockleak.cli.analyse;

import io.sockleak.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code new Main(Main.allCommands()).run(args, out, err)} and captures both streams. Main's
 * constructor, allCommands and run are package-private to io.sockleak.cli, hence the reflection.
 */
final class CliRunner {

    record Result(int exit, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private CliRunner() {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Method allCommands = Main.class.getDeclaredMethod("allCommands");
            allCommands.setAccessible(true);
            Constructor<Main> constructor = Main.class.getDeclaredConstructor(List.class);
            constructor.setAccessible(true);
            Main main = constructor.newInstance(allCommands.invoke(null));
            Method run = Main.class.getDeclaredMethod("run", List.class, PrintStream.class, PrintStream.class);
            run.setAccessible(true);
            int exit = (int) run.invoke(main, Arrays.asList(args), outStream, errStream);
            return new Result(exit, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
                    err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call Main", e);
        }
    }

}
