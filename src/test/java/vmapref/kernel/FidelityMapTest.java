package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/fidelity.md cannot drift from the code: every kernel statement that a row of its tables
 * maps to a Java file must be quoted in a {@code //} comment of that file.
 */
class FidelityMapTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern JAVA_FILE = Pattern.compile("`([A-Za-z]+\\.java)`");

    static String normalize(String s) {
        return s.replace("\\|", "|").replaceAll("\\s+", " ").trim();
    }

    static String commentText(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            int i = line.indexOf("//");
            if (i >= 0) {
                sb.append(' ').append(line.substring(i + 2));
            }
        }
        return normalize(sb.toString());
    }

    @Test
    void everyMappedKernelStatementIsQuotedInTheJavaFileItIsMappedTo() throws IOException {
        Path kernel = Paths.get("src/main/java/vmapref/kernel");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String row : Files.readAllLines(Paths.get("docs/fidelity.md"))) {
            if (!row.startsWith("| `")) {
                continue;
            }
            String[] cells = row.replace("\\|", "\u0001").split("\\|");
            Matcher file = JAVA_FILE.matcher(cells[2]);
            if (!file.find()) {
                continue;
            }
            String comments = commentText(kernel.resolve(file.group(1)));
            Matcher code = CODE.matcher(cells[1].replace('\u0001', '|'));
            while (code.find()) {
                checked++;
                if (!comments.contains(normalize(code.group(1)))) {
                    missing.add(file.group(1) + ": " + code.group(1));
                }
            }
        }
        assertTrue(missing.isEmpty(), "kernel statements not quoted in the Java: " + missing);
        assertTrue(checked >= 60, "only " + checked + " statements checked");
    }
}
