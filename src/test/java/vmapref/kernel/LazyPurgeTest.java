package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmapref.kernel.KernelPath.*;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@code lazy_max_pages}, {@code free_vmap_area_noflush} and {@code __purge_vmap_area_lazy}
 * (OP-LAZYFREE, OP-PURGE, INV-LAZY, ARITH-2).
 */
class LazyPurgeTest {
    static final long P = 4096;
    static final long VMALLOC_START = 0xffffc90000000000L;
    static final long VMALLOC_END = 0xffffe8ffffffffffL;

    final KernelHarness k = new KernelHarness();

    @Test
    void lazyMaxPages_isFlsOfTheCpuCountTimes8192() {
        long[][] cases = {{1, 8192}, {2, 16384}, {3, 16384}, {4, 24576}, {8, 32768}, {64, 57344}};
        for (long[] c : cases) {
            assertEquals(c[1], new VmapAreaAllocator((int) c[0]).lazyPurge().lazyMaxPages(), c[0] + " cpus");
        }
    }

    @Test
    void lazyfree_flagsTheAreaAndCountsItsPagesWithoutFreeingIt() {
        long a = k.alloc(16 * P, 1, VMALLOC_START, VMALLOC_END);
        k.lazyfree(a);
        assertEquals(16, k.lazyNr());
        assertEquals(VmapArea.VM_LAZY_FREE, k.area(a).flags());
        assertEquals(List.of(), k.paths, "no purge below the threshold");
        assertEquals(a + 16 * P, k.alloc(P, 1, VMALLOC_START, VMALLOC_END), "a lazy area keeps its space");
    }

    @Test
    void lazyThresholdCrossed_strictlyMoreThanLazyMaxPagesTriggersTheTryPurge() {
        long a = k.alloc(8192 * P, 1, VMALLOC_START, VMALLOC_END);
        long b = k.alloc(P, 1, VMALLOC_START, VMALLOC_END);
        k.lazyfree(a);
        assertEquals(8192, k.lazyNr(), "8192 pages is not more than lazy_max_pages()");
        assertEquals(List.of(), k.paths);
        k.lazyfree(b);
        assertEquals(List.of(LAZY_THRESHOLD_CROSSED, FREE_CACHE_TO_PREV_NULL, FREE_CACHE_NULL, PURGE_BATCH_FREED),
                k.paths);
        assertEquals(0, k.lazyNr());
        assertEquals(0, k.allocator.tree().size());
    }

    @Test
    void purgeBatchFreed_freesLazyAreasLowestAddressFirstAndLeavesLiveOnes() {
        long[] a = new long[5];
        for (int i = 0; i < 5; i++) {
            a[i] = k.alloc(P, 1, VMALLOC_START, VMALLOC_END);
        }
        k.lazyfree(a[3]);
        k.lazyfree(a[1]);
        k.purge();
        // ascending batch: a[1] first (below the cache a[4]: cache -> a[0]), then a[3] (above a[0]: kept)
        assertEquals(List.of(FREE_CACHE_TO_PREV, FREE_CACHE_KEPT, PURGE_BATCH_FREED), k.paths);
        assertEquals(a[0], k.cache());
        assertEquals(3, k.allocator.tree().size());
        assertEquals(0, k.lazyNr());
    }

    @Test
    void purgeNothing_aPurgeWithNoLazyAreaChangesNothing() {
        k.alloc(P, 1, VMALLOC_START, VMALLOC_END);
        k.purge();
        assertEquals(List.of(PURGE_NOTHING), k.paths);
        assertEquals(1, k.allocator.tree().size());
    }

    @Test
    void purgeTrylockBusy_theThresholdPurgeGivesUpWhilePurgeLockIsHeld() throws InterruptedException {
        long a = k.alloc(8193 * P, 1, VMALLOC_START, VMALLOC_END);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            k.allocator.lazyPurge().purgeLock().lock();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                k.allocator.lazyPurge().purgeLock().unlock();
            }
        });
        holder.start();
        held.await();
        k.lazyfree(a);
        release.countDown();
        holder.join();
        assertEquals(List.of(LAZY_THRESHOLD_CROSSED, PURGE_TRYLOCK_BUSY), k.paths);
        assertEquals(8193, k.lazyNr(), "nothing was purged: the area still waits");
        assertEquals(VmapArea.VM_LAZY_FREE, k.area(a).flags());
    }

    @Test
    void atomicAddTruncatesToInt_anAreaOf2to32PagesAddsNothingAndIsNeverPurged() {
        long size = 1L << 44; // 2^32 pages: 16 TiB, fits in the 32 TiB x86_64 vmalloc range
        long a = k.alloc(size, 1, VMALLOC_START, VMALLOC_END);
        assertEquals(VMALLOC_START, a);
        k.lazyfree(a);
        assertEquals(0, k.lazyNr(), "atomic_add((int) 2^32) adds 0");
        assertEquals(List.of(), k.paths, "0 is not above the threshold: no try-purge");
        k.purge();
        assertEquals(List.of(PURGE_NOTHING), k.paths, "int nr wrapped to 0: the batch is not freed");
        assertEquals(VmapArea.VM_LAZY_FREEING, k.area(a).flags(), "flagged as being purged, forever");
        k.purge();
        assertEquals(1, k.allocator.tree().size());
    }

    @Test
    void atomicReadComparesSignExtended_aNegativeCounterIsAboveTheThreshold() {
        long size = 1L << 43; // 2^31 pages: (int) 2^31 == Integer.MIN_VALUE
        long a = k.alloc(size, 1, VMALLOC_START, VMALLOC_END);
        k.lazyfree(a);
        assertTrue(k.paths.contains(LAZY_THRESHOLD_CROSSED), "(unsigned long) INT_MIN > 8192");
        assertEquals(0, k.lazyNr());
        assertEquals(0, k.allocator.tree().size());
    }
}
