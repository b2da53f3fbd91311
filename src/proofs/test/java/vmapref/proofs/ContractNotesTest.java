package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link ContractNotes} rejects in proofs/contracts.properties before a run starts: unknown
 * keys, budgets that are not positive integers, unknown settings, {@code .quickSteps} without the
 * focus search, and entries for contracts that do not exist; and that the committed file passes.
 */
class ContractNotesTest {
    private static final String ID = "Ulong.lt(long,long).0";

    private static Properties load(String text) {
        Properties notes = new Properties();
        try {
            notes.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return notes;
    }

    private static List<String> problems(String text) {
        return ContractNotes.problems(load(text), text);
    }

    @Test
    void theContractIdsAreTheKeysUpToTheirLastDotWithoutTheReportsKeys() {
        assertEquals(Set.of(ID, "Ulong.align(long,long).3"), ContractNotes.contractIds(load(ID + ".spec=ARITH-1\n" + ID
                + ".guarantees=g\nUlong.align(long,long).3.guarantees=g\nreport.intro=i\n")));
    }

    @Test
    void theCommittedFileHasNoProblems() throws IOException {
        String text = Files.readString(Path.of("proofs/contracts.properties"), StandardCharsets.UTF_8);
        assertEquals(List.of(), problems(text));
    }

    @Test
    void aMisspeltSuffixIsAnUnknownKeyWithItsLine() {
        String text = "report.intro=x\n" + ID + ".guarantees=g\n" + ID + ".step=5000\n";
        assertEquals(List.of("proofs/contracts.properties:3: unknown key '" + ID + ".step': expected "
                + "[report.intro, report.lemmas] or a contract id followed by one of [callContract, classAxioms, "
                + "guarantees, loops, open, quickRound, quickSteps, spec, steps, tactic, timeout]"), problems(text));
    }

    /** The one problem that a one-line file with {@code line} has, on its line 1. */
    private static void assertOnlyProblem(String line, String problem) {
        assertEquals(List.of("proofs/contracts.properties:1: " + problem), problems(line + "\n"));
    }

    @Test
    void aBudgetMustBeAPositiveInteger() {
        assertOnlyProblem(ID + ".steps=2k", "'" + ID + ".steps' must be a positive integer, not '2k'");
        assertOnlyProblem(ID + ".timeout=0", "'" + ID + ".timeout' must be a positive integer, not '0'");
    }

    @Test
    void settingsTakeOnlyTheirDocumentedValues() {
        assertOnlyProblem(ID + ".tactic=fokus", "'" + ID + ".tactic' must be auto, autoSmt or focus, not 'fokus'");
        assertEquals(List.of(), problems(ID + ".tactic=autoSmt\n"));
        assertOnlyProblem(ID + ".classAxioms=yes", "'" + ID + ".classAxioms' must be on or off, not 'yes'");
        assertOnlyProblem(ID + ".loops=unwind", "'" + ID + ".loops' must be invariant or expand, not 'unwind'");
        assertEquals(List.of("proofs/contracts.properties:1: '" + ID + ".quickRound' must be skipInvariant or all, not 'some'"),
                problems(ID + ".quickRound=some\n" + ID + ".tactic=focus\n"));
    }

    @Test
    void quickStepsNeedTheFocusSearch() {
        assertOnlyProblem(ID + ".quickSteps=500",
                "'" + ID + ".quickSteps' is only read by the focus search, and " + ID + " has no '.tactic=focus'");
        assertEquals(List.of(), problems(ID + ".quickSteps=500\n" + ID + ".tactic=focus\n"));
        assertOnlyProblem(ID + ".quickRound=all",
                "'" + ID + ".quickRound' is only read by the focus search, and " + ID + " has no '.tactic=focus'");
        assertEquals(List.of(), problems(ID + ".quickRound=all\n" + ID + ".tactic=focus\n"));
    }

    @Test
    void anEntryForAContractThatDoesNotExistIsNamed() {
        String text = "report.lemmas=l\n" + ID + ".spec=ARITH-1\nUlong.lt(int).0.spec=ARITH-1\n";
        assertEquals(List.of("proofs/contracts.properties:3: 'Ulong.lt(int).0.spec' names no contract of the "
                + "verified core (Ulong.lt(int).0)"), ContractNotes.unknownContracts(load(text), text, Set.of(ID)));
    }
}
