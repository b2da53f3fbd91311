package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The taclet that the runner adds to KeY 2.12.3 ({@link ProofRunner#ADDED_RULES_FILE}) is the
 * jar's own {@code bitwiseNegationLong} with only its find corrected: compared, whitespace aside,
 * with the taclet in the key.core jar on this classpath, after renaming it and binding
 * {@code #seLong} in its find. If a KeY release fixes its taclet, the second test fails and the
 * added rule should go.
 */
class AddedRuleTest {
    private static final String JAR_RULES = "/de/uka/ilkd/key/proof/rules/integerAssignment2UpdateRules.key";
    private static final Path ADDED = Path.of("proofs/rules", ProofRunner.ADDED_RULES_FILE);

    /** The text of taclet {@code name} in {@code rules}, from its name to its closing {@code };}, whitespace collapsed. */
    private static String taclet(String rules, String name) {
        int start = rules.indexOf(name + " {");
        assertTrue(start >= 0, "no taclet " + name);
        int end = rules.indexOf("};", start);
        return rules.substring(start, end + 2).replaceAll("\\s+", " ");
    }

    private static String jarRules() throws IOException {
        try (InputStream in = AddedRuleTest.class.getResourceAsStream(JAR_RULES)) {
            assertNotNull(in, JAR_RULES + " not on the classpath (key.core)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void addedRuleIsTheJarsRuleWithItsFindCorrected() throws IOException {
        String expected = taclet(jarRules(), "bitwiseNegationLong")
                .replace("bitwiseNegationLong {", ProofRunner.ADDED_RULE + " {")
                .replace("#loc = ~ #se;", "#loc = ~ #seLong;");
        assertEquals(expected, taclet(Files.readString(ADDED), ProofRunner.ADDED_RULE));
    }

    @Test
    void jarsRuleStillHasTheMismatch() throws IOException {
        String jar = taclet(jarRules(), "bitwiseNegationLong");
        assertTrue(jar.contains("#loc = ~ #se;") && jar.contains("javaBitwiseNegateLong(#seLong)"), jar);
    }

    @Test
    void schemaVariablesHaveTheJarsSorts() throws IOException {
        String jar = jarRules().replaceAll("\\s+", " ");
        String added = Files.readString(ADDED).replaceAll("\\s+", " ");
        for (String decl : new String[] {"\\program JavaLongExpression #seLong", "\\program Variable #loc",
            "\\modalOperator {diamond, box, diamond_transaction, box_transaction} #normalassign", "\\formula post"}) {
            assertTrue(jar.contains(decl), "jar: " + decl);
            assertTrue(added.contains(decl + ";"), "added: " + decl);
        }
    }

    /**
     * The second added taclet ({@link ProofRunner#MASK_RULES_FILE}) is an axiom, not a KeY rule:
     * it is the only taclet of its file, KeY's jar has no taclet of that name or any definition of
     * {@code andJlong}, and the cvc5 file that proves it names it.
     */
    @Test
    void maskRuleIsTheAxiomThatCvc5Checks() throws IOException {
        String mask = Files.readString(Path.of("proofs/rules", ProofRunner.MASK_RULES_FILE));
        assertEquals(1, mask.split(Pattern.quote("\\find("), -1).length - 1, "one taclet in " + ProofRunner.MASK_RULES_FILE);
        assertTrue(mask.contains(ProofRunner.MASK_RULE + " {"), mask);
        assertTrue(mask.contains("\\find(andJlong(t, m))") && mask.contains("-> andJlong(t, m) = sub(t, mod(t, neg(m)))"), mask);
        assertTrue(mask.contains("\\add(") && !mask.contains("\\replacewith"), "it adds an equation, it rewrites nothing");
        String lemma = Files.readString(Path.of("proofs/lemmas/and-mask.smt2"));
        assertTrue(lemma.contains(ProofRunner.MASK_RULE), "proofs/lemmas/and-mask.smt2 names the rule it checks");
        String jarIntRules;
        try (InputStream in = AddedRuleTest.class.getResourceAsStream("/de/uka/ilkd/key/proof/rules/binaryAxioms.key")) {
            assertNotNull(in, "binaryAxioms.key not on the classpath (key.core)");
            jarIntRules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(jarIntRules.contains("andJIntDef") && !jarIntRules.contains("andJlong"),
                "KeY defines & on int only; if a release defines it on long, the added rule should go");
    }

    /**
     * Each entry of {@link ProofRunner#ADDED_RULES} names a file of {@code proofs/rules/} that
     * defines its taclet, and its entry in a result's uses starts with {@link ProofRunner#ADDED},
     * which the report reads to list it as trusted, not as a contract.
     */
    @Test
    void everyAddedRuleIsDefinedByItsFile() throws IOException {
        assertEquals(2, ProofRunner.ADDED_RULES.size());
        for (ProofRunner.AddedRule rule : ProofRunner.ADDED_RULES) {
            String rules = Files.readString(Path.of("proofs/rules", rule.file()));
            assertTrue(rules.contains(rule.taclet() + " {"), rule.file() + " defines " + rule.taclet());
            assertTrue(rule.entry().startsWith(ProofRunner.ADDED) && rule.entry().contains("proofs/rules/" + rule.file()),
                    rule.entry());
        }
    }
}
