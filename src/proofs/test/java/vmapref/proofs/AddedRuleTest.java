package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
