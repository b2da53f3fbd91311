package vmapref.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.Services;
import de.uka.ilkd.key.logic.PosInOccurrence;
import de.uka.ilkd.key.logic.PosInTerm;
import de.uka.ilkd.key.logic.SequentFormula;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.rule.UseOperationContractRule;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.speclang.FunctionalOperationContract;
import de.uka.ilkd.key.strategy.StrategyProperties;

/**
 * The first stage of a search for a contract with {@code ID.callContract=CALLEE}
 * (contracts.properties): symbolic execution in auto mode up to the calls of the callee's method,
 * then, at each call, KeY's operation contract rule with the one contract {@code CALLEE}. Auto mode
 * would apply the combination of all the method's contracts, and a proof then carries the
 * postconditions of cases it does not need under guards it must decide; interactive KeY lets the
 * user choose one contract in the same rule, and that is what this step does. Applying any one
 * proven contract of the callee is sound; the proof records which one ({@code (contract "...")}),
 * so check mode replays it, and the report lists it among the proof's uses.
 */
final class CallContract {
    private CallContract() {
    }

    /**
     * Runs auto mode with method calls left alone ({@code METHOD_NONE}) within the proof's step
     * budget, applies {@code callee} at the call in each open goal, and sets the strategy back to
     * {@code sp}.
     *
     * @return the number of calls the contract was applied at
     * @throws IllegalStateException if no open goal calls the callee's method
     */
    static int apply(KeYEnvironment<?> env, Proof proof, Contract callee, StrategyProperties sp) {
        if (!(callee instanceof FunctionalOperationContract)) {
            throw new IllegalArgumentException(callee.getName() + " is not an operation contract");
        }
        StrategyProperties upToCalls = (StrategyProperties) sp.clone();
        upToCalls.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_NONE);
        ProofRunner.useStrategy(proof, upToCalls);
        env.getProofControl().startAndWaitForAutoMode(proof);
        Services services = proof.getServices();
        int applied = 0;
        for (Goal g : proof.openGoals()) {
            PosInOccurrence call = callIn(g, callee, services);
            if (call != null) {
                g.apply(UseOperationContractRule.INSTANCE.createApp(call, services).setContract(callee));
                applied++;
            }
        }
        ProofRunner.useStrategy(proof, sp);
        if (applied == 0) {
            throw new IllegalStateException("no open goal calls " + callee.getTarget().name()
                    + " after symbolic execution up to the calls");
        }
        return applied;
    }

    /** The succedent formula whose active statement calls the callee's method with {@code callee} among its contracts, or null. */
    private static PosInOccurrence callIn(Goal g, Contract callee, Services services) {
        for (SequentFormula sf : g.sequent().succedent()) {
            PosInOccurrence pio = new PosInOccurrence(sf, PosInTerm.getTopLevel(), false);
            if (!UseOperationContractRule.INSTANCE.isApplicable(g, pio)) {
                continue;
            }
            UseOperationContractRule.Instantiation inst = UseOperationContractRule.computeInstantiation(pio.subTerm(), services);
            for (FunctionalOperationContract c : UseOperationContractRule.getApplicableContracts(inst, services)) {
                if (c.getName().equals(callee.getName())) {
                    return pio;
                }
            }
        }
        return null;
    }
}
