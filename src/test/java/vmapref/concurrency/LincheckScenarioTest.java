package vmapref.concurrency;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vmapref.kernel.MutantProtocols.Mutant;
import vmapref.concurrency.Scenarios.Scenario;

/**
 * Lincheck's bounded systematic exploration of the real port (issue 3): every scenario of
 * {@link Scenarios}, with the properties Q-INV, Q-LAZY, Q-LOST, Q-TWICE, Q-FAIL and no deadlock,
 * must hold in every interleaving Lincheck explores within the budget
 * ({@link LincheckBudget#INVOCATIONS} invocations per scenario). Bounded, not exhaustive: the
 * exhaustive check of the protocol is the SPIN model (jpf/vmap_protocol.pml).
 */
class LincheckScenarioTest {
    @ParameterizedTest
    @EnumSource(Scenario.class)
    void portSatisfiesTheConcurrencyProperties(Scenario scenario) {
        LincheckBudget.Outcome o = LincheckBudget.explore(LincheckBudget.INVOCATIONS, scenario.on(Mutant.CORRECT));
        System.out.printf("lincheck %s CORRECT: %d invocations, %d ms, %s%n", scenario, o.invocations(), o.millis(),
                o.failure() == null ? "pass" : "FAIL");
        assertNull(o.failure(), () -> scenario + " failed on the port:\n" + o.failure());
    }
}
