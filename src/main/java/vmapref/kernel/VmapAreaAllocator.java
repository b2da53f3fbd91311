package vmapref.kernel;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The global vmap area allocator of mm/vmalloc.c (Linux v4.5): {@code vmap_area_lock}, the area
 * tree and list, the free-area cache globals, and the functions that use them:
 * {@code __find_vmap_area}, {@code __insert_vmap_area}, {@code alloc_vmap_area},
 * {@code __free_vmap_area} and {@code free_vmap_area}. The lazy-free side lives in
 * {@link LazyPurge}.
 *
 * <p>Every statement of those functions is mapped to the Java below in docs/fidelity.md; the
 * comment above each Java statement quotes the kernel line it implements. All values are C
 * {@code unsigned long}: arithmetic wraps (Java {@code long}), comparisons go through
 * {@link Ulong}. Spec ids: OP-ALLOC, OP-FREE, OP-FIND, INV-CACHE, INV-ORDER (spec/SPEC.md).
 */
public final class VmapAreaAllocator {
    /** {@code PAGE_SHIFT} (4 KiB pages). */
    public static final int PAGE_SHIFT = 12;
    /** {@code PAGE_SIZE}. */
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;

    /** {@code static DEFINE_SPINLOCK(vmap_area_lock)}: guards the tree, the list and the cache. */
    final ReentrantLock vmapAreaLock = new ReentrantLock();
    /** {@code vmap_area_root} and {@code vmap_area_list}. */
    final VmapAreaTree tree = new VmapAreaTree();

    /** {@code free_vmap_cache}: an area of the tree, or null (INV-CACHE). */
    private VmapArea freeVmapCache;
    /** {@code cached_hole_size}. */
    private long cachedHoleSize;
    /** {@code cached_vstart}. */
    private long cachedVstart;
    /** {@code cached_align}. */
    private long cachedAlign;

    /** The lazy-free and purge half of the allocator (it holds {@code vmap_lazy_nr}). */
    private final LazyPurge lazyPurge;

    private volatile PathListener listener;

    /**
     * An empty allocator: empty tree, {@code free_vmap_cache == NULL}, cache globals 0,
     * {@code vmap_lazy_nr == 0}.
     *
     * @param numOnlineCpus {@code num_online_cpus()}, which sets {@code lazy_max_pages()}
     */
    public VmapAreaAllocator(int numOnlineCpus) {
        this.lazyPurge = new LazyPurge(this, numOnlineCpus);
    }

    /** Sends every {@link KernelPath} taken from now on to {@code listener} (null: none). */
    public void setPathListener(PathListener listener) {
        this.listener = listener;
    }

    void trace(KernelPath path) {
        PathListener l = listener;
        if (l != null) {
            l.on(path);
        }
    }

    /** The lazy-free half: {@code free_vmap_area_noflush}, the purges and {@code vmap_lazy_nr}. */
    public LazyPurge lazyPurge() {
        return lazyPurge;
    }

    /**
     * {@code alloc_vmap_area(size, align, vstart, vend, node, gfp_mask)}: allocate
     * {@code [addr, addr + size)} with {@code addr} a multiple of {@code align} inside
     * {@code [vstart, vend]}, searching from the cached area when the cache may be used. On
     * failure purges lazily freed areas once and retries.
     *
     * @return the new area, or null for {@code ERR_PTR(-EBUSY)}
     * @throws KernelBug for the three {@code BUG_ON} preconditions and the three after
     *     {@code found:}
     * @throws OutsideModel when the kernel would insert an overlapping area (F-ALIGN-WRAP)
     */
    public VmapArea allocVmapArea(long size, long align, long vstart, long vend) {
        // BUG_ON(!size);
        if (size == 0) {
            throw new KernelBug("BUG_ON(!size)");
        }
        // BUG_ON(offset_in_page(size));
        if ((size & (PAGE_SIZE - 1)) != 0) {
            throw new KernelBug("BUG_ON(offset_in_page(size))");
        }
        // BUG_ON(!is_power_of_2(align));
        if (!Ulong.isPowerOf2(align)) {
            throw new KernelBug("BUG_ON(!is_power_of_2(align))");
        }
        // int purged = 0;  (kmalloc_node of va: the area object is created at found:)
        boolean purged = false;
        while (true) {
            // retry: spin_lock(&vmap_area_lock);
            VmapArea va;
            vmapAreaLock.lock();
            try {
                va = searchAndInsert(size, align, vstart, vend);
            } finally {
                // spin_unlock(&vmap_area_lock); (at found: and at overflow:)
                vmapAreaLock.unlock();
            }
            if (va != null) {
                checkFound(va, align, vstart, vend);
                return va;
            }
            // overflow: if (!purged) { purge_vmap_area_lazy(); purged = 1; goto retry; }
            if (!purged) {
                trace(KernelPath.OVERFLOW_PURGE_RETRY);
                lazyPurge.purgeVmapAreaLazy();
                purged = true;
                continue;
            }
            // kfree(va); return ERR_PTR(-EBUSY);
            trace(KernelPath.OVERFLOW_EBUSY);
            return null;
        }
    }

    /**
     * One attempt of {@code alloc_vmap_area}, from after {@code retry: spin_lock} to
     * {@code found:} (returns the inserted area) or {@code goto overflow} (returns null).
     * Caller holds {@code vmap_area_lock}.
     */
    private VmapArea searchAndInsert(long size, long align, long vstart, long vend) {
        // if (!free_vmap_cache || size < cached_hole_size ||
        //         vstart < cached_vstart || align < cached_align) {
        boolean reset = cacheResetNeeded(size, align, vstart);
        long addr;
        int first;
        while (true) {
            if (reset) {
                // nocache: cached_hole_size = 0; free_vmap_cache = NULL;
                cachedHoleSize = 0;
                freeVmapCache = null;
            }
            // cached_vstart = vstart; cached_align = align;
            cachedVstart = vstart;
            cachedAlign = align;
            // if (free_vmap_cache) {
            if (freeVmapCache != null) {
                // first = rb_entry(free_vmap_cache, struct vmap_area, rb_node);
                first = tree.indexOf(freeVmapCache);
                if (first < 0) {
                    throw new IllegalStateException("free_vmap_cache is not in the tree: " + freeVmapCache);
                }
                // addr = ALIGN(first->va_end, align);
                addr = alignTraced(tree.end(first), align);
                // if (addr < vstart) goto nocache;
                if (Ulong.lt(addr, vstart)) {
                    trace(KernelPath.CACHED_GOTO_NOCACHE);
                    reset = true;
                    continue;
                }
                // if (addr + size < addr) goto overflow;
                if (Ulong.lt(addr + size, addr)) {
                    trace(KernelPath.CACHED_WRAP_OVERFLOW);
                    return null;
                }
            } else {
                // addr = ALIGN(vstart, align);
                addr = alignTraced(vstart, align);
                // if (addr + size < addr) goto overflow;
                if (Ulong.lt(addr + size, addr)) {
                    trace(KernelPath.TREE_WRAP_OVERFLOW);
                    return null;
                }
                // n = vmap_area_root.rb_node; first = NULL; while (n) { ... }
                first = tree.lowestEndingAtOrAbove(addr);
                // if (!first) goto found;
                if (first < 0) {
                    trace(KernelPath.TREE_NO_FIRST);
                    return found(addr, size, align, vstart, vend);
                }
                if (tree.isDescentTie(first, addr)) {
                    trace(KernelPath.TREE_DESCENT_TIE);
                }
            }
            break;
        }
        // while (addr + size > first->va_start && addr + size <= vend) {
        int last = tree.size() - 1;
        while (Ulong.gt(addr + size, tree.start(first)) && Ulong.le(addr + size, vend)) {
            // if (addr + cached_hole_size < first->va_start)
            //         cached_hole_size = first->va_start - addr;
            if (Ulong.lt(addr + cachedHoleSize, tree.start(first))) {
                cachedHoleSize = tree.start(first) - addr;
                trace(KernelPath.HOLE_SIZE_UPDATED);
            }
            // addr = ALIGN(first->va_end, align);
            addr = alignTraced(tree.end(first), align);
            // if (addr + size < addr) goto overflow;
            if (Ulong.lt(addr + size, addr)) {
                trace(KernelPath.WALK_WRAP_OVERFLOW);
                return null;
            }
            // if (list_is_last(&first->list, &vmap_area_list)) goto found;
            if (first == last) {
                trace(KernelPath.WALK_LAST);
                return found(addr, size, align, vstart, vend);
            }
            // first = list_next_entry(first, list);
            first++;
        }
        if (addr + size == tree.start(first) && Ulong.le(addr + size, vend)) {
            trace(KernelPath.HOLE_EXACT_FIT);
        }
        return found(addr, size, align, vstart, vend);
    }

    /**
     * The four-way test that decides whether {@code alloc_vmap_area} may start from
     * {@code free_vmap_cache}; C's {@code ||} stops at the first true condition, and so does the
     * trace.
     */
    private boolean cacheResetNeeded(long size, long align, long vstart) {
        if (freeVmapCache == null) {
            trace(KernelPath.RESET_NO_CACHE);
        } else if (Ulong.lt(size, cachedHoleSize)) {
            trace(KernelPath.RESET_HOLE_SIZE);
        } else if (Ulong.lt(vstart, cachedVstart)) {
            trace(KernelPath.RESET_VSTART);
        } else if (Ulong.lt(align, cachedAlign)) {
            trace(KernelPath.RESET_ALIGN);
        } else {
            trace(KernelPath.CACHE_KEPT);
            return false;
        }
        return true;
    }

    private long alignTraced(long x, long align) {
        long aligned = Ulong.align(x, align);
        if (Ulong.lt(aligned, x)) {
            trace(KernelPath.ALIGN_WRAPPED);
        }
        return aligned;
    }

    /**
     * {@code found:} of {@code alloc_vmap_area}: the vend check, then
     * {@code va->va_start = addr; va->va_end = addr + size; va->flags = 0;
     * __insert_vmap_area(va); free_vmap_cache = &va->rb_node;}. Caller holds
     * {@code vmap_area_lock}.
     */
    private VmapArea found(long addr, long size, long align, long vstart, long vend) {
        // if (addr + size > vend) goto overflow;
        if (Ulong.gt(addr + size, vend)) {
            trace(KernelPath.FOUND_BEYOND_VEND);
            return null;
        }
        VmapArea va = new VmapArea(addr, addr + size);
        // __insert_vmap_area(va);
        int pos = tree.insertPosition(va);
        if (tree.overlapsSuccessor(pos, va)) {
            // The kernel links the overlapping area and then runs the three BUG_ONs; report the
            // BUG_ON it would hit, else stop: its tree is no longer address-ordered.
            checkFound(va, align, vstart, vend);
            throw new OutsideModel("alloc_vmap_area places " + va + " over the live area " + tree.area(pos)
                    + " (ALIGN() wrapped past 2^64; finding F-ALIGN-WRAP); the kernel's later"
                    + " answers depend on its red-black tree shape, which vmapref does not model");
        }
        tree.insert(pos, va);
        // free_vmap_cache = &va->rb_node;
        freeVmapCache = va;
        trace(KernelPath.FOUND);
        return va;
    }

    /** The three {@code BUG_ON}s after {@code found:} (checked after the unlock, as the kernel). */
    private static void checkFound(VmapArea va, long align, long vstart, long vend) {
        // BUG_ON(!IS_ALIGNED(va->va_start, align));
        if ((va.vaStart & (align - 1)) != 0) {
            throw new KernelBug("BUG_ON(!IS_ALIGNED(va->va_start, align))");
        }
        // BUG_ON(va->va_start < vstart);
        if (Ulong.lt(va.vaStart, vstart)) {
            throw new KernelBug("BUG_ON(va->va_start < vstart)");
        }
        // BUG_ON(va->va_end > vend);
        if (Ulong.gt(va.vaEnd, vend)) {
            throw new KernelBug("BUG_ON(va->va_end > vend)");
        }
    }

    /**
     * {@code __free_vmap_area(va)}: move {@code free_vmap_cache} off {@code va} (or below it), then
     * remove {@code va} from the tree and the list. Caller holds {@code vmap_area_lock}.
     * {@code cached_hole_size} and {@code cached_align} are deliberately not touched (kernel
     * comment: "it won't go very wrong"; see spec PROP-HOLE).
     */
    void freeVmapAreaLocked(VmapArea va) {
        int i = tree.indexOf(va);
        // BUG_ON(RB_EMPTY_NODE(&va->rb_node));
        if (i < 0) {
            throw new KernelBug("BUG_ON(RB_EMPTY_NODE(&va->rb_node))");
        }
        // if (free_vmap_cache) {
        if (freeVmapCache != null) {
            // if (va->va_end < cached_vstart) { free_vmap_cache = NULL; } else {
            if (Ulong.lt(va.vaEnd, cachedVstart)) {
                freeVmapCache = null;
                trace(KernelPath.FREE_CACHE_BELOW_VSTART);
            } else if (Ulong.le(va.vaStart, freeVmapCache.vaStart)) {
                // cache = rb_entry(free_vmap_cache, ...);
                // if (va->va_start <= cache->va_start) free_vmap_cache = rb_prev(&va->rb_node);
                freeVmapCache = i > 0 ? tree.area(i - 1) : null;
                trace(freeVmapCache == null ? KernelPath.FREE_CACHE_TO_PREV_NULL : KernelPath.FREE_CACHE_TO_PREV);
            } else {
                trace(KernelPath.FREE_CACHE_KEPT);
            }
        } else {
            trace(KernelPath.FREE_CACHE_NULL);
        }
        // rb_erase(&va->rb_node, &vmap_area_root); RB_CLEAR_NODE(...); list_del_rcu(&va->list);
        tree.remove(i);
        // vmap_area_pcpu_hole update: read only by pcpu_get_vm_areas (out of scope).
        // kfree_rcu(va, rcu_head): the garbage collector, once no RCU reader holds va.
    }

    /** {@code free_vmap_area(va)}: {@code __free_vmap_area} under {@code vmap_area_lock}. */
    public void freeVmapArea(VmapArea va) {
        vmapAreaLock.lock();
        try {
            freeVmapAreaLocked(va);
        } finally {
            vmapAreaLock.unlock();
        }
    }

    /** {@code find_vmap_area(addr)}: {@code __find_vmap_area} under {@code vmap_area_lock}. */
    public VmapArea findVmapArea(long addr) {
        vmapAreaLock.lock();
        try {
            return tree.find(addr);
        } finally {
            vmapAreaLock.unlock();
        }
    }

    /** {@code free_vmap_area_noflush(va)} (see {@link LazyPurge#freeVmapAreaNoflush}). */
    public void freeVmapAreaNoflush(VmapArea va) {
        lazyPurge.freeVmapAreaNoflush(va);
    }

    /** {@code purge_vmap_area_lazy()} (see {@link LazyPurge#purgeVmapAreaLazy}). */
    public void purgeVmapAreaLazy() {
        lazyPurge.purgeVmapAreaLazy();
    }

    /** The area tree. Read it only under {@link #lock()} or while no operation runs. */
    public VmapAreaTree tree() {
        return tree;
    }

    /** {@code vmap_area_lock}, for callers that read the state while other threads run. */
    public ReentrantLock lock() {
        return vmapAreaLock;
    }

    /** {@code free_vmap_cache}, or null. Same locking rule as {@link #tree()}. */
    public VmapArea freeVmapCache() {
        return freeVmapCache;
    }

    /** {@code cached_hole_size}. */
    public long cachedHoleSize() {
        return cachedHoleSize;
    }

    /** {@code cached_vstart}. */
    public long cachedVstart() {
        return cachedVstart;
    }

    /** {@code cached_align}. */
    public long cachedAlign() {
        return cachedAlign;
    }
}
