package vmapref.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vmapref.engine.InvalidOperation;
import vmapref.engine.PortEngine;
import vmapref.kernel.KernelBug;
import vmapref.kernel.KernelPath;
import vmapref.kernel.VmapArea;
import vmapref.kernel.VmapAreaAllocator;

/**
 * Exact kernel paths of small traces for the branches whose reports the generated traces only
 * count (coverage statistics) and so cannot pin: the exact fit of a hole, the tree-descent tie,
 * and lookups when the tree's arrays are full. Found as surviving mutants by PIT
 * (docs/assurance.md).
 */
class KernelPathsTest {
    private final PortEngine port = new PortEngine(1);
    private final List<KernelPath> paths = new ArrayList<>();

    KernelPathsTest() {
        port.setPathListener(paths::add);
    }

    private long alloc(long size, long align, long vstart, long vend) {
        paths.clear();
        return port.alloc(size, align, vstart, vend).orElse(-1);
    }

    @Test
    void aRequestThatFillsAHoleExactlyReportsHOLE_EXACT_FIT() {
        alloc(0x1000, 1, 0x100000, 0x200000);
        alloc(0x1000, 1, 0x100000, 0x200000);
        port.free(0x100000);
        assertEquals(0x100000, alloc(0x1000, 1, 0x100000, 0x200000));
        assertEquals(List.of(KernelPath.RESET_NO_CACHE, KernelPath.HOLE_EXACT_FIT, KernelPath.FOUND), paths);
    }

    @Test
    void aRequestSmallerThanTheHoleDoesNotReportHOLE_EXACT_FIT() {
        alloc(0x2000, 1, 0x100000, 0x200000);
        alloc(0x1000, 1, 0x100000, 0x200000);
        port.free(0x100000);
        assertEquals(0x100000, alloc(0x1000, 1, 0x100000, 0x200000));
        assertEquals(List.of(KernelPath.RESET_NO_CACHE, KernelPath.FOUND), paths);
    }

    @Test
    void aHoleThatEndsBeyondVendIsNoExactFit() {
        alloc(0x1000, 1, 0x102000, 0x200000);
        assertEquals(-1, alloc(0x1000, 1, 0x101000, 0x101800));
        assertEquals(List.of(KernelPath.RESET_VSTART, KernelPath.FOUND_BEYOND_VEND, KernelPath.OVERFLOW_PURGE_RETRY,
                KernelPath.PURGE_NOTHING, KernelPath.RESET_NO_CACHE, KernelPath.FOUND_BEYOND_VEND,
                KernelPath.OVERFLOW_EBUSY), paths);
    }

    @Test
    void anAreaEndingWhereTheNextStartsAtAddrIsTheDescentTie() {
        alloc(0x1000, 1, 0x100000, 0x200000);
        alloc(0x1000, 1, 0x101000, 0x200000);
        alloc(0x1000, 1, 0x180000, 0x200000);
        assertEquals(0x102000, alloc(0x1000, 1, 0x101000, 0x200000));
        assertTrue(paths.contains(KernelPath.RESET_VSTART), paths.toString());
        assertTrue(paths.contains(KernelPath.TREE_DESCENT_TIE), paths.toString());
    }

    @Test
    void aFreedSuccessorIsNoDescentTie() {
        alloc(0x1000, 1, 0x100000, 0x200000);
        alloc(0x1000, 1, 0x101000, 0x200000);
        port.free(0x101000);
        assertEquals(-1, alloc(0x1000, 1, 0x300000, 0x300000), "fails, and caches vstart 0x300000");
        assertEquals(0x101000, alloc(0x1000, 1, 0x101000, 0x200000));
        assertFalse(paths.contains(KernelPath.TREE_DESCENT_TIE), paths.toString());
    }

    @Test
    void freeingAnAreaThatIsNotInAFullTreeIsTheRbEmptyNodeBug() {
        VmapAreaAllocator kernel = port.allocator();
        for (int i = 0; i < 16; i++) {
            alloc(0x1000, 1, 0x100000, 0x200000);
        }
        KernelBug bug = assertThrows(KernelBug.class, () -> kernel.freeVmapArea(new VmapArea(0x190000, 0x191000)));
        assertEquals("BUG_ON(RB_EMPTY_NODE(&va->rb_node))", bug.getMessage());
    }

    @Test
    void lookupsAboveAFullTreeFindNothing() {
        for (int i = 0; i < 16; i++) {
            alloc(0x1000, 1, 0x100000, 0x200000);
        }
        assertEquals(16, port.areas().length);
        assertThrows(InvalidOperation.class, () -> port.free(0x190000));
    }
}
