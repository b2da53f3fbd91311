package vmapref.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vmapref.cli.Main;
import vmapref.engine.EngineState;
import vmapref.engine.PortEngine;
import vmapref.kernel.KernelBug;
import vmapref.kernel.KernelPath;
import vmapref.kernel.VmapArea;

/**
 * Regression tests that pin the kernel-faithful result of every port/oracle disagreement the
 * fuzzer found (docs/findings.md, section "Sequential findings"), each with its minimal trace as
 * {@code vmapref replay} runs it, and the oracle's different answer. A change of these results is
 * a change of the port's fidelity, not a fix.
 */
class FindingsTest {
    /** The output of {@code vmapref <args> -} on {@code trace}: stdout, then stderr. */
    static String vmapref(String trace, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = new String[args.length + 1];
        System.arraycopy(args, 0, argv, 0, args.length);
        argv[args.length] = "-";
        Main.run(argv, new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void F_HOLE_EQ_aHoleOfExactlyCachedHoleSizeIsSkipped() {
        String trace = lines(
                "alloc 4096 8192 0x101000 0x200000",
                "alloc 8192 4096 0x101000 0x200000",
                "alloc 4096 4096 0x101000 0x200000");
        assertEquals(lines("0x102000", "0x103000", "0x105000"), vmapref(trace, "replay"));
        assertEquals(lines("0x102000", "0x103000", "0x101000"), vmapref(trace, "replay", "--engine", "naive"));

        PortEngine port = new PortEngine(1);
        port.alloc(4096, 8192, 0x101000, 0x200000);
        port.alloc(8192, 4096, 0x101000, 0x200000);
        assertEquals(4096, port.allocator().cachedHoleSize(), "the walk noticed the one-page hole at 0x101000");
        List<KernelPath> paths = new ArrayList<>();
        port.setPathListener(paths::add);
        assertEquals(0x105000, port.alloc(4096, 4096, 0x101000, 0x200000).getAsLong());
        assertTrue(paths.contains(KernelPath.CACHE_KEPT), "size == cached_hole_size keeps the cache: " + paths);
    }

    @Test
    void F_HOLE_EQ_theLeadsTraceAgrees() {
        String trace = lines(
                "alloc 4096 1 0x100000 0x200000",
                "alloc 4096 1 0x100000 0x200000",
                "alloc 4096 1 0x100000 0x200000",
                "free 0x101000",
                "alloc 8192 1 0x100000 0x200000",
                "alloc 4096 1 0x100000 0x200000");
        assertEquals(lines("0x100000", "0x101000", "0x102000", "ok", "0x103000", "0x105000"), vmapref(trace, "replay"));
        assertEquals(lines("0x100000", "0x101000", "0x102000", "ok", "0x103000", "0x101000"),
                vmapref(trace, "replay", "--engine", "naive"));
    }

    @Test
    void F_HOLE_EQ_canTurnIntoASpuriousEbusy() {
        String trace = lines(
                "alloc 4096 1 0x100000 0x104000",
                "alloc 4096 1 0x100000 0x104000",
                "free 0x100000",
                "alloc 8192 1 0x100000 0x104000",
                "alloc 4096 1 0x100000 0x104000");
        assertEquals(lines("0x100000", "0x101000", "ok", "0x102000", "EBUSY"), vmapref(trace, "replay"));
        assertEquals(lines("0x100000", "0x101000", "ok", "0x102000", "0x100000"),
                vmapref(trace, "replay", "--engine", "naive"));
    }

    @Test
    void F_ALIGN_WRAP_aHugeAlignmentInTheVmallocRangeHitsBugOn() {
        String trace = lines("alloc 4096 70368744177664 0xffffc90000000000 0xffffe8ffffffffff");
        assertEquals("error: line 1: alloc 4096 70368744177664 0xffffc90000000000 0xffffe8ffffffffff: the kernel would"
                + " hit BUG_ON(va->va_start < vstart)\n", vmapref(trace, "replay"));
        assertEquals(lines("EBUSY"), vmapref(trace, "replay", "--engine", "naive"));
    }

    @Test
    void F_ALIGN_WRAP_vstartAboveVendWrapsWithAFarAwayVend() {
        String trace = lines("alloc 4096 8192 0xfffffffffffff000 0x100000");
        assertEquals("error: line 1: alloc 4096 8192 0xfffffffffffff000 0x100000: the kernel would hit"
                + " BUG_ON(va->va_start < vstart)\n", vmapref(trace, "replay"));
        assertEquals(lines("EBUSY"), vmapref(trace, "replay", "--engine", "naive"));
    }

    @Test
    void F_ALIGN_WRAP_vstartZeroInsertsAnOverlappingArea() {
        String trace = lines(
                "alloc 18446744073709547520 1 0x0 0xffffffffffffffff",
                "alloc 4096 8192 0x0 0xffffffffffffffff");
        String out = vmapref(trace, "replay");
        assertTrue(out.startsWith("0x0\nerror: line 2: alloc 4096 8192 0x0 0xffffffffffffffff: the kernel would insert"
                + " [0x0, 0x1000) over the area [0x0, 0xfffffffffffff000)"), out);
        assertEquals(lines("0x0", "EBUSY"), vmapref(trace, "replay", "--engine", "naive"));
    }

    @Test
    void F_ALIGN_WRAP_anOverlappingInsertAboveVstartZeroHitsBugOn() {
        String trace = lines(
                "alloc 18446744073709547520 1 0x0 0xffffffffffffffff",
                "alloc 4096 8192 0x1000 0xffffffffffffffff");
        assertEquals("0x0\nerror: line 2: alloc 4096 8192 0x1000 0xffffffffffffffff: the kernel would hit"
                + " BUG_ON(va->va_start < vstart)\n", vmapref(trace, "replay"));
        assertEquals(lines("0x0", "EBUSY"), vmapref(trace, "replay", "--engine", "naive"));
    }

    /**
     * The walk's own {@code ALIGN(first->va_end, align)} wraps, not {@code ALIGN(vstart, align)}:
     * the area goes to 0, which is what a wrapped {@code ALIGN()} of a power-of-two alignment
     * gives (the form of BOUNDS tried in proofs/ATTEMPTS.md, session 46; checked on generated
     * traces by CheckedRun's OP-ALLOC-POST).
     */
    @Test
    void F_ALIGN_WRAP_aWrappedAlignOfAnAreasEndPlacesTheAreaAt0() {
        String trace = lines(
                "alloc 4096 1 0xffffffffffff0000 0xfffffffffffff000",
                "alloc 4096 65536 0xffffffffffff0000 0xfffffffffffff000");
        assertEquals("0xffffffffffff0000\nerror: line 2: alloc 4096 65536 0xffffffffffff0000 0xfffffffffffff000: the"
                + " kernel would hit BUG_ON(va->va_start < vstart)\n", vmapref(trace, "replay"));
        PortEngine port = new PortEngine(1);
        port.alloc(4096, 1, 0xffffffffffff0000L, 0xfffffffffffff000L);
        assertThrows(KernelBug.class, () -> port.alloc(4096, 65536, 0xffffffffffff0000L, 0xfffffffffffff000L));
        assertEquals(List.of(new EngineState.Area(0, 0x1000, 0),
                new EngineState.Area(0xffffffffffff0000L, 0xffffffffffff1000L, 0)), List.of(port.areas()));
    }

    @Test
    void F_NR_TRUNC_anAreaOf2pow32PagesIsNeverPurged() {
        String trace = lines(
                "alloc 17592186044416 4096 0xffffc90000000000 0xffffe8ffffffffff",
                "lazyfree 0xffffc90000000000",
                "alloc 17592186044416 4096 0xffffc90000000000 0xffffe8ffffffffff");
        assertEquals(lines("0xffffc90000000000", "ok", "EBUSY"), vmapref(trace, "replay"));
        assertEquals(lines("0xffffc90000000000", "ok", "0xffffc90000000000"), vmapref(trace, "replay", "--engine", "naive"));

        PortEngine port = new PortEngine(1);
        port.alloc(1L << 44, 4096, 0xffffc90000000000L, 0xffffe8ffffffffffL);
        port.lazyfree(0xffffc90000000000L);
        assertEquals(0, port.allocator().lazyPurge().vmapLazyNr(), "atomic_add of (int) 2^32 pages adds 0");
        List<KernelPath> paths = new ArrayList<>();
        port.setPathListener(paths::add);
        port.purge();
        assertEquals(List.of(KernelPath.PURGE_NOTHING), paths, "nr == 0: the batch is not freed");
        assertEquals(1, port.areas().length);
        assertEquals(VmapArea.VM_LAZY_FREEING, port.areas()[0].flags(), "stuck in VM_LAZY_FREEING");
        port.purge();
        assertEquals(1, port.areas().length, "no later purge collects it: it is no longer VM_LAZY_FREE");
    }

    @Test
    void S_AGREE_INCREASING_increasingVstartsDoNotForceTheTreePath() {
        String trace = lines(
                "alloc 4096 1 0x101000 0x200000",
                "alloc 12288 1 0x102000 0x200000",
                "alloc 4096 8192 0x103000 0x200000",
                "alloc 8192 1 0x104000 0x200000",
                "alloc 4096 1 0x105000 0x200000");
        assertEquals(lines("0x101000", "0x102000", "0x106000", "0x107000", "0x109000"), vmapref(trace, "replay"));
        assertEquals(lines("0x101000", "0x102000", "0x106000", "0x107000", "0x105000"),
                vmapref(trace, "replay", "--engine", "naive"));
        String json = vmapref(lines("alloc 4096 1 0x101000 0x200000", "alloc 12288 1 0x102000 0x200000"),
                "replay", "--json");
        assertTrue(json.split("\n")[1].contains("\"paths\":[\"CACHE_KEPT\""), "a larger vstart keeps the cache: " + json);
    }

    /** Every trace block of docs/findings.md replays exactly as the document says. */
    @Test
    void findingsDocTracesReplayAsDocumented() throws IOException {
        Path doc = Paths.get("docs", "findings.md");
        List<String> lines = Files.readAllLines(doc);
        String trace = null;
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).trim();
            if (!fence.startsWith("```") || fence.length() == 3) {
                continue;
            }
            String kind = fence.substring(3);
            StringBuilder body = new StringBuilder();
            for (i++; !lines.get(i).trim().equals("```"); i++) {
                body.append(lines.get(i)).append('\n');
            }
            if (kind.equals("trace")) {
                trace = body.toString();
            } else if (kind.equals("replay")) {
                assertEquals(body.toString(), vmapref(trace, "replay"), "vmapref replay of\n" + trace);
                checked++;
            } else if (kind.equals("naive")) {
                assertEquals(body.toString(), vmapref(trace, "replay", "--engine", "naive"),
                        "vmapref replay --engine naive of\n" + trace);
                checked++;
            }
        }
        assertFalse(checked < 10, "docs/findings.md has only " + checked + " checked outputs");
    }
}
