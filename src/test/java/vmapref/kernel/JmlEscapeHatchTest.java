package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No escape hatches in the verified core's JML (issue 6, proofs/REPORT.md): no {@code assume}
 * statement, no {@code axiom}, no {@code requires false}, no {@code diverges} clause. Each would
 * let KeY close a proof on an unproven assumption. JML comments ({@code // ...} inside an
 * annotation) are not JML and are not checked.
 */
class JmlEscapeHatchTest {
    private static final Pattern FORBIDDEN =
            Pattern.compile("\\b(assume|axiom|diverges)\\b|\\brequires\\s+false\\b");
    private static final Path CORE = Paths.get("src/main/java/vmapref/kernel");

    /** The JML of a Java source, one entry per annotation line, without JML comments. */
    static List<String> jml(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines) {
            String text = null;
            String t = line.trim();
            if (inBlock) {
                text = t.startsWith("@") ? t.substring(1) : t;
            } else if (t.contains("/*@")) {
                text = t.substring(t.indexOf("/*@") + 3);
                inBlock = true;
            } else if (t.contains("//@")) {
                text = t.substring(t.indexOf("//@") + 3);
            }
            if (text == null) {
                continue;
            }
            if (inBlock && text.contains("@*/")) {
                text = text.substring(0, text.indexOf("@*/"));
                inBlock = false;
            } else if (inBlock && text.contains("*/")) {
                text = text.substring(0, text.indexOf("*/"));
                inBlock = false;
            }
            int comment = text.indexOf("//");
            out.add(comment >= 0 ? text.substring(0, comment) : text);
        }
        return out;
    }

    static List<String> escapeHatches(String file, List<String> lines) {
        List<String> found = new ArrayList<>();
        for (String annotation : jml(lines)) {
            if (FORBIDDEN.matcher(annotation).find()) {
                found.add(file + ": " + annotation.trim());
            }
        }
        return found;
    }

    @Test
    void theCoreJmlHasNoAssumeAxiomRequiresFalseOrDiverges() throws IOException {
        List<String> found = new ArrayList<>();
        int annotations = 0;
        List<Path> sources;
        try (Stream<Path> files = Files.list(CORE)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f);
            annotations += jml(lines).size();
            found.addAll(escapeHatches(f.getFileName().toString(), lines));
        }
        assertTrue(annotations > 200, "the scan found only " + annotations + " JML lines in " + CORE);
        assertEquals(List.of(), found);
    }

    @Test
    void theScanFindsEachEscapeHatchAndIgnoresJmlComments() {
        List<String> source = List.of(
                "    //@ assume x > 0;",
                "    /*@ normal_behavior",
                "      @   requires  false;",
                "      @   // KeY does not assume it: a comment, not JML",
                "      @   diverges true;",
                "      @*/",
                "    /*@ axiom 1 == 1; @*/",
                "    int x; // requires false in a Java comment is not JML");
        assertEquals(List.of("T.java: assume x > 0;", "T.java: requires  false;", "T.java: diverges true;",
                "T.java: axiom 1 == 1;"), escapeHatches("T.java", source));
    }
}
