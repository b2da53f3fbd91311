package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vmapref.kernel.KernelPath.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per branch of {@code __free_vmap_area}'s cache update (OP-FREE-CACHE), plus
 * {@code __find_vmap_area} (OP-FIND) and the {@code BUG_ON} of a double free.
 */
class FreeVmapAreaTest {
    static final long P = 4096;
    static final long V = 0x100000;
    static final long E = 0x200000;

    final KernelHarness k = new KernelHarness();

    @Test
    void freeCacheToPrev_freeingTheCachedAreaCachesItsPredecessor() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.free(V + P);
        assertEquals(List.of(FREE_CACHE_TO_PREV), k.paths);
        assertEquals(V, k.cache());
    }

    @Test
    void freeCacheToPrev_freeingAnAreaBelowTheCacheCachesThatAreasPredecessor() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.free(V + P);
        assertEquals(List.of(FREE_CACHE_TO_PREV), k.paths);
        assertEquals(V, k.cache());
    }

    @Test
    void freeCacheToPrevNull_freeingTheLowestAreaAtOrBelowTheCacheClearsIt() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.free(V);
        assertEquals(List.of(FREE_CACHE_TO_PREV_NULL), k.paths);
        assertEquals(-1, k.cache());
    }

    @Test
    void freeCacheNull_aFreeWithNoCacheLeavesItNull() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.free(V);
        k.free(V + P);
        assertEquals(List.of(FREE_CACHE_NULL), k.paths);
        assertEquals(-1, k.cache());
    }

    @Test
    void freeCacheBelowVstart_anAreaEndingBelowCachedVstartClearsTheCache() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, 0x300000, 0x400000);
        k.free(V);
        assertEquals(List.of(FREE_CACHE_BELOW_VSTART), k.paths);
        assertEquals(-1, k.cache());
    }

    @Test
    void freeCacheBelowVstart_isStrict_anAreaEndingExactlyAtCachedVstartMovesTheCache() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V + P, E);
        k.free(V);
        assertEquals(List.of(FREE_CACHE_TO_PREV_NULL), k.paths, "va_end == cached_vstart is not below it");
    }

    @Test
    void freeCacheKept_freeingAnAreaAboveTheCacheLeavesIt() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.free(V + 2 * P);
        k.free(V + P);
        assertEquals(V, k.cache());
        k.alloc(P, 1, V + 0x80000, E);
        k.alloc(P, 1, V, E);
        assertEquals(V + P, k.cache());
        k.free(V + 0x80000);
        assertEquals(List.of(FREE_CACHE_KEPT), k.paths);
        assertEquals(V + P, k.cache());
    }

    @Test
    void freeNeverTouchesCachedHoleSizeOrCachedAlign() {
        for (int i = 0; i < 4; i++) {
            k.alloc(P, 1, V, E);
        }
        k.free(V + P);
        k.alloc(2 * P, 1, V, E);
        assertEquals(P, k.allocator.cachedHoleSize());
        k.free(V + 4 * P);
        k.free(V);
        assertEquals(P, k.allocator.cachedHoleSize());
        assertEquals(1, k.allocator.cachedAlign());
        assertEquals(V, k.allocator.cachedVstart());
    }

    @Test
    void findVmapArea_returnsTheAreaContainingTheAddressLazyOnesIncluded() {
        k.alloc(2 * P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.lazyfree(V + 2 * P);
        assertEquals(V, k.allocator.findVmapArea(V + P + 5).vaStart);
        assertEquals(V + 2 * P, k.allocator.findVmapArea(V + 2 * P).vaStart);
        assertNull(k.allocator.findVmapArea(V + 3 * P), "va_end is exclusive");
        assertNull(k.allocator.findVmapArea(V - 1));
    }

    @Test
    void bugOnRbEmptyNode_freeingAnAreaTwiceIsTheKernelsBugOn() {
        k.alloc(P, 1, V, E);
        VmapArea va = k.area(V);
        k.allocator.freeVmapArea(va);
        KernelBug bug = assertThrows(KernelBug.class, () -> k.allocator.freeVmapArea(va));
        assertEquals("BUG_ON(RB_EMPTY_NODE(&va->rb_node))", bug.getMessage());
    }
}
