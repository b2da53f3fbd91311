package vmapref.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import vmapref.cli.Main;
import vmapref.trace.Operation;
import vmapref.trace.TraceFormatException;
import vmapref.trace.TraceParser;

/**
 * Fuzzes the trace parser ({@link TraceParser}) and the command line ({@link Main#run}) with
 * arbitrary text and bytes, and with near-valid traces built from the format's own words: the
 * answer is always a valid parse or a line-numbered error ({@code error: line N: ...} with
 * {@code N} a line of the input), never an uncaught exception and never the internal-error status.
 */
class TraceParserFuzzTest {
    private static final Pattern LINE_ERROR = Pattern.compile("^error: line (\\d+): .+\\n$", Pattern.DOTALL);

    /** Words of the trace format, numbers at the edges of 64 bits, and junk. */
    @Provide
    Arbitrary<String> nearTraces() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("alloc", "free", "lazyfree", "purge", "ALLOC", "allocate")),
                Tuple.of(10, Arbitraries.of("4096", "1", "0", "0x1000", "0X1000", "0xffffc90000000000",
                        "0xffffffffffffffff", "18446744073709551615", "18446744073709551616", "0x10000000000000000",
                        "-1", "+4096", "0x", "00", "0x0g", "1e3", "٣", "０")),
                Tuple.of(3, Arbitraries.of("=", "= ok", "= EBUSY", "= 0x1000", "=0x", "= ok ok", "#", "# comment")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(6)));
        Arbitrary<String> separator = Arbitraries.of(" ", "  ", "\t", " \t ");
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("4096", "8192", "1", "0x100000", "0x200000", "0xffffc90000000000",
                        "0xffffe8ffffffffff")),
                Tuple.of(1, Arbitraries.longs().map(n -> "0x" + Long.toHexString(n))),
                Tuple.of(1, Arbitraries.longs().map(Long::toUnsignedString)));
        Arbitrary<String> valid = Arbitraries.frequencyOf(
                Tuple.of(4, number.list().ofSize(4).map(n -> "alloc " + String.join(" ", n))),
                Tuple.of(2, number.map(n -> "free " + n)),
                Tuple.of(2, number.map(n -> "lazyfree " + n)),
                Tuple.of(1, Arbitraries.just("purge")),
                Tuple.of(1, Arbitraries.of("", "# comment", "   ")));
        Arbitrary<String> annotated = Combinators.combine(valid, Arbitraries.of("", "", " = ok", " = EBUSY", " = 0x100000",
                " # note")).as(String::concat);
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(3, annotated),
                Tuple.of(2, word.list().ofMaxSize(7).flatMap(words -> separator.map(s -> String.join(s, words)))));
        Arbitrary<String> newline = Arbitraries.of("\n", "\r\n", "\r", "\n\n");
        return line.list().ofMaxSize(12).flatMap(lines -> newline.map(nl -> String.join(nl, lines)));
    }

    @Property
    @Label("TraceParser: valid operations or a line-numbered TraceFormatException, on near-valid traces")
    void parserAnswersEveryNearTrace(@ForAll("nearTraces") String text) throws IOException {
        parsesOrNamesALine(text);
    }

    @Property
    @Label("TraceParser: valid operations or a line-numbered TraceFormatException, on arbitrary text")
    void parserAnswersArbitraryText(@ForAll String text) throws IOException {
        parsesOrNamesALine(text);
    }

    @Property(tries = 200)
    @Label("TraceParser: an over-long line is a line-numbered error, not an out-of-memory")
    void parserRejectsOverlongLines(@ForAll("nearTraces") String prefix) throws IOException {
        String text = prefix + "\nalloc " + "1".repeat(TraceParser.MAX_LINE + 1) + "\n";
        int lastLine = linesOf(text);
        try {
            TraceParser parser = new TraceParser(new StringReader(text));
            while (parser.next() != null) {
                continue;
            }
        } catch (TraceFormatException e) {
            assertTrue(e.line() >= 1 && e.line() <= lastLine, e.getMessage());
            Statistics.collect(e.getMessage().contains("longer than") ? "over-long line reported" : "earlier line");
            return;
        }
        throw new AssertionError("an over-long line was accepted");
    }

    private static void parsesOrNamesALine(String text) throws IOException {
        int lastLine = linesOf(text);
        TraceParser parser = new TraceParser(new StringReader(text));
        int operations = 0;
        try {
            Operation op;
            while ((op = parser.next()) != null) {
                assertTrue(op.line() >= 1 && op.line() <= lastLine);
                assertEquals(op.kind().fields().length, op.args().length);
                assertNotNull(TraceParser.parseLine(op.text(), op.line()), "an operation's own text must parse");
                operations++;
            }
            Statistics.collect(operations == 0 ? "parsed, no operation" : "parsed operations");
        } catch (TraceFormatException e) {
            assertTrue(e.line() >= 1 && e.line() <= lastLine, "line " + e.line() + " of " + lastLine);
            assertTrue(e.getMessage().startsWith("line " + e.line() + ": "), e.getMessage());
            Statistics.collect("line-numbered error");
        }
    }

    /** The number of lines the parser can count in {@code text} ({@code \n} ends a line). */
    private static int linesOf(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(400)),
                Tuple.of(3, nearTraces().map(s -> s.getBytes(StandardCharsets.UTF_8))));
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return Arbitraries.of(List.of("replay", "-"), List.of("replay", "--json", "--state", "-"),
                List.of("replay", "--engine", "naive", "-"), List.of("diff", "-"), List.of("diff", "--engine=naive", "-"),
                List.of("replay", "--cpus", "4", "--state", "-"));
    }

    @Property
    @Label("vmapref CLI: any input ends with status 0, 1 (diff) or 3 and a line-numbered error, never 5")
    void cliAnswersEveryInput(@ForAll("commands") List<String> command, @ForAll("bytes") byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(command.toArray(new String[0]), new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String error = err.toString(StandardCharsets.UTF_8);
        Statistics.collect(status);
        if (status == Main.EXIT_OK || status == Main.EXIT_DIVERGED) {
            assertEquals("", error);
            return;
        }
        assertEquals(Main.EXIT_BAD_INPUT, status, error);
        Matcher m = LINE_ERROR.matcher(error);
        assertTrue(m.matches(), "not a line-numbered error: " + error);
        int line = Integer.parseInt(m.group(1));
        int lastLine = linesOf(new String(input, StandardCharsets.UTF_8));
        assertTrue(line >= 1 && line <= lastLine, "line " + line + " of " + lastLine);
    }

    @Property(tries = 300)
    @Label("vmapref CLI: every generated trace replays with one result line per operation, or stops at a BUG_ON")
    void cliReplaysGeneratedTraces(@ForAll("programs") Program program) {
        CheckedRun run = CheckedRun.of(program);
        String trace = String.join("\n", run.lines) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"replay", "-"}, new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] results = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        if (run.stoppedAtBug) {
            assertEquals(Main.EXIT_BAD_INPUT, status);
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: line " + run.lines.size() + ": "));
            assertEquals(run.lines.size() - 1, results.length - 1);
        } else {
            assertEquals(Main.EXIT_OK, status, err.toString(StandardCharsets.UTF_8));
            assertEquals(run.results, List.of(results).subList(0, results.length - 1));
        }
    }

    @Provide
    Arbitrary<Program> programs() {
        return Generators.programs();
    }
}
