package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link VmapAreaAllocator} the way kernel callers do, recording the {@link KernelPath}s
 * of the last operation, and checks the representation invariants and PROP-HOLE after every call.
 */
final class KernelHarness {
    final VmapAreaAllocator allocator;
    final List<KernelPath> paths = new ArrayList<>();

    KernelHarness() {
        this(1);
    }

    KernelHarness(int cpus) {
        allocator = new VmapAreaAllocator(cpus);
        allocator.setPathListener(paths::add);
    }

    /** alloc_vmap_area; the area start, or -1 for EBUSY (never a valid start in these tests). */
    long alloc(long size, long align, long vstart, long vend) {
        paths.clear();
        VmapArea va = allocator.allocVmapArea(size, align, vstart, vend);
        invariants();
        return va == null ? -1 : va.vaStart;
    }

    VmapArea area(long start) {
        VmapArea va = allocator.findVmapArea(start);
        assertNotNull(va, "no area at 0x" + Long.toHexString(start));
        assertEquals(start, va.vaStart);
        return va;
    }

    void free(long start) {
        VmapArea va = area(start);
        paths.clear();
        allocator.freeVmapArea(va);
        invariants();
    }

    void lazyfree(long start) {
        VmapArea va = area(start);
        paths.clear();
        allocator.freeVmapAreaNoflush(va);
        invariants();
    }

    void purge() {
        paths.clear();
        allocator.purgeVmapAreaLazy();
        invariants();
    }

    void invariants() {
        assertNull(allocator.checkInvariants());
        assertNull(allocator.checkCacheHole());
    }

    long cache() {
        VmapArea c = allocator.freeVmapCache();
        return c == null ? -1 : c.vaStart;
    }

    int lazyNr() {
        return allocator.lazyPurge().vmapLazyNr();
    }
}
