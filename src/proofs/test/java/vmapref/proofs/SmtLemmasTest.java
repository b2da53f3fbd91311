package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link SmtLemmas} judges a solver run, with shell scripts standing in for cvc5 (the real
 * cvc5 runs on proofs/lemmas/ in every check and prove run): the expected answers, a differing
 * one, too few, a command that cannot be started, and a solver that does not finish in time.
 */
class SmtLemmasTest {
    private static final String LEMMA = "; expect: unsat\n(check-sat)\n; expect: sat\n(check-sat)\n";

    @TempDir
    Path dir;

    private Path lemma() throws IOException {
        return Files.writeString(dir.resolve("lemma.smt2"), LEMMA);
    }

    private Path solver(String body) throws IOException {
        Path script = Files.writeString(dir.resolve("solver.sh"), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void everyAnswerAsExpectedIsProven() throws Exception {
        SmtLemmas.Result r = SmtLemmas.check(lemma(), solver("printf 'unsat\\nsat\\n'").toString(), 60);
        assertEquals("proven", r.status(), r.detail());
        assertEquals(2, r.checks());
    }

    @Test
    void aDifferentAnswerIsOpenAndNamesTheCheck() throws Exception {
        SmtLemmas.Result r = SmtLemmas.check(lemma(), solver("printf 'sat\\nsat\\n'").toString(), 60);
        assertEquals("open", r.status());
        assertTrue(r.detail().startsWith("check 1 of 2: expected unsat,"), r.detail());
    }

    @Test
    void tooFewAnswersAreAnError() throws Exception {
        SmtLemmas.Result r = SmtLemmas.check(lemma(), solver("echo unsat; exit 1").toString(), 60);
        assertEquals("error", r.status());
        assertTrue(r.detail().contains("gave 1 answers for 2 checks (exit 1)"), r.detail());
    }

    @Test
    void aSolverThatCannotBeStartedIsAnError() throws Exception {
        SmtLemmas.Result r = SmtLemmas.check(lemma(), dir.resolve("no-such-solver").toString(), 60);
        assertEquals("error", r.status());
        assertTrue(r.detail().contains("could not be started"), r.detail());
    }

    @Test
    void aSolverPastItsTimeLimitIsStoppedAndIsAnError() throws Exception {
        SmtLemmas.Result r = SmtLemmas.check(lemma(), solver("exec sleep 600").toString(), 1);
        assertEquals("error", r.status());
        assertTrue(r.detail().endsWith("did not finish in 1 s"), r.detail());
        assertTrue(r.seconds() < 300, "stopped, not waited for: " + r.seconds() + " s");
    }
}
