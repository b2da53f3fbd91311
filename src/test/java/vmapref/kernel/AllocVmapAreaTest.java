package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmapref.kernel.KernelPath.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per path of {@code alloc_vmap_area} (v4.5), named after the kernel branch and the spec
 * id (OP-ALLOC-*) it exercises. Addresses: a 1 MiB range at 1 MiB unless the path needs another.
 */
class AllocVmapAreaTest {
    static final long P = 4096;
    static final long V = 0x100000;
    static final long E = 0x200000;
    static final long TOP = 0xffffffffffffffffL;

    final KernelHarness k = new KernelHarness();

    @Test
    void resetNoCache_firstAllocationTakesTheTreePathOnAnEmptyTree() {
        assertEquals(V, k.alloc(P, 1, V, E));
        assertEquals(List.of(RESET_NO_CACHE, TREE_NO_FIRST, FOUND), k.paths);
        assertEquals(V, k.cache());
        assertEquals(0, k.allocator.cachedHoleSize());
        assertEquals(V, k.allocator.cachedVstart());
        assertEquals(1, k.allocator.cachedAlign());
    }

    @Test
    void cacheKept_sameParametersContinueRightAfterTheCachedArea() {
        k.alloc(P, 1, V, E);
        assertEquals(V + P, k.alloc(2 * P, 1, V, E));
        assertEquals(List.of(CACHE_KEPT, WALK_LAST, FOUND), k.paths);
        assertEquals(V + P, k.cache());
    }

    @Test
    void resetHoleSize_aRequestSmallerThanTheNoticedHoleRescansFromVstart() {
        for (int i = 0; i < 4; i++) {
            k.alloc(P, 1, V, E);
        }
        k.free(V + P);
        k.free(V + 2 * P);
        // cached path from V: the walk notices the two-page hole and lands at V + 4P
        assertEquals(V + 4 * P, k.alloc(3 * P, 1, V, E));
        assertEquals(2 * P, k.allocator.cachedHoleSize());
        assertEquals(V + P, k.alloc(P, 1, V, E));
        assertEquals(RESET_HOLE_SIZE, k.paths.get(0));
        assertEquals(0, k.allocator.cachedHoleSize(), "reset, and the hole that fitted was not noticed again");
    }

    @Test
    void resetVstart_aLowerVstartThanTheCachedOneResets() {
        k.alloc(P, 1, V + 0x10000, E);
        assertEquals(V, k.alloc(P, 1, V, E));
        assertEquals(List.of(RESET_VSTART, FOUND), k.paths);
        assertEquals(V, k.allocator.cachedVstart());
    }

    @Test
    void resetAlign_aSmallerAlignThanTheCachedOneResets() {
        k.alloc(P, 2 * P, V, E);
        assertEquals(V + P, k.alloc(P, P, V, E));
        assertEquals(RESET_ALIGN, k.paths.get(0));
        assertEquals(P, k.allocator.cachedAlign());
    }

    @Test
    void cachedGotoNocache_aCacheBelowVstartFallsBackToTheTreePath() {
        k.alloc(P, 1, V, E);
        long high = 0x300000;
        assertEquals(high, k.alloc(P, 1, high, high + 0x100000));
        assertEquals(List.of(CACHE_KEPT, CACHED_GOTO_NOCACHE, TREE_NO_FIRST, FOUND), k.paths);
        assertEquals(high, k.allocator.cachedVstart());
    }

    @Test
    void cachedWrapOverflow_addrPlusSizeWrapsFromTheCachedAreaAndStaysCachedAfterThePurge() {
        long vs = 0xfffffffffff00000L;
        assertEquals(vs, k.alloc(P, 1, vs, TOP));
        assertEquals(-1, k.alloc(0x100000, 1, vs, TOP));
        assertEquals(List.of(CACHE_KEPT, CACHED_WRAP_OVERFLOW, OVERFLOW_PURGE_RETRY, PURGE_NOTHING, CACHE_KEPT,
                CACHED_WRAP_OVERFLOW, OVERFLOW_EBUSY), k.paths);
        assertEquals(vs, k.cache(), "a failed attempt keeps the cache");
    }

    @Test
    void treeWrapOverflow_alignedVstartPlusSizeWraps() {
        assertEquals(-1, k.alloc(2 * P, 1, 0xfffffffffffff000L, TOP));
        assertEquals(List.of(RESET_NO_CACHE, TREE_WRAP_OVERFLOW, OVERFLOW_PURGE_RETRY, PURGE_NOTHING, RESET_NO_CACHE,
                TREE_WRAP_OVERFLOW, OVERFLOW_EBUSY), k.paths);
    }

    @Test
    void theLastPageBelow2to64CanNeverBeAllocated_vaEndWouldBe2to64() {
        long last = 0xfffffffffffff000L;
        assertEquals(-1, k.alloc(P, 1, last, TOP));
        assertEquals(last - P, k.alloc(P, 1, last - P, TOP));
    }

    @Test
    void treeDescentTie_anAreaEndingAtAddrAndOneStartingThereGiveTheSameWalk() {
        k.alloc(P, P, V, E);
        k.alloc(P, P, V, E);
        // align 1 < cached_align: tree path with addr = V + P, where [V, V+P) ends and [V+P, V+2P) starts
        assertEquals(V + 2 * P, k.alloc(P, 1, V + P, E));
        assertTrue(k.paths.contains(TREE_DESCENT_TIE));
        assertTrue(k.paths.contains(WALK_LAST));
    }

    @Test
    void walkWrapOverflow_alignOfTheLastAreasEndPlusSizeWraps() {
        long range = 0xffffffffffffc000L;
        assertEquals(range, k.alloc(3 * P, 1, range, TOP));
        assertEquals(-1, k.alloc(2 * P, 1, range - P, TOP));
        assertEquals(List.of(RESET_VSTART, HOLE_SIZE_UPDATED, WALK_WRAP_OVERFLOW, OVERFLOW_PURGE_RETRY, PURGE_NOTHING,
                RESET_NO_CACHE, HOLE_SIZE_UPDATED, WALK_WRAP_OVERFLOW, OVERFLOW_EBUSY), k.paths);
        assertEquals(P, k.allocator.cachedHoleSize(), "the failed scan leaves its hole size behind");
    }

    @Test
    void holeExactFit_theWalkStopsWhenTheRequestFillsTheHoleExactly() {
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.alloc(P, 1, V, E);
        k.free(V + P);
        assertEquals(V, k.cache(), "__free_vmap_area moved the cache to the predecessor");
        assertEquals(V + P, k.alloc(P, 1, V, E));
        assertEquals(List.of(CACHE_KEPT, HOLE_EXACT_FIT, FOUND), k.paths);
    }

    @Test
    void holeSizeUpdated_theWalkRecordsTheLargestHoleBelowTheNewArea() {
        for (int i = 0; i < 5; i++) {
            k.alloc(P, 1, V, E);
        }
        k.free(V + P);
        k.free(V + 3 * P);
        assertEquals(V + 5 * P, k.alloc(2 * P, 1, V, E));
        assertEquals(P, k.allocator.cachedHoleSize());
        assertEquals(List.of(CACHE_KEPT, HOLE_SIZE_UPDATED, WALK_LAST, FOUND), k.paths);
    }

    @Test
    void foundBeyondVend_aFullTinyRangeFailsAfterOnePurgeAndRetry() {
        k.alloc(P, 1, V, V + 2 * P);
        k.alloc(P, 1, V, V + 2 * P);
        assertEquals(-1, k.alloc(P, 1, V, V + 2 * P));
        assertEquals(List.of(CACHE_KEPT, FOUND_BEYOND_VEND, OVERFLOW_PURGE_RETRY, PURGE_NOTHING, CACHE_KEPT,
                FOUND_BEYOND_VEND, OVERFLOW_EBUSY), k.paths);
    }

    @Test
    void overflowPurgeRetry_aPurgeOfLazilyFreedAreasMakesTheRetrySucceed() {
        k.alloc(P, 1, V, V + P);
        k.lazyfree(V);
        assertEquals(V, k.alloc(P, 1, V, V + P));
        assertEquals(List.of(CACHE_KEPT, FOUND_BEYOND_VEND, OVERFLOW_PURGE_RETRY, FREE_CACHE_TO_PREV_NULL,
                PURGE_BATCH_FREED, RESET_NO_CACHE, TREE_NO_FIRST, FOUND), k.paths);
        assertEquals(0, k.lazyNr());
    }

    @Test
    void overflowPurgesOnlyOnce_aSecondFailureIsEbusyEvenWithLazyAreasLeft() {
        k.alloc(P, 1, V, V + P);
        assertEquals(-1, k.alloc(P, 1, V, V + P));
        assertEquals(1, k.paths.stream().filter(p -> p == OVERFLOW_PURGE_RETRY).count());
        assertEquals(OVERFLOW_EBUSY, k.paths.get(k.paths.size() - 1));
    }

    @Test
    void vendIsNeverCached_aTighterVendWithTheSameVstartUsesTheCache() {
        k.alloc(P, 1, V, E);
        assertEquals(V + P, k.alloc(P, 1, V, V + 2 * P));
        assertEquals(CACHE_KEPT, k.paths.get(0));
    }

    @Test
    void bugOnPreconditions_areReportedByName() {
        assertEquals("BUG_ON(!size)", assertThrows(KernelBug.class, () -> k.alloc(0, 1, V, E)).getMessage());
        assertEquals("BUG_ON(offset_in_page(size))",
                assertThrows(KernelBug.class, () -> k.alloc(P + 1, 1, V, E)).getMessage());
        assertEquals("BUG_ON(!is_power_of_2(align))",
                assertThrows(KernelBug.class, () -> k.alloc(P, 3, V, E)).getMessage());
        assertEquals("BUG_ON(!is_power_of_2(align))",
                assertThrows(KernelBug.class, () -> k.alloc(P, 0, V, E)).getMessage());
        assertEquals(0, k.allocator.tree().size(), "a failed precondition changes nothing");
        assertEquals(-1, k.cache());
    }

    @Test
    void alignWrapped_bugOnVaStartBelowVstartWhenTheTreePathAlignWrapsToZero() {
        KernelBug bug = assertThrows(KernelBug.class, () -> k.alloc(P, 0x100000, 0xfffffffffff01000L, TOP));
        assertEquals("BUG_ON(va->va_start < vstart)", bug.getMessage());
        assertTrue(k.paths.contains(ALIGN_WRAPPED));
        assertEquals(0, k.allocator.tree().start(0), "like the kernel, the area at 0 was inserted before the BUG_ON");
    }

    @Test
    void alignWrapped_anOverlappingInsertAtVstartZeroIsOutsideTheModel() {
        k.alloc(0xfffffffffffe0000L, 1, 0, TOP);
        k.alloc(P, 1, 0, TOP);
        OutsideModel e = assertThrows(OutsideModel.class, () -> k.alloc(P, 0x100000, 0, TOP));
        assertEquals(0, e.area.vaStart);
        assertEquals(0, e.existing.vaStart);
        assertTrue(k.paths.contains(ALIGN_WRAPPED));
        assertEquals(2, k.allocator.tree().size());
    }

    @Test
    void vstartAboveVend_isLegalAndFails() {
        assertEquals(-1, k.alloc(P, 1, E, V));
        assertFalse(k.paths.contains(FOUND));
    }

    @Test
    void realX86VmallocRange_allocatesFromVmallocStart() {
        long vmallocStart = 0xffffc90000000000L;
        long vmallocEnd = 0xffffe8ffffffffffL;
        assertEquals(vmallocStart, k.alloc(8 * P, 1, vmallocStart, vmallocEnd));
        assertEquals(vmallocStart + 0x200000, k.alloc(P, 0x200000, vmallocStart, vmallocEnd));
        assertEquals(vmallocStart + 8 * P, k.alloc(P, 1, vmallocStart, vmallocEnd));
        assertEquals(RESET_ALIGN, k.paths.get(0));
    }
}
