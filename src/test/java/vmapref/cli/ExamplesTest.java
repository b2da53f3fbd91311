package vmapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped examples (docs/examples/*.trace) replay to their committed outputs, so README's
 * main command and the user guide never go stale. These outputs are vmapref's, not the kernel's:
 * the kernel's own results are the conformance traces ({@link ConformanceTest}).
 */
class ExamplesTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("docs/examples"))) {
            return files.filter(p -> p.toString().endsWith(".trace")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleReplaysToItsCommittedOutput(Path trace) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"replay", trace.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Main.EXIT_OK, status);
        assertEquals(Files.readString(Paths.get(trace.toString().replace(".trace", ".expected"))),
                out.toString(StandardCharsets.UTF_8));
    }
}
