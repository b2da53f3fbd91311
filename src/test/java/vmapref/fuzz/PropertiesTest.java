package vmapref.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The sequential spec items of spec/SPEC.md as jqwik properties, one per spec id and named after
 * it, over generated traces ({@link Generators}) run on the port and the naive oracle by
 * {@link CheckedRun}. A failure prints the shrunk trace in the trace format, ready for
 * {@code vmapref replay}. The tries are jqwik's default (1000, {@code jqwik.tries.default}); the
 * {@code fuzz} Maven profile multiplies them by 100.
 */
class PropertiesTest {
    /** Every kernel path and derived event the generators must reach (checked by coverage). */
    static final List<String> REQUIRED_COVERAGE = List.of(
            "CACHE_KEPT", "RESET_NO_CACHE", "RESET_HOLE_SIZE", "RESET_VSTART", "RESET_ALIGN",
            "CACHED_GOTO_NOCACHE", "CACHED_WRAP_OVERFLOW", "TREE_WRAP_OVERFLOW", "TREE_NO_FIRST",
            "TREE_DESCENT_TIE", "ALIGN_WRAPPED", "HOLE_SIZE_UPDATED", "WALK_WRAP_OVERFLOW", "WALK_LAST",
            "HOLE_EXACT_FIT", "FOUND_BEYOND_VEND", "FOUND", "OVERFLOW_PURGE_RETRY",
            "OVERFLOW_PURGE_RETRY then FOUND", "OVERFLOW_EBUSY", "FREE_CACHE_NULL", "FREE_CACHE_BELOW_VSTART",
            "FREE_CACHE_TO_PREV", "FREE_CACHE_TO_PREV_NULL", "FREE_CACHE_KEPT", "LAZY_THRESHOLD_CROSSED",
            "PURGE_NOTHING", "PURGE_BATCH_FREED",
            "F-HOLE-EQ: placed above the first fit",
            "F-ALIGN-WRAP: BUG_ON(va->va_start < vstart)",
            "F-ALIGN-WRAP: BUG_ON(va->va_start < vstart) without a wrapped ALIGN(vstart): the area is at 0");

    @Provide
    Arbitrary<Program> programs() {
        return Generators.programs();
    }

    @Provide
    Arbitrary<Program> counterPrograms() {
        return Generators.counterPrograms();
    }

    @Provide
    Arbitrary<Program> lifoPrograms() {
        return Generators.lifoPrograms();
    }

    @Provide
    Arbitrary<Program> decreasingVstartPrograms() {
        return Generators.decreasingVstartPrograms();
    }

    private static CheckedRun holds(String specId, Program program) {
        CheckedRun run = CheckedRun.of(program);
        List<CheckedRun.Violation> broken = run.violationsOf(specId);
        if (!broken.isEmpty()) {
            fail(run.report(broken.get(0)));
        }
        return run;
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-NONEMPTY: every area has start < end")
    void INV_NONEMPTY(@ForAll("programs") Program program) {
        holds("INV-NONEMPTY", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-ORDER: the areas are sorted")
    void INV_ORDER(@ForAll("programs") Program program) {
        holds("INV-ORDER", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-DISJOINT: no two areas overlap")
    void INV_DISJOINT(@ForAll("programs") Program program) {
        holds("INV-DISJOINT", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-LIST: vmap_area_list is the tree in order")
    void INV_LIST(@ForAll("programs") Program program) {
        holds("INV-LIST", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-CACHE: free_vmap_cache is NULL or an area of the tree")
    void INV_CACHE(@ForAll("programs") Program program) {
        holds("INV-CACHE", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-LAZY: vmap_lazy_nr counts lazily freed pages mod 2^32")
    void INV_LAZY(@ForAll("programs") Program program) {
        holds("INV-LAZY", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("INV-LAZY with areas of 2^31 and 2^32 pages: the 32-bit counters, F-NR-TRUNC")
    void INV_LAZY_hugeAreas(@ForAll("counterPrograms") Program program) {
        CheckedRun run = holds("INV-LAZY", program);
        List<CheckedRun.Violation> purge = run.violationsOf("OP-PURGE-SEQ");
        if (!purge.isEmpty()) {
            fail(run.report(purge.get(0)));
        }
        for (String event : run.coverage) {
            Statistics.label("counter paths").collect(event);
        }
        Statistics.label("counter paths").coverage(coverage -> {
            coverage.check("F-NR-TRUNC: purge batch of 0 mod 2^32 pages not freed").count(n -> n >= 3);
            coverage.check("LAZY_THRESHOLD_CROSSED").count(n -> n >= 3);
            coverage.check("PURGE_BATCH_FREED").count(n -> n >= 3);
        });
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("PROP-HOLE: cached_hole_size bounds every usable hole below the cache")
    void PROP_HOLE(@ForAll("programs") Program program) {
        holds("PROP-HOLE", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("OP-ALLOC-POST: aligned, inside [vstart, vend], non-overlapping unless ALIGN() wrapped")
    void OP_ALLOC_POST(@ForAll("programs") Program program) {
        holds("OP-ALLOC-POST", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("OP-PURGE-SEQ: a purge frees every lazy area and no live one")
    void OP_PURGE_SEQ(@ForAll("programs") Program program) {
        holds("OP-PURGE-SEQ", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("LOCKING: every operation returns with vmap_area_lock and purge_lock released")
    void LOCKING(@ForAll("programs") Program program) {
        holds("LOCKING", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("PROP-PLACE: placement is the first fit unless the cache was kept with size == cached_hole_size")
    void PROP_PLACE(@ForAll("programs") Program program) {
        CheckedRun run = holds("PROP-PLACE", program);
        Statistics.label("trace end").collect(run.stoppedAtBug ? "BUG_ON (F-ALIGN-WRAP)" : "completed");
        Statistics.label("PROP-AGREE class").collect(run.agreeClass ? "whole trace" : "left it");
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("PROP-FAIL: EBUSY only without a first fit, or under F-HOLE-EQ")
    void PROP_FAIL(@ForAll("programs") Program program) {
        holds("PROP-FAIL", program);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("PROP-AGREE: port == oracle while no cache kept with size == chs, no ALIGN() wrap, no 2^31-page area")
    void PROP_AGREE(@ForAll("programs") Program program) {
        CheckedRun run = holds("PROP-AGREE", program);
        Statistics.label("allocations compared").collect(run.agreeCompared == 0 ? "0"
                : run.agreeCompared < 10 ? "1-9" : "10+");
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("PROP-AGREE class 1: one range, align <= PAGE_SIZE, allocs and LIFO frees")
    void PROP_AGREE_lifoClass(@ForAll("lifoPrograms") Program program) {
        CheckedRun run = holds("PROP-AGREE", program);
        assertFalse(run.stoppedAtBug, "a BUG_ON in PROP-AGREE's first class");
        assertEquals(true, run.agreeClass, "the trace left PROP-AGREE's class:\n" + run.traceText());
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("PROP-AGREE class 2 (corrected): strictly decreasing vstart, every call takes the tree path")
    void PROP_AGREE_decreasingVstartClass(@ForAll("decreasingVstartPrograms") Program program) {
        CheckedRun run = holds("PROP-AGREE", program);
        assertFalse(run.coverage.contains("CACHE_KEPT"), "an allocation kept the cache:\n" + run.traceText());
        assertEquals(true, run.agreeClass, "the trace left PROP-AGREE's class:\n" + run.traceText());
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Label("coverage: the generators reach every kernel path and every finding")
    void generatorsReachEveryKernelPath(@ForAll("programs") Program program) {
        CheckedRun run = CheckedRun.of(program);
        for (String event : run.coverage) {
            Statistics.label("kernel paths").collect(event);
        }
        Statistics.label("kernel paths").coverage(coverage -> {
            for (String event : REQUIRED_COVERAGE) {
                coverage.check(event).count(n -> n >= 3);
            }
        });
        if (!run.violations.isEmpty()) {
            fail(run.report(run.violations.get(0)));
        }
    }
}
