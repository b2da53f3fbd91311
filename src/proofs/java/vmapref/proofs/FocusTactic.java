package vmapref.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.logic.DefaultVisitor;
import de.uka.ilkd.key.logic.PosInOccurrence;
import de.uka.ilkd.key.logic.PosInTerm;
import de.uka.ilkd.key.logic.Semisequent;
import de.uka.ilkd.key.logic.Sequent;
import de.uka.ilkd.key.logic.SequentFormula;
import de.uka.ilkd.key.logic.Term;
import de.uka.ilkd.key.logic.TermBuilder;
import de.uka.ilkd.key.logic.equality.TermLabelsProperty;
import de.uka.ilkd.key.logic.op.Equality;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.logic.op.Junctor;
import de.uka.ilkd.key.logic.op.Modality;
import de.uka.ilkd.key.logic.op.Quantifier;
import de.uka.ilkd.key.logic.op.SchemaVariable;
import de.uka.ilkd.key.logic.op.SkolemTermSV;
import de.uka.ilkd.key.logic.op.UpdateApplication;
import de.uka.ilkd.key.macros.AbstractProofMacro;
import de.uka.ilkd.key.macros.AutoPilotPrepareProofMacro;
import de.uka.ilkd.key.macros.FinishSymbolicExecutionMacro;
import de.uka.ilkd.key.macros.TryCloseMacro;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Node;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.rulefilter.TacletFilter;
import de.uka.ilkd.key.rule.IBuiltInRuleApp;
import de.uka.ilkd.key.rule.OneStepSimplifier;
import de.uka.ilkd.key.rule.TacletApp;
import de.uka.ilkd.key.rule.UseDependencyContractApp;
import de.uka.ilkd.key.rule.UseDependencyContractRule;
import de.uka.ilkd.key.strategy.StrategyProperties;
import org.key_project.logic.sort.Sort;
import org.key_project.util.collection.ImmutableList;
import org.key_project.util.collection.ImmutableSLList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code focus} proof search ({@code ID.tactic=focus} in contracts.properties), for a contract
 * whose goals KeY's auto mode closes one at a time but not in one run: in one run it spends its
 * steps instantiating the quantified formulas of every state, in every goal, and never picks the
 * few instantiations that matter. Each step below is one of KeY's own macros or one rule of its
 * calculus, so the result is a KeY proof like any other: it is saved, and check mode replays it;
 * the one exception, step 2g's SMT step, is KeY's own SMT rule, and check mode re-runs the solver.
 * {@code hide_left}/{@code hide_right} only weaken a sequent, and instantiating a quantifier in
 * the antecedent only adds a consequence of it.
 * <ol>
 *   <li>finish symbolic execution ({@code FinishSymbolicExecutionMacro}), then {@code tryclose}
 *       on each goal alone with a small budget ({@code .quickSteps}, default {@link #QUICK_STEPS}),
 *       except, with class axioms on, a goal whose succedent holds the still folded class invariant
 *       of {@code self}, which step 3 takes (unless {@code .quickRound=all}); then step 2a on each
 *       goal left, before {@code autopilot-prep} splits it into goals that would each carry, and
 *       discharge again, the same helper-contract premises ({@code insert}: 2 goals instead of 8);
 *       a goal with a premise that does not close is left as it was;</li>
 *   <li>{@code autopilot-prep} (splits the proof obligations), then, for each goal left:
 *       <ol type="a">
 *         <li>each helper-contract case in the antecedent ({@code pre -> post}, {@code pre} about
 *             the pre-state) is split by {@code impLeft}, its premise closed on its own with the
 *             formulas about later heaps hidden (they are about other states);</li>
 *         <li>then each of its large succedent formulas is proven alone (the other large ones
 *             hidden; atoms such as {@code self.ends = null} stay), except the still folded class
 *             invariant of {@code self}, which step 3 expands first: an update on top is applied
 *             (one-step simplification), a conjunct that is the class invariant of {@code self}
 *             is expanded (class invariant axiom), a conjunction is split ({@code andRight}) and
 *             each conjunct proven alone, leading {@code \forall}s are skolemised
 *             ({@code allRight});</li>
 *         <li>{@code allLeft}: each antecedent formula with a single {@code \forall} (a
 *             precondition, a helper's postcondition) is instantiated with each array index the
 *             goal reads, each pairwise postcondition about a later heap
 *             ({@code \forall j; \forall i}, spec INV-ORDER) with the goal's two constants in
 *             order (a pre-state one too when the goal is about the pre-state heap: a callee's
 *             precondition): the instances auto mode does not find;</li>
 *         <li>{@code tryclose}, first, if the goal has no quantifier left, with the quantified
 *             antecedent formulas hidden (their instances from step 2c stay): auto mode would
 *             spend its budget instantiating them, and where it needs them the attempt fails in
 *             1-15 s (session 37's full run: 816 of 822 such goals closed this way, and the 9
 *             focus proofs have 227,579 nodes, against 289,393 when the attempt with them came
 *             first); if the goal stays open, with them, with at most {@link #RETRY_STEPS}
 *             steps; if it still stays open, once more after a second {@code allLeft} round: the
 *             single-{@code \forall} formulas with the indices that the instances of step 2c read
 *             and the goal does not (slot {@code k} after {@code grow} and {@code shiftUp} is slot
 *             {@code k - 1} of {@code grow}'s copy, and that is slot {@code k - 1} of the
 *             pre-state), if there are such indices. Only as a last try, since the extra instances
 *             cost auto mode steps in the goals that close without them.</li>
 *         <li>a formula that is the folded class invariant of an object read from a field
 *             ({@code self.tree.<inv>} at the heap after stores to {@code self}'s own fields) is
 *             proven by {@link #proveOtherInvariant}: first by KeY's dependency contract rule
 *             from the same invariant at the pre-state heap, when the stores in between do not
 *             touch what it reads (VmapAreaTree's {@code accessible \inv} clause), or across an
 *             object creation ({@code new VmapArea}) with the rule's own step for it; else a
 *             {@code cut} on that object being null, then the class invariant axiom, then steps
 *             2b to 2d on the expansion, with the pairwise {@code allLeft} also on pre-state
 *             formulas.</li>
 *         <li>an existential ({@code \exists int k; ...}, INV-CACHE's witness) is proven by
 *             {@link #proveWitness}: the callee's existential in the antecedent is skolemised (if
 *             there is none, the pre-state's), and each array index of the goal is tried as the
 *             witness: first a constant skolemised from an existential whose first heap read is
 *             the goal's (in {@code free}'s two cases, session 49, that was the witness, tried
 *             last until session 50 after 2-3 failed {@code tryclose} runs of 5-9 s each), then
 *             those the goal had before this step (in {@code found}, session 37, the witness was
 *             a constant the goal already had in each branch with both, and the one this step
 *             added, tried first until then, cost a failed {@code tryclose} of 25-34 s twice),
 *             then the other skolemised ones.</li>
 *         <li>a gap formula ({@code holeBounded}, PROP-HOLE's gap form in {@code free}'s second
 *             case) is proven by {@link #proveGap}: the instances of the paper argument, the
 *             hypotheses that are still {@code \forall}s hidden, auto mode, and the SMT solver cvc5
 *             ({@link ProofRunner#smt}) on each goal auto mode leaves: the one step that is not a
 *             rule of KeY's calculus, recorded in the saved proof as KeY's SMT rule, which check
 *             mode replays by running cvc5 again. A goal about anything else has the hypotheses
 *             about gaps hidden first ({@link #hideGapHypotheses}).</li>
 *         <li>a formula that is a JML model method other than the gap form, {@code m(...) = TRUE}
 *             ({@code allocated}, alloc's postcondition for a returned area, in {@code found}'s
 *             contract), is rewritten by its definition ({@link #expandModel}: KeY's class axiom
 *             {@code Definition_axiom_for_m}, then one-step simplification) and the formula it
 *             becomes is proven by steps 2b to 2f. Auto mode leaves the definition folded in the
 *             succedent (session 40: {@code found} with its postcondition written through
 *             {@code allocated} stayed open, 8 goals, until this step, session 41).</li>
 *       </ol>
 *       A helper-contract case whose premise does not close (a case distinction, such as the
 *       cache update's) leaves the goal to step 3.</li>
 *   <li>a goal still open with the class invariant of {@code self} in its succedent
 *       ({@link #prepareLaterState}): an update above it is simplified away (which leaves out the
 *       invariant at the pre-state heap, a callee's precondition), the invariant at a later heap is
 *       tried by the dependency step from the pre-state's, else the class invariant axiom on it;
 *       {@code autopilot-prep} again, then each goal as in step 2, and a
 *       formula about a later heap with the quantified pre-state formulas of the antecedent
 *       hidden, except those about a value a call returned. The folded invariant of an object
 *       read from a field at a later heap ({@code self.tree.<inv>} after {@code remove}) first
 *       gets its receiver rewritten to the one read in the pre-state ({@link #rewriteReceiver}),
 *       the receiver of the callee's postcondition.</li>
 * </ol>
 * Every later {@code tryclose} gets the contract's step budget; one that does not close is pruned back
 * by KeY, so a goal that stays open is reported as open. The whole search gets the contract's time
 * limit ({@code .timeout}); once it is spent nothing more is applied (see {@link #run}).
 */
final class FocusTactic {
    private static final String LATER_HEAP = "heapAfter";
    /** The anonymous heap of a loop or call, and the function {@code anon} that builds heaps from it. */
    private static final String ANON = "anon";
    private static final String ANON_HEAP = "anon_heap";
    /** The value a called method returned. */
    private static final String CALL_RESULT = "result_";
    /** The JML model method of PROP-HOLE's gap form ({@code FreeVmapCache.holeBounded}). */
    private static final String GAP = "holeBounded";
    /** KeY's {@code \bigint} remainder, in {@link #GAP}'s definition. */
    private static final String JMOD = "jmod";
    /** How KeY's name for the class axiom that rewrites a model method by its definition begins. */
    private static final String DEFINITION = "Definition_axiom_for_";
    /** That axiom for {@link #GAP}. */
    private static final String GAP_DEFINITION = DEFINITION + GAP;
    /** The slot {@code free}'s call of {@code indexOf} returned: the freed area's. */
    private static final String FREED_SLOT = CALL_RESULT + "indexOf";
    /**
     * Step budget of auto mode in step 2g, per branch: enough to split the goal into its cases
     * (with 1,000 steps one goal is left in each branch, which the SMT solver proves in 1-3 s).
     */
    private static final int GAP_STEPS = 1000;
    /** The object whose contract is proven. */
    private static final String SELF = "self";

    /**
     * Step limit of the macros that finish symbolic execution and prepare the goals (they stop at
     * it, so it bounds them, not the proof's budget).
     */
    private static final int MACRO_STEPS = 20000;
    /**
     * Default budget of the first {@code tryclose} round, which only takes the easy goals out of the
     * way; a contract's {@code .quickSteps} overrides it. Each goal it does not close costs its
     * whole budget (session 36: 7 to 18 s each for {@code insert} and {@code found}, whose goals
     * it closes take at most 1.3 s), but 500 for every contract made {@code free}'s proofs worse
     * (session 30, proofs/report-notes.md), so the default stays 2,000.
     */
    static final int QUICK_STEPS = 2000;
    /**
     * Most steps of a {@code tryclose} that follows a failed one on the same goal and rarely
     * closes; a failed {@code tryclose} spends its whole budget. Step 2d's second, the one with the
     * quantified antecedent formulas, after the first, with them hidden: in session 49's logged runs
     * of the 11 focus proofs it followed 6 failed first attempts and closed 1 goal (a subtree of
     * 1,378 nodes); the 5 that failed took 123 s, 114 s of it in 4 runs at 5,000 and 10,000 steps
     * ({@code insert}, {@code moveCacheOff}), and the third attempt or a later step closed their
     * goals. Step 2f's last, without a witness, after a witness was tried: in the same runs this
     * attempt closed 7 goals, each in under 2 s (at most 580 nodes where the log counted them), and
     * failed once, 32-37 s at 5,000 steps ({@code found}). Where the attempt is the goal's first
     * (a goal with quantifiers of its own; no witness of the right type) it keeps the contract's
     * budget.
     */
    static final int RETRY_STEPS = 2000;

    private final KeYEnvironment<?> env;
    private final Proof proof;
    /** Step 2g's instances of a pairwise formula's outer variable, by formula and term. */
    private final Map<List<Term>, Term> outerInstances = new HashMap<>();
    private final int steps;
    /** Budget of the first {@code tryclose} round. */
    private final int quickSteps;
    /** Whether the first round tries every goal, even with class axioms on ({@code .quickRound=all}). */
    private final boolean quickAll;
    /** {@code tryclose} runs of this search that closed their goal, and their seconds. */
    private int closedRuns;
    private double closedSeconds;
    /** {@code tryclose} runs that did not close their goal (KeY pruned them back), and their seconds. */
    private int failedRuns;
    private double failedSeconds;
    /** {@link System#nanoTime()} at which the search's time limit ({@code .timeout}) is spent. */
    private final long deadline;
    /** Whether the search stopped at its time limit. */
    private boolean timedOut;

    private FocusTactic(KeYEnvironment<?> env, Proof proof, int steps, int quickSteps, boolean quickAll,
            long timeoutMs) {
        this.env = env;
        this.proof = proof;
        this.steps = steps;
        this.quickSteps = quickSteps;
        this.quickAll = quickAll;
        this.deadline = System.nanoTime() + timeoutMs * 1_000_000;
    }

    /**
     * Runs the search on {@code proof}, {@code steps} rule applications per {@code tryclose}
     * ({@code quickSteps} in the first round, on every goal if {@code quickAll}), for at most
     * {@code timeoutMs} in all (the contract's {@code .timeout}): each macro, {@code tryclose} and
     * auto-mode run gets what is left of it as KeY's time limit, and once it is spent the search
     * applies nothing more, so the goals still open stay open and the proof is reported
     * {@code open}.
     *
     * @return how many {@code tryclose} runs closed their goal and how many did not (pruned), with
     *     their seconds, and whether the search stopped at its time limit
     */
    static String run(KeYEnvironment<?> env, Proof proof, int steps, int quickSteps, boolean quickAll,
            long timeoutMs) throws Exception {
        FocusTactic tactic = new FocusTactic(env, proof, steps, quickSteps, quickAll, timeoutMs);
        tactic.search();
        return String.format(Locale.ROOT, "%d tryclose runs closed their goal (%.1f s), %d did not (%.1f s)%s",
                tactic.closedRuns, tactic.closedSeconds, tactic.failedRuns, tactic.failedSeconds,
                tactic.timedOut ? String.format(Locale.ROOT, "; stopped at its time limit of %d s", timeoutMs / 1000) : "");
    }

    /**
     * Sets KeY's time limit of the next auto-mode run to what is left of the search's; false (and
     * {@link #timedOut} set) when nothing is left.
     */
    private boolean timeLeft() {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
            timedOut = true;
            return false;
        }
        proof.getSettings().getStrategySettings().setTimeout(leftMs);
        return true;
    }

    /**
     * Whether the first round skips the goals with {@code self}'s folded class invariant in the
     * succedent: unless the contract asks for every goal ({@code quickAll}) or its class axioms are
     * off. The one place that decides it; the report's "Search:" line asks it too.
     */
    static boolean skipsInvariantGoals(boolean quickAll, boolean classAxiomsOff) {
        return !quickAll && !classAxiomsOff;
    }

    private void search() throws Exception {
        proof.getSettings().getStrategySettings().setMaxSteps(MACRO_STEPS);
        macro(new FinishSymbolicExecutionMacro(), proof.openGoals());
        String classAxioms = proof.getSettings().getStrategySettings().getActiveStrategyProperties()
                .getProperty(StrategyProperties.CLASS_AXIOM_OPTIONS_KEY);
        boolean skipInvariant = skipsInvariantGoals(quickAll, StrategyProperties.CLASS_AXIOM_OFF.equals(classAxioms));
        for (Goal g : openGoals()) {
            if (!(skipInvariant && hasSelfInvariant(g))) {
                tryClose(g, quickSteps);
            }
        }
        for (Goal g : openGoals()) {
            Node at = g.node();
            if (dischargePremises(g) == null) {
                proof.pruneProof(at);
            }
        }
        macro(new AutoPilotPrepareProofMacro(), proof.openGoals());
        for (Goal g : openGoals()) {
            focus(g, false);
        }
        boolean changed = false;
        for (Goal g : openGoals()) {
            changed |= prepareLaterState(g);
        }
        if (!changed) {
            return;
        }
        macro(new AutoPilotPrepareProofMacro(), proof.openGoals());
        for (Goal g : openGoals()) {
            focus(g, true);
        }
    }

    /**
     * Step 3's start on a goal with the still folded class invariant of {@code self} in its
     * succedent: each such succedent formula with an update on top is simplified first (one-step
     * simplification applies the update, and replaces {@code self.<inv>} at the pre-state heap,
     * which the antecedent holds, by true: a callee's precondition); {@code self.<inv>} at a later
     * heap, alone in a succedent formula, is then tried by the dependency step from the pre-state's
     * {@code self.<inv>} ({@link #byDependency}) if that heap is the one after an object creation
     * (the exception a method throws: {@link #createdOnly}); otherwise the class invariant axiom
     * expands it. True if the goal changed.
     */
    private boolean prepareLaterState(Goal goal) throws Exception {
        if (!hasSelfInvariant(goal)) {
            return false;
        }
        Node start = goal.node();
        SequentFormula updated = updatedSelfInvariant(goal);
        while (updated != null) {
            SequentFormula simplified = simplify(proof.getSubtreeGoals(start).head(), updated);
            if (proof.getSubtreeGoals(start).isEmpty()) {
                return true;
            }
            updated = simplified == null ? null : updatedSelfInvariant(proof.getSubtreeGoals(start).head());
        }
        Goal g = proof.getSubtreeGoals(start).head();
        SequentFormula later = laterSelfInvariant(g);
        if (later != null && createdOnly(g, later.formula().sub(0)) && byDependency(g, later)) {
            return true;
        }
        expandInvariant(proof.getSubtreeGoals(start).head());
        return true;
    }

    /**
     * Whether {@code heap} is {@code anon(h, empty, h')}, the heap after an object creation, itself
     * or by an antecedent equation that defines it: a heap where the dependency step can succeed.
     * After a call that assigns the locations the invariant reads it cannot, and its
     * {@code tryclose}s would only spend their budgets.
     */
    private boolean createdOnly(Goal g, Term heap) {
        Term empty = env.getServices().getTermBuilder().empty();
        if (heap.op().name().toString().equals(ANON)) {
            return heap.sub(1).equals(empty);
        }
        for (SequentFormula sf : g.sequent().antecedent()) {
            Term f = sf.formula();
            if (f.op() == Equality.EQUALS) {
                for (int i = 0; i < 2; i++) {
                    Term def = f.sub(1 - i);
                    if (f.sub(i).equals(heap) && def.op().name().toString().equals(ANON) && def.sub(1).equals(empty)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A succedent formula with an update on top and {@code self.<inv>} below it, or null. */
    private static SequentFormula updatedSelfInvariant(Goal g) {
        for (SequentFormula sf : g.sequent().succedent()) {
            if (sf.formula().op() instanceof UpdateApplication && invariantIn(sf) != null) {
                return sf;
            }
        }
        return null;
    }

    /** A succedent formula that is {@code self.<inv>} at a heap other than the base heap, or null. */
    private SequentFormula laterSelfInvariant(Goal g) {
        Term base = env.getServices().getTermBuilder().getBaseHeap();
        for (SequentFormula sf : g.sequent().succedent()) {
            PosInOccurrence top = new PosInOccurrence(sf, PosInTerm.getTopLevel(), false);
            if (findInvariant(sf.formula(), top) == top && !sf.formula().sub(0).equals(base)) {
                return sf;
            }
        }
        return null;
    }

    private List<Goal> openGoals() {
        List<Goal> goals = new ArrayList<>();
        for (Goal g : proof.openGoals()) {
            goals.add(g);
        }
        return goals;
    }

    /** Applies {@code m} to {@code goals} if the search has time left; false if it had none. */
    private boolean macro(AbstractProofMacro m, ImmutableList<Goal> goals) throws Exception {
        if (!timeLeft()) {
            return false;
        }
        m.applyTo(env.getUi(), proof, goals, null, null);
        return true;
    }

    private boolean tryClose(Goal g, int budget) throws Exception {
        Node at = g.node();
        long t0 = System.nanoTime();
        if (!macro(new TryCloseMacro(budget), ImmutableSLList.<Goal>nil().prepend(g))) {
            return false;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean closed = proof.getSubtreeGoals(at).isEmpty();
        if (closed) {
            closedRuns++;
            closedSeconds += seconds;
        } else {
            failedRuns++;
            failedSeconds += seconds;
        }
        return closed;
    }

    /**
     * Discharges the goal's premises (step 2a), then proves one large succedent formula with the
     * other large ones hidden ({@link #prove}). The first formula that closes ends it; a goal none
     * closes is left as it was after step 2a. A goal with no large succedent formula gets one
     * tryclose of its own, unless its succedent holds the still folded class invariant of
     * {@code self}, which {@code tryclose} does not close: then step 3 takes it.
     */
    private void focus(Goal goal, boolean laterState) throws Exception {
        Goal discharged = dischargePremises(hideGapHypotheses(goal));
        if (discharged == null) {
            return;
        }
        Node at = discharged.node();
        List<Term> large = new ArrayList<>();
        for (SequentFormula sf : discharged.sequent().succedent()) {
            if (large(sf.formula()) && (laterState || invariantIn(sf) == null)) {
                large.add(sf.formula());
            }
        }
        if (large.isEmpty()) {
            if (laterState || !hasSelfInvariant(discharged)) {
                tryClose(discharged, steps);
            }
            return;
        }
        for (Term keep : large) {
            Goal g = hideLargeExcept(proof.getSubtreeGoals(at).head(), keep);
            if (prove(g, find(g.sequent().succedent(), keep), laterState, false)) {
                return;
            }
            proof.pruneProof(at);
        }
    }

    /**
     * Steps 2b to 2d on the succedent formula {@code sf} of {@code goal}; in step 3
     * ({@code laterState}), if the formula is about a later heap, with the quantified pre-state
     * formulas hidden; the folded invariant of an object read from a field goes to step 2e, and
     * {@code pairsAnyHeap} (inside step 2e) extends the pairwise {@code allLeft} of step 2c to
     * pre-state formulas. True if its subtree closed.
     */
    private boolean prove(Goal goal, SequentFormula sf, boolean laterState, boolean pairsAnyHeap) throws Exception {
        Node start = goal.node();
        Goal g = goal;
        SequentFormula f = sf;
        while (f != null && f.formula().op() instanceof UpdateApplication) {
            f = simplify(g, f);
            if (proof.getSubtreeGoals(start).isEmpty()) {
                return true;
            }
            g = proof.getSubtreeGoals(start).head();
        }
        if (f == null) {
            return tryClose(g, steps);
        }
        if (modelCall(f.formula()) != null) {
            if (byModelDependency(g, f)) {
                return true;
            }
            Node at = g.node();
            SequentFormula expanded = expandModel(g, f);
            if (proof.getSubtreeGoals(at).isEmpty()) {
                return true;
            }
            Goal h = proof.getSubtreeGoals(at).head();
            if (h.node() != at) {
                return expanded == null ? tryClose(h, steps) : prove(h, expanded, laterState, pairsAnyHeap);
            }
        }
        PosInOccurrence top = new PosInOccurrence(f, PosInTerm.getTopLevel(), false);
        if (findInvariant(f.formula(), top) == top) {
            List<SequentFormula> before = formulas(g.sequent().succedent());
            Node at = g.node();
            expandInvariant(g, top);
            g = proof.getSubtreeGoals(at).head();
            f = added(before, g.sequent().succedent());
            if (f == null) {
                return tryClose(g, steps);
            }
        }
        if (otherInvariant(f.formula())) {
            return proveOtherInvariant(g, f, laterState);
        }
        if (f.formula().op() == Junctor.AND) {
            Node at = g.node();
            List<SequentFormula> before = formulas(g.sequent().succedent());
            applyAt(g, f, false, "andRight");
            for (Goal branch : proof.getSubtreeGoals(at)) {
                SequentFormula conjunct = added(before, branch.sequent().succedent());
                if (!(conjunct == null ? tryClose(branch, steps) : prove(branch, conjunct, laterState, pairsAnyHeap))) {
                    return false;
                }
            }
            return true;
        }
        List<Term> constants = new ArrayList<>();
        while (f.formula().op() == Quantifier.ALL) {
            TacletApp app = completions(g, appAt(g, f, false, "allRight")).get(0);
            List<SequentFormula> before = formulas(g.sequent().succedent());
            g = g.apply(app).head();
            constants.add(skolemConstant(app));
            f = added(before, g.sequent().succedent());
        }
        if (f.formula().op() == Quantifier.EX) {
            return proveWitness(g, f, laterState);
        }
        if (constants.size() == 2 && aboutGap(f.formula())) {
            return proveGap(g, constants.get(0), constants.get(1));
        }
        List<Term> indices = new ArrayList<>(constants);
        collectIndices(f.formula(), indices);
        boolean quantifierFree = !hasQuantifier(f.formula());
        g = prepare(g, f.formula(), laterState);
        List<SequentFormula> hypotheses = formulas(g.sequent().antecedent());
        g = instantiate(g, constants, indices, pairsAnyHeap || !mentions(f.formula(), LATER_HEAP));
        Node instantiated = g.node();
        Goal hidden = quantifierFree ? hideQuantifiedAntecedent(g) : g;
        int withQuantified = steps;
        if (hidden.node() != instantiated) {
            if (tryClose(hidden, steps)) {
                return true;
            }
            proof.pruneProof(instantiated);
            withQuantified = Math.min(steps, RETRY_STEPS);
        }
        if (tryClose(proof.getSubtreeGoals(instantiated).head(), withQuantified)) {
            return true;
        }
        Goal again = instantiateRead(proof.getSubtreeGoals(instantiated).head(), hypotheses, indices);
        return again.node() != instantiated && tryClose(again, steps);
    }

    /**
     * Step 2f, an existential succedent formula ({@code \exists int k; ...}, INV-CACHE's witness).
     * First each antecedent existential about a later heap, alone or as a disjunct (a callee's
     * {@code x == null || \exists k; ...}), is split ({@code orLeft}) and skolemised
     * ({@code exLeft}), which puts its witness constant into the goal; if there is none, each
     * pre-state one (INV-CACHE before a call whose frame keeps the cached area in place). Then each array index of
     * the quantifier-free antecedent formulas in turn is tried as the witness ({@code exRight}),
     * with the single-{@code \forall} antecedent formulas instantiated with the indices the
     * instance reads (step 2c) and a {@code tryclose}: first the constants this step skolemised
     * from an existential whose first heap read ({@link #heapRead}) is the goal's, then those the
     * goal had before, then the other skolemised ones;
     * if none closes, one {@code tryclose} without a witness (a branch where another succedent
     * formula holds, such as {@code x == null}), with at most {@link #RETRY_STEPS} steps if a
     * witness was tried. True if every branch closed.
     */
    private boolean proveWitness(Goal goal, SequentFormula ex, boolean laterState) throws Exception {
        return proveWitness(goal, ex, laterState, witnessSource(goal, true) == null, List.of(), List.of());
    }

    /**
     * {@link #proveWitness}, with {@code preState}: the goal had no existential about a later heap;
     * {@code skolemised}: the witness constants this step has put into the goal so far;
     * {@code sameHeap}: those of them from an existential whose first heap read is the goal's.
     */
    private boolean proveWitness(Goal goal, SequentFormula ex, boolean laterState, boolean preState,
            List<Term> skolemised, List<Term> sameHeap) throws Exception {
        SequentFormula source = witnessSource(goal, !preState);
        if (source != null) {
            Node at = goal.node();
            boolean split = source.formula().op() == Junctor.OR;
            TacletApp app = completions(goal, appAt(goal, source, true, split ? "orLeft" : "exLeft")).get(0);
            goal.apply(app);
            List<Term> witnesses = new ArrayList<>(skolemised);
            List<Term> ranked = new ArrayList<>(sameHeap);
            if (!split) {
                Term witness = skolemConstant(app);
                witnesses.add(witness);
                Term read = heapRead(source.formula());
                if (read != null && read.equals(heapRead(ex.formula()))) {
                    ranked.add(witness);
                }
            }
            for (Goal branch : proof.getSubtreeGoals(at)) {
                SequentFormula goalEx = find(branch.sequent().succedent(), ex.formula());
                if (!proveWitness(branch, goalEx, laterState, preState, witnesses, ranked)) {
                    proof.pruneProof(at);
                    return false;
                }
            }
            return true;
        }
        List<Term> candidates = new ArrayList<>();
        for (SequentFormula sf : goal.sequent().antecedent()) {
            if (!hasQuantifier(sf.formula())) {
                collectIndices(sf.formula(), candidates);
            }
        }
        candidates.sort(Comparator.comparingInt(t -> sameHeap.contains(t) ? 0 : skolemised.contains(t) ? 2 : 1));
        Node at = goal.node();
        int withoutWitness = steps;
        for (Term t : candidates) {
            if (!t.sort().equals(boundSort(ex.formula()))) {
                continue;
            }
            withoutWitness = Math.min(steps, RETRY_STEPS);
            Goal g = proof.getSubtreeGoals(at).head();
            List<SequentFormula> before = formulas(g.sequent().succedent());
            g = applyWith(g, appAt(g, find(g.sequent().succedent(), ex.formula()), false, "exRight"), t);
            SequentFormula instance = added(before, g.sequent().succedent());
            List<Term> indices = new ArrayList<>();
            collectIndices(instance.formula(), indices);
            g = instantiate(prepare(g, instance.formula(), laterState), List.of(), indices, false);
            if (tryClose(g, steps)) {
                return true;
            }
            proof.pruneProof(at);
        }
        return tryClose(proof.getSubtreeGoals(at).head(), withoutWitness);
    }

    /** The heap of {@code t}'s first heap read ({@code T::select}) in prefix order; null if none. */
    private static Term heapRead(Term t) {
        if (t.op().name().toString().endsWith("::select")) {
            return t.sub(0);
        }
        for (int i = 0; i < t.arity(); i++) {
            Term read = heapRead(t.sub(i));
            if (read != null) {
                return read;
            }
        }
        return null;
    }

    /**
     * An antecedent formula that is an existential, or a disjunction with one (a callee's
     * {@code x == null || \exists k; ...}): split and skolemised, it gives the witness constant.
     * With {@code later}, only one about a later or anonymous heap; without, any (the pre-state's
     * INV-CACHE, whose witness a callee's frame carries to the later heap). Null if there is none.
     */
    private static SequentFormula witnessSource(Goal g, boolean later) {
        for (SequentFormula sf : g.sequent().antecedent()) {
            Term f = sf.formula();
            boolean about = !later || mentions(f, LATER_HEAP) || mentions(f, ANON);
            if (about && (f.op() == Quantifier.EX
                    || f.op() == Junctor.OR && (f.sub(0).op() == Quantifier.EX || f.sub(1).op() == Quantifier.EX))) {
                return sf;
            }
        }
        return null;
    }

    /**
     * Step 2g, PROP-HOLE's gap form ({@code holeBounded} of the gap below slot {@code p}, for
     * {@code p} at or below the cache's slot {@code j}: {@code free}'s second case), skolemised
     * with {@code j} and {@code p} (KeY nests {@code \forall int p, j} with {@code j} outside).
     * The instances are the paper argument's (spec PROP-HOLE, "Why PROP-HOLE holds"): with
     * {@code i} the freed slot ({@code indexOf}'s result), each single-{@code \forall}
     * antecedent formula at {@code i}, {@code i - 1}, {@code j}, {@code j + 1}, {@code p} and
     * {@code p - 1}; the pre-state INV-ORDER at {@code (i, j + 1)} and {@code (i - 1, j + 1)};
     * the pre-state gap formula at {@code (j, p)}. Then the pre-state INV-CACHE is split
     * ({@code orLeft}); where the cache was an area, its witness {@code k} ({@code exLeft}): the
     * pre-state single-{@code \forall} formulas at {@code k}, INV-ORDER at {@code (k, i)}, the
     * gap formula at {@code (k, p)}. In each branch the goal's {@code holeBounded} is expanded by
     * its definition, the antecedent formulas that are still {@code \forall}s are hidden (their
     * instances stay), auto mode runs with {@link #GAP_STEPS} steps
     * and each goal it leaves goes to the SMT solver ({@link ProofRunner#smt}). True if both
     * branches closed; otherwise the step is pruned.
     */
    private boolean proveGap(Goal goal, Term j, Term p) throws Exception {
        TermBuilder tb = env.getServices().getTermBuilder();
        Term i = constantNamed(goal.sequent(), FREED_SLOT);
        if (i == null) {
            return tryClose(goal, steps);
        }
        Node start = goal.node();
        Goal g = instantiateSingle(goal, quantified(goal.sequent().antecedent()),
                List.of(i, minusOne(tb, i), j, plusOne(tb, j), p, minusOne(tb, p)));
        g = pairwise(g, false, plusOne(tb, j), i, minusOne(tb, i));
        g = pairwise(g, true, j, p);
        SequentFormula cache = preStateCache(g);
        if (cache == null) {
            proof.pruneProof(start);
            return tryClose(proof.getSubtreeGoals(start).head(), steps);
        }
        Node split = g.node();
        g.apply(completions(g, appAt(g, cache, true, "orLeft")).get(0));
        for (Goal branch : proof.getSubtreeGoals(split)) {
            Goal h = branch;
            SequentFormula ex = find(h.sequent().antecedent(), cache.formula().sub(1));
            if (ex != null) {
                TacletApp app = completions(h, appAt(h, ex, true, "exLeft")).get(0);
                h = h.apply(app).head();
                Term k = skolemConstant(app);
                List<SequentFormula> preState = new ArrayList<>();
                for (SequentFormula sf : quantified(h.sequent().antecedent())) {
                    if (!mentions(sf.formula(), LATER_HEAP) && !mentions(sf.formula(), ANON)) {
                        preState.add(sf);
                    }
                }
                h = instantiateSingle(h, preState, List.of(k));
                h = pairwise(h, false, i, k);
                h = pairwise(h, true, k, p);
            }
            if (!closeWithSolver(hideLeft(expandGap(h), sf -> sf.formula().op() == Quantifier.ALL))) {
                proof.pruneProof(start);
                return false;
            }
        }
        return true;
    }

    private static Term plusOne(TermBuilder tb, Term t) {
        return tb.add(tb.one(), t);
    }

    private static Term minusOne(TermBuilder tb, Term t) {
        return tb.add(tb.zTerm(-1), t);
    }

    /**
     * {@code allLeft} on the pre-state pairwise formula (two leading {@code \forall}s, about the
     * base heap) that is the gap formula ({@code gap}) or INV-ORDER (not {@code gap}): the outer
     * variable with {@code outer} (once per goal: {@link #outerInstances}), then that instance's
     * variable with each of {@code inners}.
     */
    private Goal pairwise(Goal goal, boolean gap, Term outer, Term... inners) {
        for (SequentFormula sf : quantified(goal.sequent().antecedent())) {
            Term f = sf.formula();
            if (f.sub(0).op() != Quantifier.ALL || mentions(f, LATER_HEAP) || mentions(f, ANON) || aboutGap(f) != gap) {
                continue;
            }
            List<Term> key = List.of(f, outer);
            SequentFormula once = outerInstances.containsKey(key) ? find(goal.sequent().antecedent(), outerInstances.get(key)) : null;
            Goal g = goal;
            if (once == null) {
                List<SequentFormula> before = formulas(goal.sequent().antecedent());
                g = instantiate(goal, sf, outer);
                once = added(before, g.sequent().antecedent());
                outerInstances.put(key, once.formula());
            }
            for (Term inner : inners) {
                g = instantiate(g, find(g.sequent().antecedent(), once.formula()), inner);
            }
            return g;
        }
        throw new IllegalStateException("no pre-state pairwise " + (gap ? GAP : "INV-ORDER") + " formula");
    }

    /** The pre-state INV-CACHE ({@code freeVmapCache = null | \exists k; ...}) in the antecedent, or null. */
    private static SequentFormula preStateCache(Goal g) {
        for (SequentFormula sf : g.sequent().antecedent()) {
            Term f = sf.formula();
            if (f.op() == Junctor.OR && f.sub(1).op() == Quantifier.EX && !mentions(f, LATER_HEAP) && !mentions(f, ANON)) {
                return sf;
            }
        }
        return null;
    }

    /** The Skolem constant a complete {@code exLeft} or {@code allRight} application introduces. */
    private static Term skolemConstant(TacletApp app) {
        SkolemTermSV sv = skolemVariable(app);
        if (sv == null) {
            throw new IllegalStateException(app.rule().name() + " has no Skolem constant");
        }
        return (Term) app.instantiations().getInstantiation(sv);
    }

    /** The schema variable of {@code app}'s Skolem constant, or null if it has none. */
    private static SkolemTermSV skolemVariable(TacletApp app) {
        for (Iterator<SchemaVariable> it = app.instantiations().svIterator(); it.hasNext(); ) {
            if (it.next() instanceof SkolemTermSV sv) {
                return sv;
            }
        }
        return null;
    }

    /** The constant named {@code name} (a call's result) in the antecedent of {@code s}, or null. */
    private static Term constantNamed(Sequent s, String name) {
        for (SequentFormula sf : s.antecedent()) {
            PosInOccurrence pio = findTerm(sf.formula(), new PosInOccurrence(sf, PosInTerm.getTopLevel(), true),
                    t -> t.arity() == 0 && t.op().name().toString().equals(name));
            if (pio != null) {
                return pio.subTerm();
            }
        }
        return null;
    }

    /**
     * The succedent's {@code holeBounded} rewritten by its definition (KeY's class axiom for the
     * model method); the goal as it is if the macros already did.
     */
    private Goal expandGap(Goal g) {
        for (SequentFormula sf : g.sequent().succedent()) {
            PosInOccurrence pio = findTerm(sf.formula(), new PosInOccurrence(sf, PosInTerm.getTopLevel(), false),
                    t -> t.op().name().toString().contains(GAP));
            if (pio == null) {
                continue;
            }
            TacletApp app = definitionAt(g, pio, GAP_DEFINITION);
            if (app != null) {
                return g.apply(app).head();
            }
        }
        return g;
    }

    /**
     * Auto mode on {@code g} with {@link #GAP_STEPS} steps, keeping what it leaves; then each goal
     * left to the SMT solver. True if the subtree closed; otherwise it is left for the caller to prune.
     */
    private boolean closeWithSolver(Goal g) throws Exception {
        if (!timeLeft()) {
            return false;
        }
        Node at = g.node();
        proof.getSettings().getStrategySettings().setMaxSteps(GAP_STEPS);
        env.getProofControl().startAndWaitForAutoMode(proof, ImmutableSLList.<Goal>nil().prepend(g));
        List<Goal> left = new ArrayList<>();
        for (Goal o : proof.getSubtreeGoals(at)) {
            left.add(o);
        }
        if (!timeLeft()) {
            return false;
        }
        ProofRunner.smt(proof, left);
        int open = proof.getSubtreeGoals(at).size();
        System.out.println("step 2g: auto mode left " + left.size() + " goal(s), " + ProofRunner.SOLVER + " closed " + (left.size() - open));
        return open == 0;
    }

    /**
     * The JML model method of a succedent formula {@code m(...) = TRUE} ({@code allocated}), or
     * null: not {@link #GAP}, which step 2g expands where its instances are in place, and not a
     * class invariant.
     */
    private String modelCall(Term f) {
        if (f.op() != Equality.EQUALS || !(f.sub(0).op() instanceof IObserverFunction)
                || !f.sub(1).equals(env.getServices().getTermBuilder().TRUE())) {
            return null;
        }
        String name = f.sub(0).op().name().toString();
        name = name.substring(name.lastIndexOf(':') + 1);
        return name.equals(GAP) || name.endsWith("<inv>") ? null : name;
    }

    /**
     * Step 2h: the succedent formula {@code m(...) = TRUE} of a JML model method {@code m}
     * ({@link #modelCall}) rewritten by its definition (KeY's class axiom
     * {@code Definition_axiom_for_m}) and simplified (one-step simplification): the formula it
     * becomes, or null if the axiom does not apply (class axioms off) or leaves no new formula.
     */
    private SequentFormula expandModel(Goal g, SequentFormula f) {
        PosInOccurrence pio = new PosInOccurrence(f, PosInTerm.getTopLevel(), false).down(0);
        TacletApp app = definitionAt(g, pio, DEFINITION + modelCall(f.formula()));
        if (app == null) {
            return null;
        }
        List<SequentFormula> before = formulas(g.sequent().succedent());
        ImmutableList<Goal> after = g.apply(app);
        SequentFormula rewritten = after.isEmpty() ? null : added(before, after.head().sequent().succedent());
        System.out.println("step 2h: " + app.rule().name() + (rewritten == null ? ": no formula left" : ": expanded"));
        if (rewritten == null) {
            return null;
        }
        SequentFormula simplified = simplify(after.head(), rewritten);
        return simplified == null ? rewritten : simplified;
    }

    /**
     * Step 2i: a succedent formula {@code m(args) = TRUE} ({@link #modelCall}) whose antecedent
     * has {@code m(args) = TRUE} with the same arguments at another heap (a model method that
     * reads no heap location, such as {@code Ulong.aligned}, after a store to the path bits): KeY's
     * dependency contract rule with that antecedent formula as its step, then a {@code tryclose}
     * of each goal it leaves ({@link #useDependency}). True if all closed; otherwise the goal is
     * left as it was.
     */
    private boolean byModelDependency(Goal goal, SequentFormula f) throws Exception {
        Term call = f.formula().sub(0);
        for (SequentFormula a : goal.sequent().antecedent()) {
            Term t = a.formula();
            if (t.op() == Equality.EQUALS && t.sub(0).op() == call.op() && t.sub(1).equals(f.formula().sub(1))
                    && !t.sub(0).sub(0).equals(call.sub(0)) && sameArguments(t.sub(0), call)) {
                Node at = goal.node();
                if (useDependency(goal, f, a)) {
                    System.out.println("step 2i: " + call.op().name() + ": closed by its dependency contract");
                    return true;
                }
                proof.pruneProof(at);
                return false;
            }
        }
        return false;
    }

    /** True if the observer terms {@code a} and {@code b} have the same arguments after the heap. */
    private static boolean sameArguments(Term a, Term b) {
        for (int i = 1; i < a.arity(); i++) {
            if (!a.sub(i).equals(b.sub(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The complete application at {@code pio} of the class axiom whose name starts with
     * {@code axiom} (a model method's definition), or null if there is none there.
     */
    private TacletApp definitionAt(Goal g, PosInOccurrence pio, String axiom) {
        for (TacletApp app : g.ruleAppIndex().getTacletAppAt(TacletFilter.TRUE, pio, env.getServices())) {
            if (app.rule().name().toString().startsWith(axiom)) {
                return completions(g, app).get(0);
            }
        }
        return null;
    }

    /** One-step simplification of the succedent formula {@code sf}: the formula it becomes, or null. */
    private SequentFormula simplify(Goal g, SequentFormula sf) {
        PosInOccurrence pio = new PosInOccurrence(sf, PosInTerm.getTopLevel(), false);
        for (IBuiltInRuleApp app : g.ruleAppIndex().getBuiltInRules(g, pio)) {
            if (app.rule() instanceof OneStepSimplifier) {
                List<SequentFormula> before = formulas(g.sequent().succedent());
                return added(before, g.apply(app).head().sequent().succedent());
            }
        }
        return null;
    }

    /**
     * Step 2e: the folded class invariant of another object {@code o}, read from a field at a
     * heap after stores ({@code self.tree.<inv>} after {@code free_vmap_cache = ...}). KeY's
     * class invariant axiom for it assumes {@code o = null} in the succedent, at that heap, and
     * one-step simplification does not put it there; so {@code cut} on {@code o = null}: the
     * branch with it in the antecedent gets a {@code tryclose}, the other one the axiom, and the
     * expanded invariant is proven as in step 2b, with the pairwise {@code allLeft} of step 2c
     * also on the pre-state formulas (the invariant at the heap after the stores is the pre-state
     * one, field by field). True if both branches closed. Before that, in step 2, the dependency
     * step ({@link #byDependency}) is tried; in step 3, the receiver rewrite
     * ({@link #rewriteReceiver}). A branch of the {@code cut} whose succedent no longer holds the
     * invariant is not closed here (met in a scratch search of session 38, where it ended the
     * search with a NullPointerException).
     */
    private boolean proveOtherInvariant(Goal goal, SequentFormula sf, boolean laterState) throws Exception {
        if (!laterState && byDependency(goal, sf)) {
            return true;
        }
        Node start = goal.node();
        SequentFormula rewritten = laterState ? rewriteReceiver(goal, sf) : null;
        Goal from = rewritten == null ? goal : proof.getSubtreeGoals(start).head();
        Term target = (rewritten == null ? sf : rewritten).formula();
        Term o = target.sub(1);
        Node at = from.node();
        TermBuilder tb = env.getServices().getTermBuilder();
        Term isNull = tb.equals(o, tb.NULL());
        cut(from, isNull);
        for (Goal branch : proof.getSubtreeGoals(at)) {
            if (find(branch.sequent().antecedent(), isNull) != null) {
                if (!tryClose(branch, steps)) {
                    return false;
                }
                continue;
            }
            SequentFormula inv = find(branch.sequent().succedent(), target);
            if (inv == null) {
                return false;
            }
            List<SequentFormula> before = formulas(branch.sequent().succedent());
            Node expandAt = branch.node();
            if (!expandInvariant(branch, new PosInOccurrence(inv, PosInTerm.getTopLevel(), false))) {
                return false;
            }
            Goal g = proof.getSubtreeGoals(expandAt).head();
            SequentFormula expanded = added(before, g.sequent().succedent());
            if (!(expanded == null ? tryClose(g, steps) : prove(g, expanded, laterState, true))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Step 3's receiver rewrite, for {@code o.<inv>} at a later heap with
     * {@code o = select(h, x, f)}: {@code cut} on {@code o = select(heap, x, f)}, the receiver read
     * in the pre-state (a {@code tryclose} of the calls' frames closes that branch), then
     * {@code applyEq} on the invariant's receiver, so that its expansion reads the same objects as
     * the callee's postcondition in the antecedent ({@code remove}'s, about {@code self.tree} read
     * before the call). Returns the rewritten formula, in the goal's only open descendant, or null
     * (the goal left as it was) if the rewrite did not apply.
     */
    private SequentFormula rewriteReceiver(Goal goal, SequentFormula sf) throws Exception {
        Term o = sf.formula().sub(1);
        TermBuilder tb = env.getServices().getTermBuilder();
        if (o.sub(0).equals(tb.getBaseHeap())) {
            return null;
        }
        Term t = tb.select(o.sort(), tb.getBaseHeap(), o.sub(1), o.sub(2));
        Term eq = tb.equals(o, t);
        Node at = goal.node();
        cut(goal, eq);
        Goal use = null;
        for (Goal branch : proof.getSubtreeGoals(at)) {
            if (find(branch.sequent().antecedent(), eq) != null) {
                use = branch;
            } else if (!tryClose(hideLargeExcept(branch, eq), steps)) {
                proof.pruneProof(at);
                return null;
            }
        }
        SequentFormula target = find(use.sequent().succedent(), sf.formula());
        PosInOccurrence pio = new PosInOccurrence(target, PosInTerm.getTopLevel().down(1), false);
        for (TacletApp app : use.ruleAppIndex().getTacletAppAt(TacletFilter.TRUE, pio, env.getServices())) {
            if (!app.rule().name().toString().equals("applyEq")) {
                continue;
            }
            for (TacletApp complete : completions(use, app)) {
                Node before = use.node();
                Goal after = use.apply(complete).head();
                for (SequentFormula rewritten : after.sequent().succedent()) {
                    if (rewritten.formula().op() == sf.formula().op() && rewritten.formula().sub(1).equals(t)) {
                        return rewritten;
                    }
                }
                proof.pruneProof(before);
            }
        }
        proof.pruneProof(at);
        return null;
    }

    /**
     * Step 2e's dependency step, for {@code o.<inv>} at a heap after stores or calls that do not
     * touch what it reads (VmapAreaTree's {@code accessible \inv} clause): {@code cut} on
     * {@code o.<inv>} at the base heap, proven by step 2e on its own branch; on the other branch,
     * KeY's dependency contract rule with that formula as its step (across an object creation,
     * the rule's own step: {@link #useDependency}), and a {@code tryclose} of each goal it leaves
     * (the locations it reads are unchanged). True if every branch closed;
     * otherwise the goal is left as it was. A branch in which the formula to prove is not found
     * in the succedent (session 38, as in {@link #proveOtherInvariant}) is not closed.
     */
    private boolean byDependency(Goal goal, SequentFormula sf) throws Exception {
        TermBuilder tb = env.getServices().getTermBuilder();
        if (sf.formula().sub(0).equals(tb.getBaseHeap())) {
            return false;
        }
        Term base = tb.inv(sf.formula().sub(1));
        Node at = goal.node();
        cut(goal, base);
        for (Goal branch : proof.getSubtreeGoals(at)) {
            SequentFormula step = find(branch.sequent().antecedent(), base);
            SequentFormula target = find(branch.sequent().succedent(), step == null ? base : sf.formula());
            boolean closed = target != null && (step == null
                    ? proveOtherInvariant(branch, target, false)
                    : useDependency(branch, target, step));
            if (!closed) {
                proof.pruneProof(at);
                return false;
            }
        }
        return true;
    }

    /**
     * KeY's dependency contract rule on the succedent formula {@code target} (on its left side
     * when it is a model method's {@code m(...) = TRUE}, step 2i), with the antecedent formula
     * {@code step} (or its left side) as its step ({@code UseDependencyContractApp} stays
     * incomplete unless the step is set), then a {@code tryclose} of each goal it leaves. True if
     * all closed. Across
     * an object creation ({@code new VmapArea}: the heap after it is {@code anon(h, empty, h')},
     * which changes only locations of objects not yet created in {@code h}) KeY's rule offers one
     * step of its own, that heap term ({@link #isHeap}): it is taken instead of {@code step}.
     */
    private boolean useDependency(Goal goal, SequentFormula target, SequentFormula step) throws Exception {
        PosInOccurrence pio = new PosInOccurrence(target, PosInTerm.getTopLevel(), false);
        if (target.formula().op() == Equality.EQUALS) {
            pio = pio.down(0);
        }
        for (IBuiltInRuleApp app : goal.ruleAppIndex().getBuiltInRules(goal, pio)) {
            if (!(app.rule() instanceof UseDependencyContractRule)) {
                continue;
            }
            UseDependencyContractApp dep = ((UseDependencyContractApp) app).tryToInstantiate(goal);
            for (PosInOccurrence candidate : UseDependencyContractRule.getSteps(dep.getHeapContext(), pio, goal.sequent(), env.getServices())) {
                if (isHeap(candidate.subTerm()) || candidate.isInAntec() && (candidate.subTerm().equals(step.formula())
                        || candidate.subTerm().equals(step.formula().sub(0)))) {
                    dep = dep.setIfInsts(ImmutableSLList.<PosInOccurrence>nil().prepend(candidate)).tryToInstantiate(goal);
                }
            }
            if (!dep.complete()) {
                return false;
            }
            Node at = goal.node();
            goal.apply(dep);
            for (Goal g : proof.getSubtreeGoals(at)) {
                if (!tryClose(g, steps)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private boolean isHeap(Term t) {
        return t.sort().equals(env.getServices().getTypeConverter().getHeapLDT().targetSort());
    }

    /** KeY's {@code cut} on {@code formula}: two branches, with it in the antecedent and in the succedent. */
    private void cut(Goal goal, Term formula) {
        applyWith(goal, goal.indexOfTaclets().lookup("cut"), formula);
    }

    /**
     * Applies {@code app} with its one uninstantiated schema variable set to {@code t} (the
     * formula of {@code cut}, the term of {@code allLeft} or {@code exRight}); the first new goal.
     */
    private Goal applyWith(Goal g, TacletApp app, Term t) {
        SchemaVariable sv = app.uninstantiatedVars().iterator().next();
        return g.apply(app.addCheckedInstantiation(sv, t, env.getServices(), true)).head();
    }

    /**
     * The complete instances of {@code app}, in KeY's order: each match of its {@code \assumes}
     * formulas in the sequent (just {@code app} if it is complete), with its remaining schema
     * variables instantiated ({@code tryToInstantiate}, e.g. the Skolem constant of
     * {@code allRight}); the ones that stay incomplete are dropped.
     *
     * <p>{@code tryToInstantiate} names a new Skolem constant after the environment's namespaces,
     * which do not hold the constants this proof has introduced: it can propose {@code k_0} when
     * the goal already has another constant {@code k_0}. KeY itself keeps the two apart (a term's
     * operator is an object, not a name), but a name is all that KeY's SMT translation and a saved
     * proof keep, so two constants with one name become one there (session 28: the SMT goal of
     * {@code free}'s PROP-HOLE case identified the slot of the freed area with the cache's). Such
     * a constant is renamed here to the first {@code name_N} that the goal does not use.
     */
    private List<TacletApp> completions(Goal g, TacletApp app) {
        List<TacletApp> out = new ArrayList<>();
        Iterable<TacletApp> matched = app.complete() ? List.of(app) : app.findIfFormulaInstantiations(g.sequent(), env.getServices());
        for (TacletApp m : matched) {
            TacletApp complete = m.complete() ? m : m.tryToInstantiate(env.getServices());
            if (complete != null && complete.complete() && !m.complete()) {
                complete = withFreshSkolemConstant(g, m, complete);
            }
            if (complete != null && complete.complete()) {
                out.add(complete);
            }
        }
        return out;
    }

    /**
     * {@code complete} ({@code incomplete} instantiated), or, if the Skolem constant it
     * introduces has the name of a constant already in {@code g}, {@code incomplete}
     * instantiated with a constant of a fresh name ({@link #completions}).
     */
    private TacletApp withFreshSkolemConstant(Goal g, TacletApp incomplete, TacletApp complete) {
        SkolemTermSV skolem = skolemVariable(complete);
        if (skolem == null) {
            return complete;
        }
        String name = ((Term) complete.instantiations().getInstantiation(skolem)).op().name().toString();
        Set<String> used = namesIn(g);
        if (!used.contains(name)) {
            return complete;
        }
        int n = 1;
        while (used.contains(name + "_" + n)) {
            n++;
        }
        return incomplete.createSkolemConstant(name + "_" + n, skolem, true, env.getServices())
                .tryToInstantiate(env.getServices());
    }

    /** The names of the operators in {@code g}'s sequent and of the functions of its local namespace. */
    private static Set<String> namesIn(Goal g) {
        Set<String> names = new HashSet<>();
        for (SequentFormula sf : g.sequent()) {
            sf.formula().execPreOrder(new DefaultVisitor() {
                @Override
                public void visit(Term t) {
                    names.add(t.op().name().toString());
                }
            });
        }
        for (var f : g.getLocalNamespaces().functions().allElements()) {
            names.add(f.name().toString());
        }
        return names;
    }

    /**
     * Before step 2c for the succedent formula {@code f}: in step 3 ({@code laterState}), if
     * {@code f} is about a later heap, the quantified pre-state formulas are hidden
     * ({@link #hidePreState}); then the conjunctions about later heaps are split.
     */
    private Goal prepare(Goal g, Term f, boolean laterState) {
        return splitLaterConjunctions(laterState && mentions(f, LATER_HEAP) ? hidePreState(g) : g);
    }

    /**
     * The folded class invariant of an object read from a field ({@code o.<inv>} with {@code o}
     * a {@code select}): not {@code self}, and not an argument such as {@code va}, whose
     * invariant step 2 proves as it is.
     */
    private static boolean otherInvariant(Term f) {
        return f.op() instanceof IObserverFunction && f.op().name().toString().endsWith("<inv>")
                && f.sub(1).op().name().toString().endsWith("::select");
    }

    /**
     * Step 2c: {@code allLeft} on each antecedent formula with a single {@code \forall}, with
     * each of {@code indices} of its sort, and on each pairwise one about a later heap (about any
     * heap if {@code pairsAnyHeap}, inside step 2e), with {@code constants} in order.
     */
    private Goal instantiate(Goal goal, List<Term> constants, List<Term> indices, boolean pairsAnyHeap) {
        Goal g = goal;
        for (SequentFormula post : quantified(g.sequent().antecedent())) {
            Term f = post.formula();
            if (f.sub(0).op() != Quantifier.ALL) {
                g = instantiateEach(g, post, indices);
            } else if ((pairsAnyHeap || mentions(f, LATER_HEAP)) && f.sub(0).sub(0).op() != Quantifier.ALL && constants.size() == 2
                    && constants.get(0).sort().equals(boundSort(f))
                    && constants.get(1).sort().equals(boundSort(f.sub(0)))) {
                List<SequentFormula> before = formulas(g.sequent().antecedent());
                g = instantiate(g, post, constants.get(0));
                g = instantiate(g, added(before, g.sequent().antecedent()), constants.get(1));
            }
        }
        return g;
    }

    /**
     * The second round of step 2c: the single-{@code \forall} formulas of {@code hypotheses}
     * instantiated with the indices that the instances added since then read, other than
     * {@code indices}.
     */
    private Goal instantiateRead(Goal g, List<SequentFormula> hypotheses, List<Term> indices) {
        List<Term> read = new ArrayList<>(indices);
        for (SequentFormula sf : g.sequent().antecedent()) {
            if (!hypotheses.contains(sf)) {
                collectIndices(sf.formula(), read);
            }
        }
        return instantiateSingle(g, quantified(hypotheses), read.subList(indices.size(), read.size()));
    }

    private static List<SequentFormula> quantified(Iterable<SequentFormula> formulas) {
        List<SequentFormula> list = new ArrayList<>();
        for (SequentFormula sf : formulas) {
            if (sf.formula().op() == Quantifier.ALL) {
                list.add(sf);
            }
        }
        return list;
    }

    /** allLeft on each single-quantifier formula of {@code quantified} with each of {@code indices} of its sort. */
    private Goal instantiateSingle(Goal goal, List<SequentFormula> quantified, List<Term> indices) {
        Goal g = goal;
        for (SequentFormula post : quantified) {
            if (post.formula().sub(0).op() != Quantifier.ALL) {
                g = instantiateEach(g, post, indices);
            }
        }
        return g;
    }

    /** allLeft on the single-quantifier formula {@code post} with each of {@code indices} of its sort. */
    private Goal instantiateEach(Goal goal, SequentFormula post, List<Term> indices) {
        Goal g = goal;
        for (Term t : indices) {
            if (t.sort().equals(boundSort(post.formula()))) {
                g = instantiate(g, post, t);
            }
        }
        return g;
    }

    private Goal instantiate(Goal g, SequentFormula quantified, Term t) {
        return applyWith(g, appAt(g, quantified, true, "allLeft"), t);
    }

    private static Sort boundSort(Term quantified) {
        return quantified.varsBoundHere(0).get(0).sort();
    }

    /**
     * The arguments of {@code arr(i)} in {@code t} without a bound variable: the array indices a
     * goal reads.
     */
    private static void collectIndices(Term t, List<Term> out) {
        if (t.op().name().toString().equals("arr") && t.sub(0).freeVars().isEmpty() && !containsModLabels(out, t.sub(0))) {
            out.add(t.sub(0));
        }
        for (int i = 0; i < t.arity(); i++) {
            collectIndices(t.sub(i), out);
        }
    }

    private static boolean containsModLabels(List<Term> terms, Term t) {
        for (Term u : terms) {
            if (u.equalsModProperty(t, TermLabelsProperty.TERM_LABELS_PROPERTY)) {
                return true;
            }
        }
        return false;
    }

    private static List<SequentFormula> formulas(Semisequent side) {
        List<SequentFormula> list = new ArrayList<>();
        for (SequentFormula sf : side) {
            list.add(sf);
        }
        return list;
    }

    /** The formula of {@code side} that is not in {@code before} (the one a rule just wrote). */
    private static SequentFormula added(List<SequentFormula> before, Semisequent side) {
        for (SequentFormula sf : side) {
            if (!before.contains(sf)) {
                return sf;
            }
        }
        return null;
    }

    /**
     * The first still folded class invariant of {@code self} ({@code self.<inv>}) in a succedent
     * formula, or null. Step 2 leaves such a formula to step 3, since {@code tryclose} does not
     * expand it and spends its whole budget on it. (An argument's invariant, such as
     * {@code va.<inv>} in a helper's precondition, stays in step 2: the argument's fields do not
     * change.)
     */
    private static PosInOccurrence invariantIn(SequentFormula sf) {
        return findInvariant(sf.formula(), new PosInOccurrence(sf, PosInTerm.getTopLevel(), false));
    }

    private static boolean hasSelfInvariant(Goal g) {
        for (SequentFormula sf : g.sequent().succedent()) {
            if (invariantIn(sf) != null) {
                return true;
            }
        }
        return false;
    }

    /** The class invariant axiom on the first {@code self.<inv>} in the succedent; false if there is none. */
    private boolean expandInvariant(Goal g) {
        for (SequentFormula sf : g.sequent().succedent()) {
            PosInOccurrence pio = invariantIn(sf);
            if (pio != null && expandInvariant(g, pio)) {
                return true;
            }
        }
        return false;
    }

    /** The class invariant axiom at {@code pio}; false if it does not apply there. */
    private boolean expandInvariant(Goal g, PosInOccurrence pio) {
        for (TacletApp app : g.ruleAppIndex().getTacletAppAt(TacletFilter.TRUE, pio, env.getServices())) {
            if (!app.rule().name().toString().startsWith("Class_invariant_axiom")) {
                continue;
            }
            List<TacletApp> complete = completions(g, app);
            if (!complete.isEmpty()) {
                g.apply(complete.get(0));
                return true;
            }
        }
        return false;
    }

    private static PosInOccurrence findInvariant(Term t, PosInOccurrence pio) {
        return findTerm(t, pio, u -> u.op() instanceof IObserverFunction && u.op().name().toString().endsWith("<inv>")
                && u.sub(1).op().name().toString().equals(SELF));
    }

    /** The position of the first subterm of {@code t} (at {@code pio}), depth first, that {@code is} accepts, or null. */
    private static PosInOccurrence findTerm(Term t, PosInOccurrence pio, Predicate<Term> is) {
        if (is.test(t)) {
            return pio;
        }
        for (int i = 0; i < t.arity(); i++) {
            PosInOccurrence found = findTerm(t.sub(i), pio.down(i), is);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Step 2a: {@code impLeft} on each antecedent implication whose premise is about the pre-state
     * (a helper contract case: its precondition implies its postcondition). The premise branch is
     * closed on its own, with the other large succedent formulas and the formulas about later
     * heaps hidden; returns the other branch, or null if a premise stays open.
     */
    private Goal dischargePremises(Goal goal) throws Exception {
        Goal g = goal;
        SequentFormula imp = nextImplication(g);
        while (imp != null) {
            List<SequentFormula> before = formulas(g.sequent().succedent());
            Node at = g.node();
            applyAt(g, imp, true, "impLeft");
            Goal rest = null;
            for (Goal branch : proof.getSubtreeGoals(at)) {
                SequentFormula premise = added(before, branch.sequent().succedent());
                if (premise == null) {
                    rest = branch;
                    continue;
                }
                if (!tryClose(hideLaterState(hideLargeExcept(branch, premise.formula())), steps)) {
                    return null;
                }
            }
            if (rest == null) {
                return null;
            }
            g = rest;
            imp = nextImplication(g);
        }
        return g;
    }

    private static SequentFormula nextImplication(Goal g) {
        for (SequentFormula sf : g.sequent().antecedent()) {
            Term f = sf.formula();
            if (f.op() == Junctor.IMP && !mentions(f.sub(0), LATER_HEAP)) {
                return sf;
            }
        }
        return null;
    }

    private Goal splitLaterConjunctions(Goal goal) {
        Goal g = goal;
        SequentFormula conj = laterConjunction(g);
        while (conj != null) {
            g = applyAt(g, conj, true, "andLeft");
            conj = laterConjunction(g);
        }
        return g;
    }

    private static SequentFormula laterConjunction(Goal g) {
        for (SequentFormula sf : g.sequent().antecedent()) {
            if (sf.formula().op() == Junctor.AND && mentions(sf.formula(), LATER_HEAP)) {
                return sf;
            }
        }
        return null;
    }

    /** {@code hide_right} on every large succedent formula but {@code keep}. */
    private Goal hideLargeExcept(Goal goal, Term keep) {
        Goal g = goal;
        List<Term> others = new ArrayList<>();
        for (SequentFormula sf : goal.sequent().succedent()) {
            if (large(sf.formula()) && !sf.formula().equals(keep)) {
                others.add(sf.formula());
            }
        }
        for (Term other : others) {
            g = applyAt(g, find(g.sequent().succedent(), other), false, "hide_right");
        }
        return g;
    }

    private static SequentFormula find(Semisequent side, Term t) {
        for (SequentFormula sf : side) {
            if (sf.formula().equals(t)) {
                return sf;
            }
        }
        return null;
    }

    /**
     * hide_left on each quantified antecedent formula that mentions no later heap and no value a
     * call returned (indexOf's uniqueness clause about {@code result_indexOf} stays: it says which
     * index the freed area had).
     */
    private Goal hidePreState(Goal goal) {
        return hideLeft(goal, sf -> hasQuantifier(sf.formula()) && !mentions(sf.formula(), LATER_HEAP)
                && !mentions(sf.formula(), ANON_HEAP) && !mentions(sf.formula(), CALL_RESULT));
    }

    /** hide_left on each antecedent formula about a later heap. */
    private Goal hideLaterState(Goal goal) {
        return hideLeft(goal, sf -> mentions(sf.formula(), LATER_HEAP));
    }

    /**
     * A goal that is not about a gap (no {@link #GAP} in its succedent: the class invariants,
     * the frame, a callee's precondition in {@code free}'s second case) gets the antecedent
     * formulas about gaps hidden: the precondition of PROP-HOLE, which such a goal does not need
     * and on whose instances auto mode would spend its steps.
     */
    private Goal hideGapHypotheses(Goal goal) {
        for (SequentFormula sf : goal.sequent().succedent()) {
            if (aboutGap(sf.formula())) {
                return goal;
            }
        }
        return hideLeft(goal, sf -> aboutGap(sf.formula()));
    }

    /**
     * A formula about a gap: {@link #GAP}, or its definition, which KeY's macros may already have
     * put in its place (the only {@code %} on {@code \bigint}, KeY's {@code jmod}, in the
     * contracts that step 2g proves).
     */
    private static boolean aboutGap(Term f) {
        return mentions(f, GAP) || mentions(f, JMOD);
    }

    /** hide_left on each quantified antecedent formula. */
    private Goal hideQuantifiedAntecedent(Goal goal) {
        return hideLeft(goal, sf -> hasQuantifier(sf.formula()));
    }

    private Goal hideLeft(Goal goal, Predicate<SequentFormula> hide) {
        Goal g = goal;
        for (SequentFormula sf : formulas(goal.sequent().antecedent())) {
            if (hide.test(sf)) {
                g = applyAt(g, find(g.sequent().antecedent(), sf.formula()), true, "hide_left");
            }
        }
        return g;
    }

    private TacletApp appAt(Goal g, SequentFormula sf, boolean antecedent, String taclet) {
        PosInOccurrence pio = new PosInOccurrence(sf, PosInTerm.getTopLevel(), antecedent);
        for (TacletApp app : g.ruleAppIndex().getTacletAppAt(TacletFilter.TRUE, pio, env.getServices())) {
            if (app.rule().name().toString().equals(taclet)) {
                return app;
            }
        }
        throw new IllegalStateException(taclet + " is not applicable");
    }

    /** Applies the named taclet at the top of {@code sf}; returns the (first) resulting goal. */
    private Goal applyAt(Goal g, SequentFormula sf, boolean antecedent, String taclet) {
        return g.apply(appAt(g, sf, antecedent, taclet)).head();
    }

    /**
     * A formula worth a {@code tryclose} of its own: quantified, about a later or anonymous heap,
     * or with an update or modality; never an equality atom such as
     * {@code self.starts@anon_heap_grow = null}, which would otherwise be tried alone with the
     * real goal hidden.
     */
    private static boolean large(Term f) {
        if (f.op() == Equality.EQUALS && !hasQuantifier(f)) {
            return false;
        }
        return hasQuantifier(f) || mentions(f, LATER_HEAP) || mentions(f, ANON) || otherInvariant(f)
                || f.op() instanceof UpdateApplication || f.op() instanceof Modality;
    }

    private static boolean hasQuantifier(Term t) {
        if (t.op() instanceof Quantifier) {
            return true;
        }
        for (int i = 0; i < t.arity(); i++) {
            if (hasQuantifier(t.sub(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Term t, String name) {
        if (t.op().name().toString().contains(name)) {
            return true;
        }
        for (int i = 0; i < t.arity(); i++) {
            if (mentions(t.sub(i), name)) {
                return true;
            }
        }
        return false;
    }
}
