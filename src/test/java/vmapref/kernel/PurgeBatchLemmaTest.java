package vmapref.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * OP-PURGE-SEQ: {@link PurgeBatchLemma#freeAll}, the array form of the purge's free loop that
 * carries the JML contract, frees what the port's purge frees. Two allocators get the same
 * operations; one purges ({@code __purge_vmap_area_lazy}), the other has its batch collected by the
 * port's own scan ({@link LazyPurge#collectLazyAreas}) and freed by {@code freeAll}. The batch the
 * port collects satisfies the lemma's precondition, and the tree and the cache end up the same.
 * The order of the frees is not pinned: freeing the batch highest address first leaves the same
 * tree and cache in these runs, and the test compares only the final state.
 */
class PurgeBatchLemmaTest {
    static final long P = 4096;
    static final long VMALLOC_START = 0xffffc90000000000L;
    static final long VMALLOC_END = 0xffffe8ffffffffffL;

    @Test
    void opPurgeSeq_freeAllOnThePortsBatchEqualsThePurge() {
        int batches = 0;
        for (long seed = 0; seed < 300; seed++) {
            KernelHarness purged = new KernelHarness();
            KernelHarness lemma = new KernelHarness();
            Random random = new Random(seed);
            List<Long> live = new ArrayList<>();
            for (int op = 0; op < 40; op++) {
                if (live.isEmpty() || random.nextInt(3) > 0) {
                    long size = (1 + random.nextInt(8)) * P;
                    long align = random.nextBoolean() ? 1 : 4 * P;
                    long a = purged.alloc(size, align, VMALLOC_START, VMALLOC_END);
                    assertEquals(a, lemma.alloc(size, align, VMALLOC_START, VMALLOC_END));
                    live.add(a);
                } else {
                    long a = live.remove(random.nextInt(live.size()));
                    if (random.nextBoolean()) {
                        purged.lazyfree(a);
                        lemma.lazyfree(a);
                    } else {
                        purged.free(a);
                        lemma.free(a);
                    }
                }
            }
            batches += compare(purged, lemma, "seed " + seed);
        }
        assertTrue(batches >= 250, "only " + batches + " of 300 runs had a batch to free");
    }

    @Test
    void opPurgeSeq_aBatchBelowTheCacheMovesItDownAsThePurgeDoes() {
        KernelHarness purged = new KernelHarness();
        KernelHarness lemma = new KernelHarness();
        long[] a = new long[5];
        for (int i = 0; i < 5; i++) {
            a[i] = purged.alloc(P, 1, VMALLOC_START, VMALLOC_END);
            assertEquals(a[i], lemma.alloc(P, 1, VMALLOC_START, VMALLOC_END));
        }
        for (int i : new int[] {3, 1}) {
            purged.lazyfree(a[i]);
            lemma.lazyfree(a[i]);
        }
        assertEquals(2, compare(purged, lemma, "two lazy areas below the cache"));
        assertEquals(a[0], lemma.cache());
    }

    /** Purges one, frees the other's batch with the lemma; returns the batch size. */
    private static int compare(KernelHarness purged, KernelHarness lemma, String what) {
        VmapAreaTree tree = lemma.allocator.tree;
        int before = tree.size();
        LazyPurge.Batch batch = lemma.allocator.lazyPurge().collectLazyAreas();
        List<VmapArea> members = new ArrayList<>();
        for (VmapArea va = batch.head; va != null; va = va.purgeNext) {
            members.add(va);
        }
        VmapArea[] valist = members.toArray(new VmapArea[0]);
        int[] slots = new int[valist.length];
        for (int j = 0; j < valist.length; j++) {
            slots[j] = tree.indexOf(valist[j]) - j;
            assertTrue(slots[j] >= 0 && (j == 0 || slots[j - 1] <= slots[j]),
                    what + ": the port's batch is not in address order at member " + j);
        }
        PurgeBatchLemma.freeAll(lemma.allocator.cache, valist, slots);
        purged.purge();

        assertEquals(before - valist.length, tree.size(), what);
        VmapAreaTree expected = purged.allocator.tree;
        assertEquals(expected.size(), tree.size(), what);
        for (int i = 0; i < tree.size(); i++) {
            assertEquals(expected.start(i), tree.start(i), what + ": start of area " + i);
            assertEquals(expected.end(i), tree.end(i), what + ": end of area " + i);
        }
        assertEquals(purged.cache(), lemma.cache(), what + ": free_vmap_cache");
        return valist.length;
    }
}
