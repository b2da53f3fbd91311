package vmapref.kernel;

/**
 * The free loop of {@code __purge_vmap_area_lazy} (mm/vmalloc.c, Linux v4.5) as a statement about
 * the verified core: {@code list_for_each_entry_safe(va, n_va, &valist, purge_list)
 * __free_vmap_area(va);} with the batch as an array instead of the linked {@code purge_list}.
 * Spec OP-PURGE-SEQ (spec/SPEC.md).
 *
 * <p>Not the port's code and not called by it: the port's loop is {@link LazyPurge#freeBatch},
 * which walks {@code purge_list} and also unlinks each area from {@code vmap_area_list} in the
 * shell. This class exists for its contracts, which say that {@link FreeVmapCache#free}'s proven
 * contract composes over a batch collected in address order: no member reaches the
 * {@code BUG_ON}, the tree's and the cache's invariants hold after every free, and the tree
 * shrinks by the batch's size. KeY proves them as a chain (since session 35): {@link #freeOne}
 * applies {@code free}'s first case, {@link #freeNext} (the loop's step) applies {@code freeOne},
 * and {@link #freeAll} (the loop) applies {@code freeNext}. {@code PurgeBatchLemmaTest} checks on
 * the port that the loop frees exactly what {@code LazyPurge.freeBatch} frees.
 */
final class PurgeBatchLemma {
    /** No instances: the class holds static lemmas only. */
    /*@ private normal_behavior
      @   assignable \nothing;
      @*/
    private PurgeBatchLemma() {
    }

    /**
     * One iteration: {@code __free_vmap_area(va)} for the member at index {@code slot} of the
     * tree. {@code slot} is not used by the code; it names the index in the contract, which is
     * {@link FreeVmapCache#free}'s first case with the index given instead of found.
     */
    /*@ normal_behavior
      @   requires cache != null && \invariant_for(cache) && va != null && \invariant_for(va);
      @   requires 0 <= slot && slot < cache.tree.count && cache.tree.areas[slot] == va;
      @   // implied by \invariant_for(cache); stated because the proof does not expand it
      @   requires cache.tree != null && cache.tree.areas != null && cache.tree.starts != null && cache.tree.ends != null
      @       && 0 <= cache.tree.count && cache.tree.count <= cache.tree.areas.length;
      @   ensures \invariant_for(cache);
      @   ensures cache.tree.count == \old(cache.tree.count) - 1;
      @   ensures (\forall int k; slot <= k && k < cache.tree.count; cache.tree.areas[k] == \old(cache.tree.areas[k + 1]));
      @   assignable cache.freeVmapCache, cache.paths, cache.tree.count, cache.tree.starts[*], cache.tree.ends[*], cache.tree.areas[*];
      @*/
    static void freeOne(FreeVmapCache cache, VmapArea va, int slot) {
        cache.free(va);
    }

    /**
     * The loop's step, {@link #freeAll}'s body: frees {@code valist[n]}, and its contract takes the
     * loop invariant from {@code n} to {@code n + 1}. Its precondition needs the batch's order only
     * from {@code n} on ({@code slots[n]} is the least of the slots still to come), which is what
     * the step uses: each later member's index is above the freed one, so it moves down by one.
     */
    /*@ normal_behavior
      @   requires cache != null && \invariant_for(cache) && valist != null && slots != null;
      @   requires slots.length == valist.length && valist != cache.tree.areas && 0 <= n && n < valist.length;
      @   requires cache.tree != null && cache.tree.areas != null && cache.tree.starts != null && cache.tree.ends != null
      @       && 0 <= cache.tree.count && cache.tree.count <= cache.tree.areas.length;
      @   requires (\forall int j; n <= j && j < valist.length; slots[n] <= slots[j]);
      @   requires (\forall int j; n <= j && j < valist.length;
      @       0 <= slots[j] + j - n && slots[j] + j - n < cache.tree.count && cache.tree.areas[slots[j] + j - n] == valist[j]
      @       && valist[j] != null && \invariant_for(valist[j]));
      @   ensures \invariant_for(cache);
      @   ensures cache.tree.count == \old(cache.tree.count) - 1;
      @   ensures (\forall int j; n + 1 <= j && j < valist.length;
      @       0 <= slots[j] + j - (n + 1) && slots[j] + j - (n + 1) < cache.tree.count && cache.tree.areas[slots[j] + j - (n + 1)] == valist[j]
      @       && valist[j] != null && \invariant_for(valist[j]));
      @   assignable cache.freeVmapCache, cache.paths, cache.tree.count, cache.tree.starts[*], cache.tree.ends[*], cache.tree.areas[*];
      @*/
    static void freeNext(FreeVmapCache cache, VmapArea[] valist, int[] slots, int n) {
        freeOne(cache, valist[n], slots[n]);
    }

    /**
     * The batch {@code valist} (ascending addresses, as the RCU scan collects it) freed lowest
     * first. {@code slots[j]} is the index of {@code valist[j]} when its turn comes, after the
     * {@code j} members below it are gone: its index in the tree before the loop, minus {@code j}.
     */
    /*@ normal_behavior
      @   requires cache != null && \invariant_for(cache) && valist != null && slots != null;
      @   requires slots.length == valist.length && valist != cache.tree.areas;
      @   // implied by \invariant_for(cache); stated because the proof does not expand it
      @   requires cache.tree != null && cache.tree.areas != null && cache.tree.starts != null && cache.tree.ends != null
      @       && 0 <= cache.tree.count && cache.tree.count <= cache.tree.areas.length;
      @   requires (\forall int j; 0 <= j && j < valist.length; valist[j] != null && \invariant_for(valist[j])
      @       && 0 <= slots[j] && slots[j] + j < cache.tree.count && cache.tree.areas[slots[j] + j] == valist[j]);
      @   // the members' indices before the loop increase: the batch is in address order
      @   requires (\forall int i, j; 0 <= i && i < j && j < valist.length; slots[i] <= slots[j]);
      @   ensures \invariant_for(cache);
      @   ensures cache.tree.count == \old(cache.tree.count) - valist.length;
      @   assignable cache.freeVmapCache, cache.paths, cache.tree.count, cache.tree.starts[*], cache.tree.ends[*], cache.tree.areas[*];
      @*/
    static void freeAll(FreeVmapCache cache, VmapArea[] valist, int[] slots) {
        /*@ loop_invariant 0 <= n && n <= valist.length && \invariant_for(cache);
          @ loop_invariant cache.tree.count == \old(cache.tree.count) - n;
          @ loop_invariant (\forall int j; n <= j && j < valist.length;
          @       0 <= slots[j] + j - n && slots[j] + j - n < cache.tree.count && cache.tree.areas[slots[j] + j - n] == valist[j]
          @       && valist[j] != null && \invariant_for(valist[j]));
          @ decreases valist.length - n;
          @ assignable cache.freeVmapCache, cache.paths, cache.tree.count, cache.tree.starts[*], cache.tree.ends[*], cache.tree.areas[*];
          @*/
        for (int n = 0; n < valist.length; n++) {
            freeNext(cache, valist, slots, n);
        }
    }
}
