package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.uka.ilkd.key.java.Services;
import de.uka.ilkd.key.logic.Semisequent;
import de.uka.ilkd.key.logic.Sequent;
import de.uka.ilkd.key.logic.SequentFormula;
import de.uka.ilkd.key.logic.Term;
import de.uka.ilkd.key.logic.TermBuilder;
import de.uka.ilkd.key.proof.Proof;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which goals {@link ProofRunner#smt} keeps from the solver because of a char literal
 * ({@link ProofRunner#hasCharLiteral}), and the reason: KeY 2.12.3's SMT translation of such a goal
 * declares the symbol {@code u_#}, which SMT-LIB does not allow. If a KeY release translates char
 * literals, the last test fails and the check can go.
 */
class SmtGoalTest {
    private static Services services;
    private static TermBuilder tb;

    @BeforeAll
    static void load() throws Exception {
        services = SmallProgram.env().getServices();
        tb = services.getTermBuilder();
    }

    private static Sequent proving(Term formula) {
        SequentFormula sf = new SequentFormula(formula);
        return Sequent.createSuccSequent(Semisequent.EMPTY_SEMISEQUENT.insertFirst(sf).semisequent());
    }

    /** {@code C(97) = 97}: the char literal 'a' (KeY's {@code C} over the digits of {@code Z(97)}). */
    private static Sequent charGoal() {
        Term z = tb.zTerm(97);
        Term c = tb.func(services.getTypeConverter().getIntegerLDT().getCharSymbol(), z.sub(0));
        return proving(tb.equals(c, z));
    }

    @Test
    void findsACharLiteral() {
        assertTrue(ProofRunner.hasCharLiteral(charGoal(), services));
    }

    @Test
    void anIntegerLiteralIsNotOne() {
        assertFalse(ProofRunner.hasCharLiteral(proving(tb.equals(tb.zTerm(97), tb.zTerm(97))), services));
    }

    @Test
    void keysTranslationOfACharLiteralIsNotSmtLib() throws Exception {
        Proof proof = SmallProgram.proofOf("Calls.one().0");
        try {
            String text = ProofRunner.solverType().createTranslator()
                    .translateProblem(charGoal(), proof.getServices(), ProofRunner.smtSettings(proof)).toString();
            assertTrue(text.contains("(declare-fun u_# () U)"), text);
        } finally {
            proof.dispose();
        }
    }
}
