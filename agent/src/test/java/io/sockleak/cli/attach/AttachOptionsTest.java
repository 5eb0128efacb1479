package io.sockleak.cli.attach;

import io.sockleak.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttachOptionsTest {

    @Test
    void aRelativeDirIsThisCommandsNotTheTargets() throws Exception {
        String expected = "dir=" + Path.of("reports").toAbsolutePath() + ",interval=30s";
        assertEquals(expected, AttachOptions.check(List.of("dir=reports,interval=30s")));
        assertEquals(expected, AttachOptions.check(List.of("dir=reports", "interval=30s")));
        assertEquals("", AttachOptions.check(List.of()));
    }

    @Test
    void typosAndReservedKeysAreBadInput() {
        UsageException typo = assertThrows(UsageException.class, () -> AttachOptions.check(List.of("treshold=3")));
        assertTrue(typo.getMessage().contains("unknown option 'treshold'"), typo.getMessage());
        assertThrows(UsageException.class, () -> AttachOptions.check(List.of("sockleak.reply=/etc/passwd")));
    }

    @Test
    void mainClassFromACommandLine() {
        assertEquals("com.example.App", TargetProcess.mainOf(List.of("java", "-Xmx1g", "-cp", "a:b",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "com.example.App", "arg")));
        assertEquals("app.jar", TargetProcess.mainOf(List.of("/usr/bin/java", "-Dx=y", "-jar", "app.jar")));
        assertEquals("mod/com.example.Main", TargetProcess.mainOf(List.of("java", "-p", "mods", "-m",
                "mod/com.example.Main")));
        assertNull(TargetProcess.mainOf(List.of("java", "-version")));
    }

    @Test
    void pids() throws Exception {
        assertEquals(42, Pids.first(List.of("42")));
        assertThrows(UsageException.class, () -> Pids.first(List.of()));
        assertThrows(UsageException.class, () -> Pids.first(List.of("0")));
        assertThrows(UsageException.class, () -> Pids.first(List.of("forty-two")));
    }
}
