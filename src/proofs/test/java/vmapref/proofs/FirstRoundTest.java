package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which goals the focus search's first round leaves to step 3 ({@link FocusTactic#skipsInvariantGoals}):
 * those with {@code self}'s folded class invariant, unless the contract asks for every goal
 * ({@code .quickRound=all}) or keeps class invariants folded ({@code .classAxioms=off}).
 */
class FirstRoundTest {
    @Test
    void leavesOutTheSelfInvariantGoalsByDefault() {
        assertTrue(FocusTactic.skipsInvariantGoals(false, false));
    }

    @Test
    void triesEveryGoalWithQuickRoundAll() {
        assertFalse(FocusTactic.skipsInvariantGoals(true, false));
    }

    @Test
    void triesEveryGoalWithClassAxiomsOff() {
        assertFalse(FocusTactic.skipsInvariantGoals(false, true));
        assertFalse(FocusTactic.skipsInvariantGoals(true, true));
    }
}
