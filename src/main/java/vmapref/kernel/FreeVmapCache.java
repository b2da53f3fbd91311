package vmapref.kernel;

/**
 * {@code free_vmap_cache} and the {@code cached_*} globals of mm/vmalloc.c (Linux v4.5), with the
 * parts of {@code alloc_vmap_area} and {@code __free_vmap_area} that read and write them: the
 * sequential, lock-free core of the allocator. {@link VmapAreaAllocator} calls it with
 * {@code vmap_area_lock} held.
 *
 * <p>Every statement is preceded by the kernel line it implements; docs/fidelity.md maps them.
 * All values are C {@code unsigned long}: arithmetic wraps (Java {@code long}), comparisons go
 * through {@link Ulong}. Plain Java on arrays and fields: this class is in the verified core.
 * Spec ids: OP-ALLOC, OP-FREE, INV-CACHE, PROP-HOLE (spec/SPEC.md).
 *
 * <p>JML: unsigned comparisons are written in {@link Ulong}'s sign-split form (see there). The
 * class invariant is INV-CACHE plus the tree's invariants (INV-NONEMPTY, INV-ORDER); KeY's
 * results per method are in proofs/REPORT.md. PROP-HOLE is not part of the JML: it speaks about
 * every free interval below the cache, and proofs/REPORT.md says what its proof still lacks.
 */
public final class FreeVmapCache {
    /** Path bits recorded in {@link #paths}; {@link KernelPath} names them. */
    static final int P_CACHE_KEPT = 1;
    static final int P_RESET_NO_CACHE = 1 << 1;
    static final int P_RESET_HOLE_SIZE = 1 << 2;
    static final int P_RESET_VSTART = 1 << 3;
    static final int P_RESET_ALIGN = 1 << 4;
    static final int P_CACHED_GOTO_NOCACHE = 1 << 5;
    static final int P_CACHED_WRAP_OVERFLOW = 1 << 6;
    static final int P_TREE_WRAP_OVERFLOW = 1 << 7;
    static final int P_TREE_NO_FIRST = 1 << 8;
    static final int P_TREE_DESCENT_TIE = 1 << 9;
    static final int P_ALIGN_WRAPPED = 1 << 10;
    static final int P_HOLE_SIZE_UPDATED = 1 << 11;
    static final int P_WALK_WRAP_OVERFLOW = 1 << 12;
    static final int P_WALK_LAST = 1 << 13;
    static final int P_HOLE_EXACT_FIT = 1 << 14;
    static final int P_FOUND_BEYOND_VEND = 1 << 15;
    static final int P_FOUND = 1 << 16;
    static final int P_FREE_CACHE_NULL = 1 << 17;
    static final int P_FREE_CACHE_BELOW_VSTART = 1 << 18;
    static final int P_FREE_CACHE_TO_PREV = 1 << 19;
    static final int P_FREE_CACHE_TO_PREV_NULL = 1 << 20;
    static final int P_FREE_CACHE_KEPT = 1 << 21;

    /** {@code vmap_area_root}: the areas in address order. */
    final VmapAreaTree tree;

    /** {@code free_vmap_cache}: an area of {@link #tree}, or null (INV-CACHE). */
    /*@ nullable @*/ VmapArea freeVmapCache;
    /** {@code cached_hole_size}: see PROP-HOLE for what it promises. */
    long cachedHoleSize;
    /** {@code cached_vstart}: {@code vstart} of the last allocation attempt. */
    long cachedVstart;
    /** {@code cached_align}: {@code align} of the last allocation attempt. */
    long cachedAlign;

    /** The path bits of the last {@link #alloc} or {@link #free} call. */
    int paths;

    /*@ invariant tree != null && \invariant_for(tree);
      @ // INV-CACHE: free_vmap_cache is NULL or an area of the tree
      @ invariant freeVmapCache == null
      @     || (\exists int k; 0 <= k && k < tree.count; tree.areas[k] == freeVmapCache);
      @ // Java long range of the cached values (KeY does not assume it for heap values)
      @ invariant Long.MIN_VALUE <= cachedHoleSize && cachedHoleSize <= Long.MAX_VALUE
      @     && Long.MIN_VALUE <= cachedVstart && cachedVstart <= Long.MAX_VALUE
      @     && Long.MIN_VALUE <= cachedAlign && cachedAlign <= Long.MAX_VALUE;
      @ // what the invariants read: everything but the path bits
      @ accessible \inv: this.tree, this.freeVmapCache, this.cachedHoleSize, this.cachedVstart,
      @     this.cachedAlign, tree.*, tree.starts[*], tree.ends[*], tree.areas[*],
      @     (\infinite_union int i; 0 <= i && i < tree.count; tree.areas[i].*);
      @*/

    /*@ // PROP-HOLE for one gap [lo, hi), the free space between two neighbouring areas (lo = 0
      @ // below the lowest one): every start a in it that an allocation with the cached vstart and
      @ // align could use (a >= vstart, a a multiple of align) leaves a hole hi - a of at most
      @ // holeSize. All values unsigned, as \bigint. A model method, so that in KeY's goals a gap is
      @ // one predicate (proofs/README.md, step 2g of the focus search); it reads no heap location.
      @ public model_behaviour
      @   requires true;
      @   accessible \nothing;
      @ static model boolean holeBounded(long lo, long hi, long vstart, long align, long holeSize) {
      @   return (\forall \bigint a;
      @       (vstart < 0 ? vstart - 2 * (\bigint) Long.MIN_VALUE : (\bigint) vstart) <= a
      @       && a % (align < 0 ? align - 2 * (\bigint) Long.MIN_VALUE : (\bigint) align) == 0
      @       && (lo < 0 ? lo - 2 * (\bigint) Long.MIN_VALUE : (\bigint) lo) <= a
      @       && a < (hi < 0 ? hi - 2 * (\bigint) Long.MIN_VALUE : (\bigint) hi);
      @       (hi < 0 ? hi - 2 * (\bigint) Long.MIN_VALUE : (\bigint) hi) - a
      @           <= (holeSize < 0 ? holeSize - 2 * (\bigint) Long.MIN_VALUE : (\bigint) holeSize));
      @ }
      @*/

    /*@ // OP-ALLOC-CACHE: the kernel's retry: test (C's ||, unsigned compares), true when the
      @ // attempt starts afresh (nocache:). A model method, so that in alloc's proof (class axioms
      @ // off) the condition is one predicate, not a case split; it reads no heap location.
      @ public model_behaviour
      @   requires true;
      @   accessible \nothing;
      @ static model boolean resetCondition(boolean noCache, long size, long holeSize, long vstart,
      @         long cachedVstart, long align, long cachedAlign) {
      @   return noCache
      @       || (size < 0 ? (holeSize < 0 && size < holeSize) : (holeSize < 0 || size < holeSize))
      @       || (vstart < 0 ? (cachedVstart < 0 && vstart < cachedVstart) : (cachedVstart < 0 || vstart < cachedVstart))
      @       || (align < 0 ? (cachedAlign < 0 && align < cachedAlign) : (cachedAlign < 0 || align < cachedAlign));
      @ }
      @*/

    /*@ // OP-ALLOC-POST when an attempt returns the area va: [va_start, va_end) is size bytes, not
      @ // empty (no wrap), ends at or below vend (BOUNDS, upper), is cached and in the tree, which has
      @ // one area more than oldCount. A model method, so that alloc's proof (class axioms off) takes
      @ // it from walkToFound's and treePass's contracts as one predicate.
      @ public model_behaviour
      @   requires true;
      @   accessible va.vaStart, va.vaEnd, this.freeVmapCache, this.tree, tree.count, tree.areas,
      @       tree.areas[*];
      @ model boolean allocated(VmapArea va, long size, long vend, int oldCount) {
      @   return va.vaEnd == (long) (va.vaStart + size)
      @       && (va.vaStart < 0 ? (va.vaEnd < 0 && va.vaStart < va.vaEnd) : (va.vaEnd < 0 || va.vaStart < va.vaEnd)) && (va.vaEnd < 0 ? (vend < 0 && va.vaEnd <= vend) : (vend < 0 || va.vaEnd <= vend))
      @       && freeVmapCache == va && tree.count == oldCount + 1
      @       && (\exists int k; 0 <= k && k < tree.count; tree.areas[k] == va);
      @ }
      @*/

    /** The globals' initial values (spec INIT): no cache, all {@code cached_*} zero. */
    /*@ normal_behavior
      @   requires tree != null && \invariant_for(tree);
      @   ensures this.tree == tree && freeVmapCache == null && paths == 0;
      @   ensures cachedHoleSize == 0 && cachedVstart == 0 && cachedAlign == 0;
      @   assignable \nothing;
      @*/
    FreeVmapCache(VmapAreaTree tree) {
        this.tree = tree;
    }

    /**
     * One attempt of {@code alloc_vmap_area}: from {@code retry:} (lock held) up to
     * {@code found:} or {@code goto overflow}. Requires the three {@code BUG_ON} preconditions
     * ({@code size != 0}, page-aligned, {@code align} a power of two).
     *
     * @return the new area, inserted into the tree and cached; or null for {@code goto overflow}
     * @throws OutsideModel when the kernel would insert an area that overlaps another one
     */
    /*@ behavior
      @   // BUG_ON(!size) and BUG_ON(!is_power_of_2(align)) (arithmetic form: Ulong.powerOfTwo);
      @   // the postconditions do not need BUG_ON(offset_in_page(size)).
      @   requires size != 0;
      @   requires Ulong.powerOfTwo(align);
      @   requires tree.count < Integer.MAX_VALUE / 2;
      @   requires tree != null && \invariant_for(tree);
      @   // OP-ALLOC-CACHE: vstart and align are cached on every attempt
      @   ensures cachedVstart == vstart && cachedAlign == align;
      @   // OP-ALLOC-FOUND, OP-ALLOC-POST: BOUNDS (upper), a non-empty area, inserted and cached
      @   ensures \result != null ==> allocated(\result, size, vend, \old(tree.count));
      @   // OP-ALLOC-POST: ALIGNMENT
      @   ensures \result != null ==> Ulong.aligned(\result.vaStart, align);
      @   // goto overflow: the tree is unchanged
      @   ensures \result == null ==> tree.count == \old(tree.count)
      @       && (\forall int k; 0 <= k && k < tree.count; tree.areas[k] == \old(tree.areas[k]));
      @   // F-ALIGN-WRAP: the reference stops before the overlapping insert
      @   signals_only OutsideModel;
      @   signals (OutsideModel e) tree.count == \old(tree.count);
      @   assignable freeVmapCache, cachedHoleSize, cachedVstart, cachedAlign, paths, tree.count,
      @       tree.starts, tree.ends, tree.areas, tree.starts[*], tree.ends[*], tree.areas[*];
      @*/
    /*@ nullable @*/ VmapArea alloc(long size, long align, long vstart, long vend) {
        clearPaths();
        boolean reset = resetNeeded(size, align, vstart);
        long addr;
        int first;
        // At most two passes: after goto nocache the cache is NULL, so the second pass takes the
        // tree path, which returns. KeY's proof unwinds the loop (proofs/contracts.properties,
        // .loops=expand) instead of using a loop invariant.
        while (true) {
            if (reset) {
                // nocache: cached_hole_size = 0; free_vmap_cache = NULL;
                nocache();
            }
            // cached_vstart = vstart; cached_align = align;
            cacheAttempt(vstart, align);
            // if (free_vmap_cache) {
            if (freeVmapCache != null) {
                // first = rb_entry(free_vmap_cache, struct vmap_area, rb_node);
                first = cachedFirst();
                // addr = ALIGN(first->va_end, align);
                addr = alignTraced(tree.end(first), align);
                // if (addr < vstart) goto nocache;
                if (Ulong.lt(addr, vstart)) {
                    record(P_CACHED_GOTO_NOCACHE);
                    reset = true;
                    continue;
                }
                // if (addr + size < addr) goto overflow;
                if (Ulong.lt(addr + size, addr)) {
                    record(P_CACHED_WRAP_OVERFLOW);
                    return null;
                }
            } else {
                return treePass(size, align, vstart, vend);
            }
            break;
        }
        return walkToFound(addr, first, size, align, vend);
    }

    /**
     * The tree path of {@code alloc_vmap_area} (the {@code else} branch of {@code if
     * (free_vmap_cache)}, taken after {@code nocache:}) up to {@code found:} or {@code goto
     * overflow}: {@code addr = ALIGN(vstart, align)}, the overflow test, the descent for the lowest
     * area ending at or above {@code addr}, then {@code goto found} when there is none, else the walk
     * ({@link #walkToFound}). A method of its own so that {@link #alloc}'s proof applies one
     * contract for it; its postconditions are {@link #alloc}'s. Spec OP-ALLOC-TREE.
     */
    /*@ private behavior
      @   requires size != 0;
      @   requires tree != null && \invariant_for(tree);
      @   requires tree.count < Integer.MAX_VALUE / 2;
      @   requires Ulong.powerOfTwo(align);
      @   ensures \result != null ==> allocated(\result, size, vend, \old(tree.count));
      @   ensures \result != null ==> Ulong.aligned(\result.vaStart, align);
      @   ensures \result == null ==> tree.count == \old(tree.count)
      @       && (\forall int k; 0 <= k && k < tree.count; tree.areas[k] == \old(tree.areas[k]));
      @   signals_only OutsideModel;
      @   signals (OutsideModel e) tree.count == \old(tree.count);
      @   assignable freeVmapCache, cachedHoleSize, paths, tree.count,
      @       tree.starts, tree.ends, tree.areas, tree.starts[*], tree.ends[*], tree.areas[*];
      @*/
    private /*@ nullable @*/ VmapArea treePass(long size, long align, long vstart, long vend) {
        // addr = ALIGN(vstart, align);
        long addr = alignTraced(vstart, align);
        // if (addr + size < addr) goto overflow;
        if (Ulong.lt(addr + size, addr)) {
            record(P_TREE_WRAP_OVERFLOW);
            return null;
        }
        // n = vmap_area_root.rb_node; first = NULL;
        // while (n) { tmp = rb_entry(n, ...); if (tmp->va_end >= addr) { first = tmp;
        //     if (tmp->va_start <= addr) break; n = n->rb_left; } else n = n->rb_right; }
        int first = tree.lowestEndingAtOrAbove(addr);
        // if (!first) goto found;
        if (first < 0) {
            record(P_TREE_NO_FIRST);
            return found(addr, size, vend);
        }
        if (tree.isDescentTie(first, addr)) {
            record(P_TREE_DESCENT_TIE);
        }
        return walkToFound(addr, first, size, align, vend);
    }

    /**
     * From the chosen {@code first} to the end of the attempt: the walk ({@link #walk}), its
     * {@code goto overflow} (tested again here on the {@code addr} the walk returns), then
     * {@code found:}. A method of its own so that {@link #alloc}'s proof applies one contract
     * after the cached path; its postconditions are {@link #alloc}'s. Spec OP-ALLOC-WALK,
     * OP-ALLOC-FOUND.
     */
    /*@ private behavior
      @   requires size != 0 && 0 <= first && first < tree.count;
      @   requires tree != null && \invariant_for(tree);
      @   requires tree.count < Integer.MAX_VALUE / 2;
      @   requires Ulong.powerOfTwo(align) && Ulong.aligned(addr, align);
      @   ensures \result != null ==> allocated(\result, size, vend, \old(tree.count));
      @   ensures \result != null ==> Ulong.aligned(\result.vaStart, align);
      @   ensures \result == null ==> tree.count == \old(tree.count)
      @       && (\forall int k; 0 <= k && k < tree.count; tree.areas[k] == \old(tree.areas[k]));
      @   signals_only OutsideModel;
      @   signals (OutsideModel e) tree.count == \old(tree.count);
      @   assignable freeVmapCache, cachedHoleSize, paths, tree.count,
      @       tree.starts, tree.ends, tree.areas, tree.starts[*], tree.ends[*], tree.areas[*];
      @*/
    private /*@ nullable @*/ VmapArea walkToFound(long addr, int first, long size, long align, long vend) {
        // while (addr + size > first->va_start && addr + size <= vend) { ... }
        addr = walk(addr, first, size, align, vend);
        // the walk's goto overflow: if (addr + size < addr)
        if (Ulong.lt(addr + size, addr)) {
            return null;
        }
        return found(addr, size, vend);
    }

    /**
     * The walk of {@code alloc_vmap_area}, from the chosen {@code first} up to {@code found:} or
     * {@code goto overflow}: returns the {@code addr} that reaches {@code found:}, or, on
     * {@code goto overflow}, the {@code addr} whose {@code addr + size} wrapped, which
     * {@link #walkToFound} tests again. Spec OP-ALLOC-WALK. Its contract says only what {@link #alloc}'s
     * proof needs: it changes no area, and only {@code cached_hole_size} and the path bits; and the
     * {@code addr} it returns is a multiple of {@code align}, as the one it starts from is
     * (ALIGNMENT: every {@code addr} it takes comes from {@code ALIGN()}).
     */
    /*@ private normal_behavior
      @   requires 0 <= first && first < tree.count;
      @   requires tree != null && \invariant_for(tree);
      @   requires tree.count < Integer.MAX_VALUE;
      @   requires Ulong.powerOfTwo(align) && Ulong.aligned(addr, align);
      @   ensures Ulong.aligned(\result, align);
      @   assignable cachedHoleSize, paths;
      @*/
    private long walk(long addr, int first, long size, long align, long vend) {
        /*@ loop_invariant 0 <= first && first < tree.count && tree.count < Integer.MAX_VALUE;
          @ loop_invariant Ulong.aligned(addr, align);
          @ loop_invariant \invariant_for(this) && tree != null && \invariant_for(tree);
          @ decreases Integer.MAX_VALUE - first;
          @ assignable cachedHoleSize, paths;
          @*/
        while (Ulong.gt(addr + size, tree.start(first)) && Ulong.le(addr + size, vend)) {
            holeUpdate(addr, first);
            // addr = ALIGN(first->va_end, align);
            addr = alignTraced(tree.end(first), align);
            // if (addr + size < addr) goto overflow;
            if (Ulong.lt(addr + size, addr)) {
                record(P_WALK_WRAP_OVERFLOW);
                return addr;
            }
            // if (list_is_last(&first->list, &vmap_area_list)) goto found;
            if (tree.isLast(first)) {
                record(P_WALK_LAST);
                return addr;
            }
            // first = list_next_entry(first, list);
            first = tree.next(first);
        }
        if (addr + size == tree.start(first) && Ulong.le(addr + size, vend)) {
            record(P_HOLE_EXACT_FIT);
        }
        return addr;
    }

    /**
     * The walk's first statement: {@code if (addr + cached_hole_size < first->va_start)
     * cached_hole_size = first->va_start - addr;} (unsigned compare, wrapping sum and difference,
     * as in C). A method of its own so that the walk's loop body stores no global itself. Spec
     * OP-ALLOC-WALK, PROP-HOLE.
     */
    /*@ private normal_behavior
      @   requires 0 <= first && first < tree.count;
      @   requires tree != null && \invariant_for(tree);
      @   ensures cachedHoleSize == (((long) (\old(cachedHoleSize) + addr) < 0
      @           ? (tree.starts[first] < 0 && (long) (\old(cachedHoleSize) + addr) < tree.starts[first])
      @           : (tree.starts[first] < 0 || (long) (\old(cachedHoleSize) + addr) < tree.starts[first]))
      @       ? (long) (tree.starts[first] - addr) : \old(cachedHoleSize));
      @   ensures \invariant_for(tree);
      @   assignable cachedHoleSize, paths;
      @*/
    private void holeUpdate(long addr, int first) {
        // if (addr + cached_hole_size < first->va_start)
        //         cached_hole_size = first->va_start - addr;
        if (Ulong.lt(addr + cachedHoleSize, tree.start(first))) {
            cachedHoleSize = tree.start(first) - addr;
            paths |= P_HOLE_SIZE_UPDATED;
        }
    }

    /** {@code rb_entry(free_vmap_cache, struct vmap_area, rb_node)}: the cached area's index. */
    /*@ private normal_behavior
      @   requires freeVmapCache != null;
      @   ensures 0 <= \result && \result < tree.count && tree.areas[\result] == freeVmapCache;
      @   assignable \strictly_nothing;
      @*/
    private int cachedFirst() {
        return tree.indexOf(freeVmapCache);
    }

    /** Records a path bit in {@link #paths}. */
    /*@ private normal_behavior
      @   ensures \invariant_for(tree);
      @   assignable paths;
      @*/
    private void record(int bit) {
        paths |= bit;
    }

    /** Clears {@link #paths} at the start of an attempt. */
    /*@ private normal_behavior
      @   ensures paths == 0;
      @   assignable paths;
      @*/
    private void clearPaths() {
        paths = 0;
    }

    /** {@code nocache: cached_hole_size = 0; free_vmap_cache = NULL;} */
    /*@ private normal_behavior
      @   ensures cachedHoleSize == 0 && freeVmapCache == null && \invariant_for(tree);
      @   assignable cachedHoleSize, freeVmapCache;
      @*/
    private void nocache() {
        cachedHoleSize = 0;
        freeVmapCache = null;
    }

    /** {@code cached_vstart = vstart; cached_align = align;} (OP-ALLOC-CACHE). */
    /*@ private normal_behavior
      @   ensures cachedVstart == vstart && cachedAlign == align && \invariant_for(tree);
      @   assignable cachedVstart, cachedAlign;
      @*/
    private void cacheAttempt(long vstart, long align) {
        cachedVstart = vstart;
        cachedAlign = align;
    }

    /**
     * The cache test after {@code retry:} in {@code alloc_vmap_area}: true when the attempt starts
     * afresh ({@code nocache:}) rather than from the cached area. The four conditions are tested in
     * C's {@code ||} order, and the first true one is recorded in {@link #paths}. It is a method of
     * its own so that its contract, the kernel's condition, is proven apart from the rest of
     * {@link #alloc}. Spec OP-ALLOC-CACHE.
     */
    /*@ private normal_behavior
      @   ensures \result == resetCondition(freeVmapCache == null, size, cachedHoleSize, vstart,
      @       cachedVstart, align, cachedAlign);
      @   ensures \invariant_for(tree);
      @   assignable paths;
      @*/
    private boolean resetNeeded(long size, long align, long vstart) {
        // if (!free_vmap_cache || size < cached_hole_size ||
        //         vstart < cached_vstart || align < cached_align) {
        boolean reset = true;
        if (freeVmapCache == null) {
            paths |= P_RESET_NO_CACHE;
        } else if (Ulong.lt(size, cachedHoleSize)) {
            paths |= P_RESET_HOLE_SIZE;
        } else if (Ulong.lt(vstart, cachedVstart)) {
            paths |= P_RESET_VSTART;
        } else if (Ulong.lt(align, cachedAlign)) {
            paths |= P_RESET_ALIGN;
        } else {
            paths |= P_CACHE_KEPT;
            reset = false;
        }
        return reset;
    }

    /*@ private normal_behavior
      @   requires Ulong.powerOfTwo(align);
      @   ensures Long.MIN_VALUE <= \result && \result <= Long.MAX_VALUE;
      @   ensures Ulong.aligned(\result, align);
      @   ensures \invariant_for(tree);
      @   assignable paths;
      @*/
    private long alignTraced(long x, long align) {
        long aligned = Ulong.align(x, align);
        if (Ulong.lt(aligned, x)) {
            paths |= P_ALIGN_WRAPPED;
        }
        return aligned;
    }

    /**
     * {@code found:} the vend check, then {@code va->va_start = addr; va->va_end = addr + size;
     * va->flags = 0; __insert_vmap_area(va); free_vmap_cache = &va->rb_node;}.
     */
    /*@ private behavior
      @   requires size != 0 && !((long) (addr + size) < 0 ? (addr < 0 && (long) (addr + size) < addr) : (addr < 0 || (long) (addr + size) < addr));
      @   requires tree.count < Integer.MAX_VALUE / 2;
      @   ensures \result != null ==> \result.vaStart == addr && allocated(\result, size, vend, \old(tree.count));
      @   ensures \result == null ==> !((long) (addr + size) < 0 ? (vend < 0 && (long) (addr + size) <= vend) : (vend < 0 || (long) (addr + size) <= vend)) && tree.count == \old(tree.count)
      @       && freeVmapCache == \old(freeVmapCache)
      @       && (\forall int k; 0 <= k && k < tree.count; tree.areas[k] == \old(tree.areas[k]));
      @   signals_only OutsideModel;
      @   signals (OutsideModel e) tree.count == \old(tree.count) && freeVmapCache == \old(freeVmapCache);
      @   assignable freeVmapCache, paths, tree.count, tree.starts, tree.ends, tree.areas,
      @       tree.starts[*], tree.ends[*], tree.areas[*];
      @*/
    private /*@ nullable @*/ VmapArea found(long addr, long size, long vend) {
        // if (addr + size > vend) goto overflow;
        if (Ulong.gt(addr + size, vend)) {
            paths |= P_FOUND_BEYOND_VEND;
            return null;
        }
        // va->va_start = addr; va->va_end = addr + size; va->flags = 0;
        VmapArea va = new VmapArea(addr, addr + size);
        // __insert_vmap_area(va);
        tree.insertVmapArea(va);
        // free_vmap_cache = &va->rb_node;
        freeVmapCache = va;
        paths |= P_FOUND;
        return va;
    }

    /**
     * {@code __free_vmap_area(va)} without the list: move {@code free_vmap_cache} off {@code va}
     * (or below it), then {@code rb_erase}. {@code cached_hole_size} and {@code cached_align} are
     * deliberately left alone (kernel comment: "it won't go very wrong"; spec PROP-HOLE). Spec
     * OP-FREE, OP-FREE-CACHE; keeps INV-CACHE, INV-NONEMPTY and INV-ORDER.
     *
     * @throws KernelBug {@code BUG_ON(RB_EMPTY_NODE(&va->rb_node))} when {@code va} is not in the tree
     */
    /*@ normal_behavior
      @   requires va != null && \invariant_for(va);
      @   requires (\exists int k; 0 <= k && k < tree.count; tree.areas[k] == va);
      @   // Effect: va leaves the tree, the others keep their order
      @   ensures tree.count == \old(tree.count) - 1;
      @   ensures (\forall int i, k; 0 <= i && i < \old(tree.count) && \old(tree.areas[i]) == va && 0 <= k && k < i;
      @       tree.areas[k] == \old(tree.areas[k]));
      @   ensures (\forall int i, k; 0 <= i && i < \old(tree.count) && \old(tree.areas[i]) == va && i <= k && k < tree.count;
      @       tree.areas[k] == \old(tree.areas[k + 1]));
      @   // OP-FREE-CACHE
      @   ensures (\forall int i; 0 <= i && i < \old(tree.count) && \old(tree.areas[i]) == va;
      @       freeVmapCache == (\old(freeVmapCache) == null ? null
      @       : (va.vaEnd < 0 ? (cachedVstart < 0 && va.vaEnd < cachedVstart) : (cachedVstart < 0 || va.vaEnd < cachedVstart)) ? null
      @       : (va.vaStart < 0 ? (\old(freeVmapCache.vaStart) < 0 && va.vaStart <= \old(freeVmapCache.vaStart)) : (\old(freeVmapCache.vaStart) < 0 || va.vaStart <= \old(freeVmapCache.vaStart)))
      @           ? (i > 0 ? \old(tree.areas[i - 1]) : null)
      @       : \old(freeVmapCache)));
      @   assignable freeVmapCache, paths, tree.count, tree.starts[*], tree.ends[*], tree.areas[*];
      @ also normal_behavior
      @   // PROP-HOLE, gap form: every gap below an area at or below the cached area's slot j is
      @   // holeBounded; if it holds before the free, it holds after it (cached_* are not changed)
      @   requires va != null && \invariant_for(va);
      @   requires (\exists int k; 0 <= k && k < tree.count; tree.areas[k] == va);
      @   requires (\forall int p, j; 0 <= p && p <= j && j < tree.count && tree.areas[j] == freeVmapCache;
      @       holeBounded(p == 0 ? 0 : tree.ends[p - 1], tree.starts[p], cachedVstart, cachedAlign, cachedHoleSize));
      @   ensures (\forall int p, j; 0 <= p && p <= j && j < tree.count && tree.areas[j] == freeVmapCache;
      @       holeBounded(p == 0 ? 0 : tree.ends[p - 1], tree.starts[p], cachedVstart, cachedAlign, cachedHoleSize));
      @   assignable freeVmapCache, paths, tree.count, tree.starts[*], tree.ends[*], tree.areas[*];
      @ also exceptional_behavior
      @   requires va != null && \invariant_for(va);
      @   requires !(\exists int k; 0 <= k && k < tree.count; tree.areas[k] == va);
      @   signals_only KernelBug;
      @   signals (KernelBug e) true;
      @   assignable paths;
      @*/
    void free(VmapArea va) {
        paths = 0;
        int i = tree.indexOf(va);
        // BUG_ON(RB_EMPTY_NODE(&va->rb_node));
        if (i < 0) {
            throw new KernelBug("BUG_ON(RB_EMPTY_NODE(&va->rb_node))");
        }
        erase(va, i);
    }

    /**
     * The rest of {@code __free_vmap_area(va)} once its BUG_ON has passed, for {@code va} at index
     * {@code i}: the cache update ({@link #moveCacheOff}), then {@code rb_erase}. A method of its
     * own so that its contract is about the index; {@link #free}'s contract is about {@code va},
     * and its proof only connects the two (indexOf's uniqueness). Spec OP-FREE, OP-FREE-CACHE (its
     * four cases as one conditional expression, nested as the kernel's {@code if}s are).
     */
    /*@ private normal_behavior
      @   requires 0 <= i && i < tree.count && tree.areas[i] == va;
      @   requires va != null && \invariant_for(va);
      @   ensures tree.count == \old(tree.count) - 1;
      @   ensures (\forall int k; 0 <= k && k < i; tree.areas[k] == \old(tree.areas[k])
      @       && tree.starts[k] == \old(tree.starts[k]) && tree.ends[k] == \old(tree.ends[k]));
      @   ensures (\forall int k; i <= k && k < tree.count; tree.areas[k] == \old(tree.areas[k + 1]));
      @   // OP-FREE-CACHE
      @   ensures freeVmapCache == (\old(freeVmapCache) == null ? null
      @       : (va.vaEnd < 0 ? (cachedVstart < 0 && va.vaEnd < cachedVstart) : (cachedVstart < 0 || va.vaEnd < cachedVstart)) ? null
      @       : (va.vaStart < 0 ? (\old(freeVmapCache.vaStart) < 0 && va.vaStart <= \old(freeVmapCache.vaStart)) : (\old(freeVmapCache.vaStart) < 0 || va.vaStart <= \old(freeVmapCache.vaStart)))
      @           ? (i > 0 ? \old(tree.areas[i - 1]) : null)
      @       : \old(freeVmapCache));
      @   assignable freeVmapCache, paths, tree.count, tree.starts[*], tree.ends[*], tree.areas[*];
      @*/
    private void erase(VmapArea va, int i) {
        moveCacheOff(va, i);
        // rb_erase(&va->rb_node, &vmap_area_root); RB_CLEAR_NODE(&va->rb_node);
        tree.remove(i);
    }

    /**
     * The {@code if (free_vmap_cache) {...}} block of {@code __free_vmap_area(va)}, for the area
     * {@code va} at index {@code i} of the tree: the cache update of OP-FREE-CACHE, before
     * {@code rb_erase}. A method of its own so that its contract can state what {@link #erase}
     * needs after the erase: the cache is then NULL or an area below {@code va} (INV-CACHE).
     */
    /*@ private normal_behavior
      @   requires 0 <= i && i < tree.count && tree.areas[i] == va;
      @   requires va != null && \invariant_for(va);
      @   // OP-FREE-CACHE, the kernel's four cases
      @   ensures freeVmapCache == (\old(freeVmapCache) == null ? null
      @       : (va.vaEnd < 0 ? (cachedVstart < 0 && va.vaEnd < cachedVstart) : (cachedVstart < 0 || va.vaEnd < cachedVstart)) ? null
      @       : (va.vaStart < 0 ? (\old(freeVmapCache.vaStart) < 0 && va.vaStart <= \old(freeVmapCache.vaStart)) : (\old(freeVmapCache.vaStart) < 0 || va.vaStart <= \old(freeVmapCache.vaStart)))
      @           ? (i > 0 ? tree.areas[i - 1] : null)
      @       : \old(freeVmapCache));
      @   // INV-CACHE for the tree after rb_erase of slot i: the cache is below it
      @   ensures freeVmapCache == null
      @       || (\exists int k; 0 <= k && k < i && tree.areas[k] == freeVmapCache);
      @   assignable freeVmapCache, paths;
      @*/
    private void moveCacheOff(VmapArea va, int i) {
        // if (free_vmap_cache) {
        if (freeVmapCache != null) {
            // if (va->va_end < cached_vstart) { free_vmap_cache = NULL; } else {
            if (Ulong.lt(va.vaEnd, cachedVstart)) {
                freeVmapCache = null;
                paths |= P_FREE_CACHE_BELOW_VSTART;
            } else if (Ulong.le(va.vaStart, freeVmapCache.vaStart)) {
                // cache = rb_entry(free_vmap_cache, ...);
                // if (va->va_start <= cache->va_start) free_vmap_cache = rb_prev(&va->rb_node);
                if (i > 0) {
                    freeVmapCache = tree.area(i - 1);
                    paths |= P_FREE_CACHE_TO_PREV;
                } else {
                    freeVmapCache = null;
                    paths |= P_FREE_CACHE_TO_PREV_NULL;
                }
            } else {
                paths |= P_FREE_CACHE_KEPT;
            }
        } else {
            paths |= P_FREE_CACHE_NULL;
        }
    }
}
