package io.sockleak.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What the CLI prints passes through here: a report is written by the watched process, so its strings
 * (thread names, frames, addresses) may carry escape sequences that would reach the terminal of whoever
 * reads the report, often root. C0 controls other than tab and newline, DEL, and the C1 controls (UTF-8
 * {@code C2 80..9F}) become {@code ?}. Everything else is UTF-8 text and passes as it is; JSON answers
 * never hold raw controls (Jackson escapes them).
 */
public final class TerminalSafeOutput extends FilterOutputStream {

    private static final int C1_LEAD = 0xC2;
    private boolean pendingC2;

    public TerminalSafeOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        int v = b & 0xFF;
        if (pendingC2) {
            pendingC2 = false;
            if (v >= 0x80 && v <= 0x9F) {
                out.write('?');
                return;
            }
            out.write(C1_LEAD);
        }
        if (v == C1_LEAD) {
            pendingC2 = true;
        } else if ((v < 0x20 && v != '\t' && v != '\n') || v == 0x7F) {
            out.write('?');
        } else {
            out.write(v);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        if (pendingC2) { // a lone C2 at a flush: the next byte decides, but it must not stay unwritten
            pendingC2 = false;
            out.write(C1_LEAD);
        }
        out.flush();
    }
}
