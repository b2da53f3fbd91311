package vmapref.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.logic.PosInOccurrence;
import de.uka.ilkd.key.logic.PosInTerm;
import de.uka.ilkd.key.logic.Semisequent;
import de.uka.ilkd.key.logic.SequentFormula;
import de.uka.ilkd.key.logic.Term;
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
import de.uka.ilkd.key.rule.TacletApp;
import org.key_project.util.collection.ImmutableList;
import org.key_project.util.collection.ImmutableSLList;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code focus} proof search ({@code ID.tactic=focus} in contracts.properties), for a contract
 * whose goals KeY's auto mode closes one at a time but not in one run: in one run it spends its
 * steps instantiating the quantified formulas of every state, in every goal, and never picks the
 * few instantiations that matter. Each step below is one of KeY's own macros or one rule of its
 * calculus, so the result is a KeY proof like any other: it is saved, and check mode replays it.
 * {@code hide_left}/{@code hide_right} only weaken a sequent, and instantiating a quantifier in
 * the antecedent only adds a consequence of it.
 * <ol>
 *   <li>finish symbolic execution ({@code FinishSymbolicExecutionMacro}), then {@code tryclose}
 *       on each goal alone with a small budget ({@link #QUICK_STEPS});</li>
 *   <li>{@code autopilot-prep} (splits the proof obligations), then, for each goal left,
 *       {@code tryclose} on each of its large succedent formulas alone (the other large ones
 *       hidden; atoms such as {@code self.ends = null} stay), except a still folded class
 *       invariant, which step 3 expands first;</li>
 *   <li>a goal still open with the class invariant at a later heap in its succedent: the class
 *       invariant axiom on it, {@code autopilot-prep} again, each helper-contract case in the
 *       antecedent ({@code pre -> post}, {@code pre} about the pre-state) split by {@code impLeft}
 *       with its premise closed on its own, then {@code tryclose} per large succedent formula as in
 *       step 2, with the quantified pre-state formulas of the antecedent hidden. For a pairwise
 *       formula ({@code \forall j; \forall i; ...}, spec INV-ORDER) the two quantifiers are first
 *       skolemised ({@code allRight}) and each pairwise postcondition of a helper about a later
 *       heap is instantiated ({@code allLeft}) with the same two constants: the one instance auto
 *       mode does not find.</li>
 * </ol>
 * Every later {@code tryclose} gets the contract's step budget; one that does not close is pruned back
 * by KeY, so a goal that stays open is reported as open.
 */
final class FocusTactic {
    private static final String LATER_HEAP = "heapAfter";
    /** The anonymous heap of a loop or call, and the function {@code anon} that builds heaps from it. */
    private static final String ANON = "anon";
    private static final String ANON_HEAP = "anon_heap";

    /**
     * Step limit of the macros that finish symbolic execution and prepare the goals (they stop at
     * it, so it bounds them, not the proof's budget).
     */
    private static final int MACRO_STEPS = 20000;
    /** Budget of the first {@code tryclose} round, which only takes the easy goals out of the way. */
    private static final int QUICK_STEPS = 2000;

    private final KeYEnvironment<?> env;
    private final Proof proof;
    private final int steps;

    private FocusTactic(KeYEnvironment<?> env, Proof proof, int steps) {
        this.env = env;
        this.proof = proof;
        this.steps = steps;
    }

    /** Runs the search on {@code proof}, {@code steps} rule applications per {@code tryclose}. */
    static void run(KeYEnvironment<?> env, Proof proof, int steps) throws Exception {
        new FocusTactic(env, proof, steps).search();
    }

    private void search() throws Exception {
        proof.getSettings().getStrategySettings().setMaxSteps(MACRO_STEPS);
        macro(new FinishSymbolicExecutionMacro(), proof.openGoals());
        for (Goal g : openGoals()) {
            tryClose(g, QUICK_STEPS);
        }
        macro(new AutoPilotPrepareProofMacro(), proof.openGoals());
        for (Goal g : openGoals()) {
            focus(g, false);
        }
        boolean expanded = false;
        for (Goal g : openGoals()) {
            expanded |= expandInvariant(g);
        }
        if (!expanded) {
            return;
        }
        macro(new AutoPilotPrepareProofMacro(), proof.openGoals());
        for (Goal g : openGoals()) {
            dischargePremises(g);
        }
        for (Goal g : openGoals()) {
            focus(g, true);
        }
    }

    private List<Goal> openGoals() {
        List<Goal> goals = new ArrayList<>();
        for (Goal g : proof.openGoals()) {
            goals.add(g);
        }
        return goals;
    }

    private void macro(AbstractProofMacro m, ImmutableList<Goal> goals) throws Exception {
        m.applyTo(env.getUi(), proof, goals, null, null);
    }

    private boolean tryClose(Goal g, int budget) throws Exception {
        Node at = g.node();
        macro(new TryCloseMacro(budget), ImmutableSLList.<Goal>nil().prepend(g));
        return proof.getSubtreeGoals(at).isEmpty();
    }

    /**
     * {@code tryclose} on each large succedent formula with the other large ones hidden; in step 3
     * ({@code laterState}) also with the quantified pre-state formulas hidden and pairwise formulas
     * instantiated.
     */
    private void focus(Goal goal, boolean laterState) throws Exception {
        Node at = goal.node();
        List<Term> large = new ArrayList<>();
        for (SequentFormula sf : goal.sequent().succedent()) {
            if (large(sf.formula()) && (laterState || invariantIn(sf) == null)) {
                large.add(sf.formula());
            }
        }
        for (Term keep : large) {
            Goal g = hideLargeExcept(proof.getSubtreeGoals(at).head(), keep);
            if (laterState) {
                g = hidePreState(g);
                if (keep.op() == Quantifier.ALL && keep.sub(0).op() == Quantifier.ALL) {
                    g = instantiatePairwise(g, find(g.sequent().succedent(), keep));
                }
            }
            if (tryClose(g, steps)) {
                return;
            }
            proof.pruneProof(at);
        }
    }

    /**
     * The first still folded class invariant ({@code <inv>}) in a succedent formula, or null. Step
     * 2 leaves such a formula to step 3, since {@code tryclose} does not expand it and spends its
     * whole budget on it.
     */
    private static PosInOccurrence invariantIn(SequentFormula sf) {
        return findInvariant(sf.formula(), new PosInOccurrence(sf, PosInTerm.getTopLevel(), false));
    }

    /** The class invariant axiom on the first {@code <inv>} in the succedent; false if there is none. */
    private boolean expandInvariant(Goal g) {
        for (SequentFormula sf : g.sequent().succedent()) {
            PosInOccurrence pio = invariantIn(sf);
            if (pio == null) {
                continue;
            }
            for (TacletApp app : g.ruleAppIndex().getTacletAppAt(TacletFilter.TRUE, pio, env.getServices())) {
                if (!app.rule().name().toString().startsWith("Class_invariant_axiom")) {
                    continue;
                }
                TacletApp complete = app;
                if (!complete.complete()) {
                    ImmutableList<TacletApp> withIf = complete.findIfFormulaInstantiations(g.sequent(), env.getServices());
                    complete = withIf.isEmpty() ? null : withIf.head();
                }
                if (complete != null && !complete.complete()) {
                    complete = complete.tryToInstantiate(env.getServices());
                }
                if (complete != null && complete.complete()) {
                    g.apply(complete);
                    return true;
                }
            }
        }
        return false;
    }

    private static PosInOccurrence findInvariant(Term t, PosInOccurrence pio) {
        if (t.op() instanceof IObserverFunction && t.op().name().toString().endsWith("<inv>")) {
            return pio;
        }
        for (int i = 0; i < t.arity(); i++) {
            PosInOccurrence found = findInvariant(t.sub(i), pio.down(i));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * {@code impLeft} on each antecedent implication whose premise is about the pre-state (a helper
     * contract case: its precondition implies its postcondition); the premise branch is closed on
     * its own (other large succedent formulas hidden), the other branch goes on.
     */
    private void dischargePremises(Goal goal) throws Exception {
        Goal g = goal;
        SequentFormula imp = nextImplication(g);
        while (imp != null) {
            Term premise = imp.formula().sub(0);
            Node at = g.node();
            applyAt(g, imp, true, "impLeft");
            Goal rest = null;
            for (Goal branch : proof.getSubtreeGoals(at)) {
                if (find(branch.sequent().succedent(), premise) == null) {
                    rest = branch;
                    continue;
                }
                tryClose(hideLargeExcept(branch, premise), steps);
            }
            if (rest == null) {
                return;
            }
            g = rest;
            imp = nextImplication(g);
        }
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

    /**
     * {@code allRight} twice on the pairwise succedent formula; {@code andLeft} on the antecedent
     * conjunctions about a later heap; then {@code allLeft} twice, with the two new constants in
     * the same order, on each pairwise antecedent formula about a later heap (a helper's
     * postcondition in the same shape, e.g. shiftDown's INV-ORDER after the shift).
     */
    private Goal instantiatePairwise(Goal goal, SequentFormula pairwise) {
        Goal g = goal;
        List<Term> constants = new ArrayList<>();
        SequentFormula sf = pairwise;
        for (int k = 0; k < 2; k++) {
            TacletApp app = appAt(g, sf, false, "allRight");
            if (!app.complete()) {
                app = app.tryToInstantiate(env.getServices());
            }
            g = g.apply(app).head();
            for (Iterator<SchemaVariable> it = app.instantiations().svIterator(); it.hasNext(); ) {
                SchemaVariable sv = it.next();
                if (sv instanceof SkolemTermSV) {
                    constants.add((Term) app.instantiations().getInstantiation(sv));
                }
            }
            sf = succedentQuantifier(g);
            if (k == 0 && sf == null) {
                return g;
            }
        }
        g = splitLaterConjunctions(g);
        List<SequentFormula> helperPosts = new ArrayList<>();
        for (SequentFormula a : g.sequent().antecedent()) {
            Term f = a.formula();
            if (f.op() == Quantifier.ALL && f.sub(0).op() == Quantifier.ALL && mentions(f, LATER_HEAP)) {
                helperPosts.add(a);
            }
        }
        for (SequentFormula post : helperPosts) {
            SequentFormula at = post;
            for (Term c : constants) {
                List<SequentFormula> before = new ArrayList<>();
                for (SequentFormula a : g.sequent().antecedent()) {
                    before.add(a);
                }
                TacletApp app = appAt(g, at, true, "allLeft");
                SchemaVariable term = app.uninstantiatedVars().iterator().next();
                g = g.apply(app.addCheckedInstantiation(term, c, env.getServices(), true)).head();
                for (SequentFormula a : g.sequent().antecedent()) {
                    if (!before.contains(a)) {
                        at = a;
                    }
                }
            }
        }
        return g;
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

    private static SequentFormula succedentQuantifier(Goal g) {
        for (SequentFormula sf : g.sequent().succedent()) {
            if (sf.formula().op() == Quantifier.ALL) {
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

    /** hide_left on each quantified antecedent formula that mentions no later heap. */
    private Goal hidePreState(Goal goal) {
        Goal g = goal;
        List<Term> pre = new ArrayList<>();
        for (SequentFormula sf : g.sequent().antecedent()) {
            Term f = sf.formula();
            if (hasQuantifier(f) && !mentions(f, LATER_HEAP) && !mentions(f, ANON_HEAP)) {
                pre.add(f);
            }
        }
        for (Term f : pre) {
            g = applyAt(g, find(g.sequent().antecedent(), f), true, "hide_left");
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

    /** A formula worth a {@code tryclose} of its own: quantified, about a later heap, or with an update or modality. */
    private static boolean large(Term f) {
        return hasQuantifier(f) || mentions(f, LATER_HEAP) || mentions(f, ANON)
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
