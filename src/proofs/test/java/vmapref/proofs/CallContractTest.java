package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.proof.Node;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.rule.ContractRuleApp;
import de.uka.ilkd.key.rule.UseOperationContractRule;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CallContract#apply}, on the small class of {@link SmallProgram}: the callee
 * {@code same} has two contracts, the caller {@code caller} calls it on both branches of an
 * {@code if}, and only the first contract is needed there. The step applies the one contract it is
 * given at every call, the proof then closes, and it refuses a contract that is not an operation
 * contract or a callee that no goal calls.
 */
class CallContractTest {
    private static KeYEnvironment<?> env;

    @BeforeAll
    static void load() throws Exception {
        env = SmallProgram.env();
    }

    private static StrategyProperties methodContracts(Proof proof) {
        StrategyProperties sp = (StrategyProperties) proof.getSettings().getStrategySettings()
                .getActiveStrategyProperties().clone();
        sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
        return sp;
    }

    /** The contracts that operation contract rule applications in {@code proof} used. */
    private static List<String> appliedContracts(Proof proof) {
        List<String> out = new ArrayList<>();
        for (Iterator<Node> it = proof.root().subtreeIterator(); it.hasNext(); ) {
            if (it.next().getAppliedRuleApp() instanceof ContractRuleApp app
                    && app.rule() == UseOperationContractRule.INSTANCE) {
                out.add(app.getInstantiation().getName());
            }
        }
        return out;
    }

    @Test
    void appliesTheOneContractAtEachCallAndTheProofCloses() throws Exception {
        Proof proof = SmallProgram.proofOf("Calls.caller(int).0");
        try {
            Contract callee = SmallProgram.contract("Calls.same(int).0");
            StrategyProperties sp = methodContracts(proof);
            assertEquals(2, CallContract.apply(env, proof, callee, sp));
            assertEquals(List.of(callee.getName(), callee.getName()), appliedContracts(proof));
            assertEquals(StrategyProperties.METHOD_CONTRACT, proof.getSettings().getStrategySettings()
                    .getActiveStrategyProperties().getProperty(StrategyProperties.METHOD_OPTIONS_KEY));
            assertFalse(proof.closed());
            env.getProofControl().startAndWaitForAutoMode(proof);
            assertTrue(proof.closed(), "open goals: " + proof.openGoals().size());
        } finally {
            proof.dispose();
        }
    }

    @Test
    void refusesAContractThatIsNotAnOperationContract() throws Exception {
        Proof proof = SmallProgram.proofOf("Calls.caller(int).0");
        try {
            Contract dependency = SmallProgram.contract("Calls.<inv>().dep.0");
            assertThrows(IllegalArgumentException.class,
                    () -> CallContract.apply(env, proof, dependency, methodContracts(proof)));
        } finally {
            proof.dispose();
        }
    }

    @Test
    void failsWhenNoGoalCallsTheCallee() throws Exception {
        Proof proof = SmallProgram.proofOf("Calls.one().0");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> CallContract.apply(env, proof, SmallProgram.contract("Calls.same(int).0"),
                            methodContracts(proof)));
            assertTrue(e.getMessage().contains("no open goal calls vmapref.calltest.Calls::same"), e.getMessage());
        } finally {
            proof.dispose();
        }
    }
}
