package io.sigload.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ControlsTest {
    @Test
    void escapeSequencesAndCarriageReturns_becomeVisibleText() {
        assertThat(Controls.escape("a\u001b[2Jb\rc\u0008d\u007fe\u009bf\u202eg\th", true))
                .isEqualTo("a\\x1b[2Jb\\rc\\x08d\\x7fe\\u009bf\\u202eg\th");
    }

    @Test
    void lineBreaks_stayOnTheConsole_andAreEscapedInAMessage() {
        assertThat(Controls.escape("a\nb", true)).isEqualTo("a\nb");
        assertThat(Controls.escape("a\nb", false)).isEqualTo("a\\nb");
    }

    @Test
    void guardedConsole_masksAndEscapes_butPassesSigloadsOwnControlSequences() {
        StringWriter sink = new StringWriter();
        GuardedPrintWriter w = new GuardedPrintWriter(sink, Redactor.of("TopSecretValue123"));
        w.print("first TopSecret");
        w.print("Value123 \u001b]0;x\u0007");
        w.println(" end");
        GuardedPrintWriter.control(w, "\r\u001b[2K");
        w.print("progress");
        w.flush();
        assertThat(sink.toString()).isEqualTo("first [secret] \\x1b]0;x\\x07 end" + System.lineSeparator()
                + "\r\u001b[2Kprogress");
    }
}
