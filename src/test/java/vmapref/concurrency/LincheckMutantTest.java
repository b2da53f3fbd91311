package vmapref.concurrency;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vmapref.kernel.MutantProtocols.Mutant;
import vmapref.concurrency.Scenarios.Scenario;

/**
 * Every seeded protocol mutant of {@link Mutant} must be caught by Lincheck on its scenario within
 * {@link LincheckBudget#MUTANT_INVOCATIONS} invocations, with one of the expected kinds of failure
 * ('|'-separated in the table: which property fires first depends on the interleaving found; the
 * mutant table of jpf/README.md is this test's output). The kind is read from the exception the
 * scenario itself threw as well as from Lincheck's report: a hang is only in the report, and the
 * report can be lost to an internal error of Lincheck (see {@link LincheckBudget}). Shows that the
 * scenarios and their properties are not vacuous.
 */
class LincheckMutantTest {
    @ParameterizedTest(name = "{0} caught on {1}")
    @CsvSource({
        "LOCK_ORDER, LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2, hung",
        "PURGE_WINDOW, LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2, Q-FAIL",
        "COUNTER_RESET, LAZYFREE_THRESHOLD_VS_PURGE_2, Q-LAZY",
        "COUNTER_NONATOMIC, LAZYFREE_THRESHOLD_VS_PURGE_2, Q-LAZY",
        "RETRY_LOCKED, LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2, hung",
        "NO_TRYLOCK, LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2, RB_EMPTY_NODE|Q-FAIL|Q-LAZY",
        "DANGLING_CACHE, ALLOC_RACES_PURGE_OF_CACHED_3, INV-CACHE",
    })
    void mutantIsCaught(Mutant mutant, Scenario scenario, String expected) {
        LincheckBudget.Outcome o = LincheckBudget.explore(LincheckBudget.MUTANT_INVOCATIONS, scenario.on(mutant));
        Throwable caughtBy = o.scenarioFailure() != null ? o.scenarioFailure() : o.failure();
        String first = caughtBy == null ? "none" : firstLine(caughtBy);
        System.out.printf("lincheck %s on %s: caught after %d invocations, %d ms: %s%n", mutant, scenario,
                o.invocations(), o.millis(), first);
        assertNotNull(o.failure(), () -> mutant + " survived " + o.invocations() + " invocations of " + scenario);
        String report = o.scenarioFailure() + "\n" + o.failure();
        assertTrue(Arrays.stream(expected.split("\\|")).anyMatch(report::contains),
                () -> mutant + " caught, but not by '" + expected + "'; the scenario threw:\n"
                        + (o.scenarioFailure() == null ? "nothing\n" : stackTrace(o.scenarioFailure()))
                        + "Lincheck threw:\n" + stackTrace(o.failure()));
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String firstLine(Throwable t) {
        String s = String.valueOf(t);
        for (String line : s.split("\n")) {
            if (line.startsWith("java.") || line.startsWith("vmapref.") || line.contains("has hung")) {
                return line.trim();
            }
        }
        return s.lines().findFirst().orElse(s);
    }
}
