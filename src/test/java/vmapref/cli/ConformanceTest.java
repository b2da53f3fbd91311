package vmapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
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
 * The 60 conformance traces of shared/conformance (src/test/resources/conformance, copied
 * unchanged), each with the output of the kernel's own v4.5 code: {@code vmapref replay} must
 * print exactly that, byte for byte.
 */
class ConformanceTest {
    static List<Path> traces() throws IOException, URISyntaxException {
        Path dir = Paths.get(ConformanceTest.class.getResource("/conformance").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".trace")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void replayPrintsTheKernelsOwnResults(Path trace) throws IOException {
        Path expected = Paths.get(trace.toString().replace(".trace", ".expected"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"replay", trace.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_OK, status);
        assertEquals(Files.readString(expected), out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void everyConformanceTraceKeepsTheInvariantsAndPROP_HOLEAfterEveryOperation(Path trace) throws Exception {
        vmapref.engine.PortEngine engine = new vmapref.engine.PortEngine(1);
        try (java.io.Reader r = Files.newBufferedReader(trace)) {
            vmapref.trace.TraceParser parser = new vmapref.trace.TraceParser(r);
            vmapref.trace.Operation op;
            int ops = 0;
            while ((op = parser.next()) != null) {
                Execution.run(engine, op);
                assertEquals(null, engine.allocator().checkInvariants(), "after line " + op.line());
                assertEquals(null, engine.allocator().checkCacheHole(), "after line " + op.line());
                ops++;
            }
            assertTrue(ops > 0);
        }
    }
}
