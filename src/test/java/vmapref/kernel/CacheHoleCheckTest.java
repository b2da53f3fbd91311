package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PROP-HOLE check that the properties and the conformance test call after every operation
 * ({@link VmapAreaAllocator#checkCacheHole()}) is not vacuous: with the cache globals set by hand
 * (the kernel's own operations keep PROP-HOLE), each part of the property decides the result.
 * The state: areas {@code [V, V+P)} and {@code [V+2P, V+3P)} with the hole {@code [V+P, V+2P)}
 * between them, left by freeing the middle one of three.
 */
class CacheHoleCheckTest {
    static final long P = 4096;
    static final long V = 0x100000;

    final KernelHarness k = new KernelHarness();
    FreeVmapCache cache;

    @BeforeEach
    void threeAreasWithTheMiddleOneFreed() {
        k.alloc(P, 1, V, V + 0x100000);
        k.alloc(P, 1, V, V + 0x100000);
        k.alloc(P, 1, V, V + 0x100000);
        k.free(V + P);
        cache = k.allocator.cache;
        assertEquals(V, k.cache());
        assertEquals(0, cache.cachedHoleSize);
    }

    private void cacheTheTopArea() {
        cache.freeVmapCache = k.area(V + 2 * P);
    }

    @Test
    void aHoleAboveTheCacheIsNotBoundedByCachedHoleSize() {
        assertNull(k.allocator.checkCacheHole());
    }

    @Test
    void aHoleBelowTheCacheLongerThanCachedHoleSizeBreaksPROP_HOLE() {
        cacheTheTopArea();
        assertEquals("PROP-HOLE: free [0x101000, 0x102000) below free_vmap_cache is longer than cached_hole_size 0x0",
                k.allocator.checkCacheHole());
    }

    @Test
    void aHoleOfExactlyCachedHoleSizeKeepsPROP_HOLE() {
        cacheTheTopArea();
        cache.cachedHoleSize = P;
        assertNull(k.allocator.checkCacheHole());
        cache.cachedHoleSize = P - 1;
        assertEquals("PROP-HOLE: free [0x101000, 0x102000) below free_vmap_cache is longer than cached_hole_size 0xfff",
                k.allocator.checkCacheHole());
    }

    @Test
    void onlyTheHolesPartAtOrAboveCachedVstartCounts() {
        cacheTheTopArea();
        cache.cachedVstart = V + P + 0x800;
        assertEquals("PROP-HOLE: free [0x101800, 0x102000) below free_vmap_cache is longer than cached_hole_size 0x0",
                k.allocator.checkCacheHole());
        cache.cachedHoleSize = 0x800;
        assertNull(k.allocator.checkCacheHole());
        cache.cachedVstart = V + 2 * P;
        cache.cachedHoleSize = 0;
        assertNull(k.allocator.checkCacheHole());
    }

    @Test
    void onlyTheHolesPartFromAMultipleOfCachedAlignCounts() {
        cacheTheTopArea();
        cache.cachedAlign = 0x800;
        cache.cachedVstart = V + P + 1;
        assertEquals("PROP-HOLE: free [0x101800, 0x102000) below free_vmap_cache is longer than cached_hole_size 0x0",
                k.allocator.checkCacheHole());
        cache.cachedAlign = 2 * P;
        assertNull(k.allocator.checkCacheHole());
    }

    @Test
    void aDanglingCacheIsCheckedAgainstTheTreesAreasOnly() {
        KernelHarness h = new KernelHarness();
        h.alloc(3 * P, 1, V, V + 0x100000);
        h.alloc(P, 1, V + 4 * P, V + 0x100000);
        h.free(V + 4 * P);
        FreeVmapCache c = h.allocator.cache;
        c.freeVmapCache = new VmapArea(V + 8 * P, V + 9 * P);
        c.cachedHoleSize = 0;
        c.cachedVstart = V;
        assertNull(h.allocator.checkCacheHole(), "the freed area's stale slot beyond the tree is no area");
    }
}
