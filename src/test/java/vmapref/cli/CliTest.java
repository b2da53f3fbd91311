package vmapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: output format, options, diff, and one test per class of bad input. */
class CliTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String TRACE = String.join("\n",
            "# a comment line",
            "alloc 4096 1 0x100000 0x200000",
            "",
            "alloc 8192 4096 1048576 0x200000   # trailing comment",
            "lazyfree 0x100000",
            "free 0x101000",
            "purge",
            "alloc 4096 1 0x100000 0x100000",
            "");

    @Test
    void replay_printsOneLinePerOperation() {
        Run r = run(TRACE, "replay", "-");
        assertEquals(Main.EXIT_OK, r.status);
        assertEquals("0x100000\n0x101000\nok\nok\nok\nEBUSY\n", r.out);
        assertEquals("", r.err);
    }

    @Test
    void replay_naiveEngineGivesTheFirstFitResults() {
        Run r = run(TRACE, "replay", "--engine", "naive", "-");
        assertEquals("0x100000\n0x101000\nok\nok\nok\nEBUSY\n", r.out);
    }

    @Test
    void replay_jsonHasOperationArgumentsResultPathsCacheGlobalsAndCounts() {
        Run r = run("alloc 4096 1 0x100000 0x200000\nlazyfree 0x100000\n", "replay", "--json", "-");
        String[] lines = r.out.split("\n");
        assertEquals(2, lines.length);
        assertEquals("{\"line\":1,\"op\":\"alloc\",\"size\":\"0x1000\",\"align\":\"0x1\",\"vstart\":\"0x100000\","
                + "\"vend\":\"0x200000\",\"result\":\"0x100000\",\"paths\":[\"RESET_NO_CACHE\",\"TREE_NO_FIRST\","
                + "\"FOUND\"],\"free_vmap_cache\":\"0x100000\",\"cached_hole_size\":\"0x0\","
                + "\"cached_vstart\":\"0x100000\",\"cached_align\":\"0x1\",\"vmap_lazy_nr\":0,\"live\":1,\"lazy\":0}",
                lines[0]);
        assertTrue(lines[1].contains("\"op\":\"lazyfree\",\"addr\":\"0x100000\",\"result\":\"ok\""));
        assertTrue(lines[1].endsWith("\"vmap_lazy_nr\":1,\"live\":0,\"lazy\":1}"));
    }

    @Test
    void replay_statePrintsTheFinalAreasAndGlobalsAsCommentLines() {
        Run r = run("alloc 4096 1 0x100000 0x200000\nalloc 4096 1 0x100000 0x200000\nlazyfree 0x101000\n",
                "replay", "--state", "-");
        assertEquals("0x100000\n0x100000\nok\n".replace("0x100000\n0x100000", "0x100000\n0x101000")
                + "# free_vmap_cache=0x101000 cached_hole_size=0x0 cached_vstart=0x100000 cached_align=0x1"
                + " vmap_lazy_nr=1 live=1 lazy=1\n"
                + "# area 0x100000 0x101000 live\n"
                + "# area 0x101000 0x102000 lazy\n", r.out);
    }

    @Test
    void replay_jsonStateIsOneFinalObject() {
        Run r = run("alloc 4096 1 0x100000 0x200000\n", "replay", "--json", "--state", "-");
        String last = r.out.split("\n")[1];
        assertTrue(last.startsWith("{\"state\":true,\"free_vmap_cache\":\"0x100000\""));
        assertTrue(last.endsWith("\"areas\":[{\"start\":\"0x100000\",\"end\":\"0x101000\",\"flags\":\"live\"}]}"));
    }

    @Test
    void replay_cpusRaisesTheLazyThreshold() {
        String t = "alloc 0x2001000 1 0x100000000 0x200000000\nlazyfree 0x100000000\n";
        assertTrue(run(t, "replay", "--json", "-").out.contains("\"vmap_lazy_nr\":0,\"live\":0,\"lazy\":0"));
        assertTrue(run(t, "replay", "--json", "--cpus", "2", "-").out.contains("\"vmap_lazy_nr\":8193"));
        assertTrue(run(t, "replay", "--json", "--cpus=2", "-").out.contains("\"vmap_lazy_nr\":8193"));
    }

    @Test
    void replay_acceptsExpectedResultsAndIgnoresThem() {
        Run r = run("alloc 4096 1 0x100000 0x200000 = 0x999000\nfree 0x100000 = ok\n", "replay", "-");
        assertEquals("0x100000\nok\n", r.out);
    }

    @Test
    void replay_readsAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.trace");
        Files.writeString(f, TRACE);
        assertEquals("0x100000\n0x101000\nok\nok\nok\nEBUSY\n", run("", "replay", f.toString()).out);
    }

    @Test
    void diff_reportsNoDivergenceWhenEveryExpectationMatches() {
        Run r = run("alloc 4096 1 0x100000 0x200000 = 0x100000\nalloc 4096 1 0x100000 0x200000\n"
                + "free 0x100000 = ok\nalloc 4096 1 0x100000 0x100000 = EBUSY\n", "diff", "-");
        assertEquals(Main.EXIT_OK, r.status);
        assertEquals("diff: 4 operations, 3 with an expected result, no divergence\n", r.out);
    }

    @Test
    void diff_stopsAtTheFirstDivergenceWithExpectedActualAndTheStateBefore(@TempDir Path dir) throws IOException {
        String t = "alloc 4096 1 0x100000 0x200000 = 0x100000\nalloc 4096 1 0x100000 0x200000 = 0x100000\n"
                + "alloc 4096 1 0x100000 0x200000 = 0x0\n";
        String expected = "diff: line 2: alloc 4096 1 0x100000 0x200000\n"
                + "  expected: 0x100000\n"
                + "  actual:   0x101000\n"
                + "  state just before line 2:\n"
                + "    free_vmap_cache=0x100000 cached_hole_size=0x0 cached_vstart=0x100000 cached_align=0x1"
                + " vmap_lazy_nr=0 live=1 lazy=0\n"
                + "    area 0x100000 0x101000 live\n";
        Run fromStdin = run(t, "diff", "-");
        assertEquals(Main.EXIT_DIVERGED, fromStdin.status);
        assertEquals(expected, fromStdin.out);
        Path f = dir.resolve("d.trace");
        Files.writeString(f, t);
        assertEquals(expected, run("", "diff", f.toString()).out);
    }

    @Test
    void help_printsUsageAndExitsZero() {
        Run r = run("", "--help");
        assertEquals(Main.EXIT_OK, r.status);
        assertTrue(r.out.startsWith("usage: vmapref replay"));
        assertTrue(r.out.contains("alloc SIZE ALIGN VSTART VEND"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|no command given",
        "frobnicate x|unknown command 'frobnicate'",
        "replay|no input given",
        "replay --bogus -|unknown option '--bogus'",
        "replay --cpus 0 -|--cpus must be a whole number",
        "replay --cpus x -|--cpus must be a whole number",
        "replay --cpus|--cpus needs a value",
        "replay --engine kernel -|--engine must be port or naive",
        "replay a b|more than one input given",
        "diff --json -|--json is an option of replay, not of diff",
        "replay --json=1 -|--json takes no value"})
    void usageErrors_printTheReasonAndTheUsageAndExit2(String args, String reason) {
        Run r = run("", args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(Main.EXIT_USAGE, r.status);
        assertTrue(r.err.startsWith("error: " + reason), r.err);
        assertTrue(r.err.contains("usage: vmapref replay"));
        assertEquals("", r.out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "frob 1|line 2: unknown operation 'frob' (expected alloc, free, lazyfree or purge)",
        "alloc 4096 1 0x100000|line 2: alloc needs 4 fields (alloc SIZE ALIGN VSTART VEND), got 3",
        "free|line 2: free needs 1 field (free ADDR), got 0",
        "purge now|line 2: extra field 'now' after purge",
        "free 0x100000 0x1|line 2: extra field '0x1' after free ADDR",
        "alloc 4k 1 0 1|line 2: SIZE '4k' is not a number (decimal, or hexadecimal with 0x)",
        "free -1|line 2: ADDR '-1' is not a number (decimal, or hexadecimal with 0x)",
        "free 0x|line 2: ADDR '0x' is not a number (decimal, or hexadecimal with 0x)",
        "free +5|line 2: ADDR '+5' is not a number (decimal, or hexadecimal with 0x)",
        "free 18446744073709551616|line 2: ADDR 18446744073709551616 does not fit in 64 bits (unsigned long)",
        "free 0x10000000000000000|line 2: ADDR 0x10000000000000000 does not fit in 64 bits (unsigned long)",
        "alloc 0 1 0 0x100000|line 2: alloc 0 1 0x0 0x100000: the kernel would hit BUG_ON(!size)",
        "alloc 100 1 0 0x100000|line 2: alloc 100 1 0x0 0x100000: the kernel would hit BUG_ON(offset_in_page(size))",
        "alloc 4096 3 0 0x100000|line 2: alloc 4096 3 0x0 0x100000: the kernel would hit BUG_ON(!is_power_of_2(align))",
        "free 0x500000|line 2: free: no area contains 0x500000",
        "free 0x100800|line 2: free: 0x100800 is inside the area [0x100000, 0x101000), not at its start",
        "alloc 4096 1 0 1 = 0x1000 = 0x2000|line 2: RESULT '0x1000 = 0x2000' is not a number (decimal, or hexadecimal with 0x)",
        "free 0x100000 = 0x1|line 2: expected result of free must be 'ok', not '0x1'",
        "= ok|line 2: '= RESULT' without an operation"})
    void badInput_reportsTheLineAndReasonAfterPrintingEarlierResults(String line, String message) {
        Run r = run("alloc 4096 1 0x100000 0x200000\n" + line + "\npurge\n", "replay", "-");
        assertEquals(Main.EXIT_BAD_INPUT, r.status);
        assertEquals("0x100000\n", r.out, "the first line's result is printed before the error");
        assertEquals("error: " + message + "\n", r.err);
    }

    @Test
    void badInput_freeingALazilyFreedAreaIsRejected() {
        Run r = run("alloc 4096 1 0x100000 0x200000\nlazyfree 0x100000\nfree 0x100000\n", "replay", "-");
        assertEquals(Main.EXIT_BAD_INPUT, r.status);
        assertEquals("error: line 3: free: the area at 0x100000 is already lazily freed (VM_LAZY_FREE) and waits"
                + " for a purge\n", r.err);
        Run twice = run("alloc 4096 1 0x100000 0x200000\nlazyfree 0x100000\nlazyfree 0x100000\n", "replay", "-");
        assertTrue(twice.err.startsWith("error: line 3: lazyfree: the area at 0x100000 is already lazily freed"));
    }

    @Test
    void badInput_anAreaBeingPurgedForeverIsNotLive() {
        Run r = run("alloc 0x100000000000 1 0xffffc90000000000 0xffffe8ffffffffff\nlazyfree 0xffffc90000000000\n"
                + "purge\nfree 0xffffc90000000000\n", "replay", "-");
        assertEquals("error: line 4: free: the area at 0xffffc90000000000 is already being purged (VM_LAZY_FREEING)\n",
                r.err);
    }

    @Test
    void badInput_postBugOnAndOutsideModelAreNamed() {
        Run bug = run("alloc 4096 1048576 0xfffffffffff01000 0xffffffffffffffff\n", "replay", "-");
        assertEquals(Main.EXIT_BAD_INPUT, bug.status);
        assertEquals("error: line 1: alloc 4096 1048576 0xfffffffffff01000 0xffffffffffffffff: the kernel would hit"
                + " BUG_ON(va->va_start < vstart)\n", bug.err);
        Run overlap = run("alloc 0xfffffffffffe0000 1 0 0xffffffffffffffff\nalloc 4096 1 0 0xffffffffffffffff\n"
                + "alloc 4096 0x100000 0 0xffffffffffffffff\n", "replay", "-");
        assertEquals(Main.EXIT_BAD_INPUT, overlap.status);
        assertTrue(overlap.err.startsWith("error: line 3: alloc 4096 1048576 0x0 0xffffffffffffffff: the kernel would"
                + " insert [0x0, 0x1000) over the area [0x0, 0xfffffffffffe0000) (ALIGN() wrapped past 2^64, finding"
                + " F-ALIGN-WRAP)"), overlap.err);
    }

    @Test
    void badInput_controlCharactersAndLongLinesGetAClearError() {
        Run ctl = run("free 0x1\u0000\n", "replay", "-");
        assertEquals("error: line 1: ADDR '0x1\\u0000' is not a number (decimal, or hexadecimal with 0x)\n", ctl.err);
        Run longLine = run("#" + "x".repeat(5000) + "\n", "replay", "-");
        assertEquals("error: line 1: line longer than 4096 characters\n", longLine.err);
        assertEquals(Main.EXIT_BAD_INPUT, longLine.status);
    }

    @Test
    void unreadableInput_exits4WithTheFileName() {
        Run r = run("", "replay", "/nonexistent/trace");
        assertEquals(Main.EXIT_IO, r.status);
        assertTrue(r.err.startsWith("error: /nonexistent/trace: "), r.err);
        assertFalse(r.err.contains("Exception"), "no stack trace or exception class names");
    }

    @Test
    void crLfLineEndingsAreAccepted() {
        assertEquals("0x100000\nok\n", run("alloc 4096 1 0x100000 0x200000\r\nfree 0x100000\r\n", "replay", "-").out);
    }
}
