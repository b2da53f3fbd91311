package vmapref.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lazy freeing and purging of vmap areas (mm/vmalloc.c, Linux v4.5): {@code vmap_lazy_nr},
 * {@code lazy_max_pages}, {@code free_vmap_area_noflush}, {@code __purge_vmap_area_lazy} with its
 * static {@code purge_lock}, {@code try_purge_vmap_area_lazy} and {@code purge_vmap_area_lazy}.
 *
 * <p>Lock order as in the kernel: {@code purge_lock} before {@code vmap_area_lock}; the purge walks
 * {@code vmap_area_list} under RCU only. TLB flushing and per-CPU vmap blocks
 * ({@code purge_fragmented_blocks_allcpus}) are out of scope and are no-ops. Spec ids: OP-LAZYFREE,
 * OP-PURGE, INV-LAZY (spec/SPEC.md).
 */
public final class LazyPurge {
    private final VmapAreaAllocator allocator;
    private final int numOnlineCpus;

    /** {@code static DEFINE_SPINLOCK(purge_lock)} of {@code __purge_vmap_area_lazy}. */
    final ReentrantLock purgeLock = new ReentrantLock();

    /** {@code static atomic_t vmap_lazy_nr}: pages of lazily freed areas not yet collected. */
    final AtomicInteger vmapLazyNr = new AtomicInteger();

    LazyPurge(VmapAreaAllocator allocator, int numOnlineCpus) {
        this.allocator = allocator;
        this.numOnlineCpus = numOnlineCpus;
    }

    /** {@code atomic_read(&vmap_lazy_nr)}. */
    public int vmapLazyNr() {
        return vmapLazyNr.get();
    }

    /** {@code purge_lock}, exposed for concurrency tests that hold it to force the try-lock path. */
    public ReentrantLock purgeLock() {
        return purgeLock;
    }

    /**
     * {@code lazy_max_pages()}: {@code fls(num_online_cpus()) * (32UL * 1024 * 1024 / PAGE_SIZE)},
     * 8192 pages for one CPU.
     */
    public long lazyMaxPages() {
        // unsigned int log = fls(num_online_cpus());
        int log = fls(numOnlineCpus);
        // return log * (32UL * 1024 * 1024 / PAGE_SIZE);
        return Integer.toUnsignedLong(log) * (32L * 1024 * 1024 / VmapArea.PAGE_SIZE);
    }

    /** The kernel's {@code fls(x)}: 1-based index of the most significant set bit, 0 for 0. */
    static int fls(int x) {
        return 32 - Integer.numberOfLeadingZeros(x);
    }

    /**
     * {@code free_vmap_area_noflush(va)}: mark {@code va} lazily freed and account its pages;
     * try a purge once more than {@code lazy_max_pages()} pages wait. Takes no lock: the flag
     * update is a plain read-modify-write, as in C.
     */
    public void freeVmapAreaNoflush(VmapArea va) {
        // va->flags |= VM_LAZY_FREE;
        va.flags |= VmapArea.VM_LAZY_FREE;
        // atomic_add((va->va_end - va->va_start) >> PAGE_SHIFT, &vmap_lazy_nr);
        // (atomic_add takes an int: the page count is truncated to 32 bits)
        vmapLazyNr.getAndAdd((int) va.pages());
        // if (unlikely(atomic_read(&vmap_lazy_nr) > lazy_max_pages()))
        // (int compared with unsigned long: a negative counter converts to a huge value)
        if (Ulong.gt(vmapLazyNr.get(), lazyMaxPages())) {
            allocator.trace(KernelPath.LAZY_THRESHOLD_CROSSED);
            // try_purge_vmap_area_lazy();
            tryPurgeVmapAreaLazy();
        }
    }

    /** {@code try_purge_vmap_area_lazy()}: {@code __purge_vmap_area_lazy(&start, &end, 0, 0)}. */
    public void tryPurgeVmapAreaLazy() {
        purgeVmapAreaLazy(false, false);
    }

    /** {@code purge_vmap_area_lazy()}: {@code __purge_vmap_area_lazy(&start, &end, 1, 0)}. */
    public void purgeVmapAreaLazy() {
        purgeVmapAreaLazy(true, false);
    }

    /**
     * {@code __purge_vmap_area_lazy(start, end, sync, force_flush)}: collect every
     * {@code VM_LAZY_FREE} area in list (address) order, flag it {@code VM_LAZY_FREEING}, take its
     * pages off {@code vmap_lazy_nr}, and free the batch lowest address first under
     * {@code vmap_area_lock}. The flush range ({@code *start}, {@code *end}) only feeds the TLB
     * flush, a no-op here.
     */
    void purgeVmapAreaLazy(boolean sync, boolean forceFlush) {
        // if (!sync && !force_flush) { if (!spin_trylock(&purge_lock)) return; }
        // else spin_lock(&purge_lock);
        if (!sync && !forceFlush) {
            if (!purgeLock.tryLock()) {
                allocator.trace(KernelPath.PURGE_TRYLOCK_BUSY);
                return;
            }
        } else {
            purgeLock.lock();
        }
        try {
            // if (sync) purge_fragmented_blocks_allcpus();  (per-CPU vmap blocks: out of scope)
            // int nr = 0; LIST_HEAD(valist);
            int nr = 0;
            VmapArea batchHead = null;
            VmapArea batchTail = null;
            // rcu_read_lock(); list_for_each_entry_rcu(va, &vmap_area_list, list) {
            VmapAreaList list = allocator.list;
            for (VmapArea va = list.first(); !list.isHead(va); va = va.next) {
                // if (va->flags & VM_LAZY_FREE) {
                if ((va.flags & VmapArea.VM_LAZY_FREE) != 0) {
                    // nr += (va->va_end - va->va_start) >> PAGE_SHIFT;  (int nr)
                    nr = (int) (nr + va.pages());
                    // list_add_tail(&va->purge_list, &valist);
                    va.purgeNext = null;
                    if (batchTail == null) {
                        batchHead = va;
                    } else {
                        batchTail.purgeNext = va;
                    }
                    batchTail = va;
                    // va->flags |= VM_LAZY_FREEING; va->flags &= ~VM_LAZY_FREE;
                    va.flags |= VmapArea.VM_LAZY_FREEING;
                    va.flags &= ~VmapArea.VM_LAZY_FREE;
                }
            }
            // rcu_read_unlock();
            // if (nr) atomic_sub(nr, &vmap_lazy_nr);
            if (nr != 0) {
                vmapLazyNr.getAndAdd(-nr);
            }
            // if (nr || force_flush) flush_tlb_kernel_range(*start, *end);  (no-op)
            // if (nr) { spin_lock(&vmap_area_lock);
            //     list_for_each_entry_safe(va, n_va, &valist, purge_list) __free_vmap_area(va);
            //     spin_unlock(&vmap_area_lock); }
            if (nr != 0) {
                allocator.vmapAreaLock.lock();
                try {
                    VmapArea va = batchHead;
                    while (va != null) {
                        VmapArea nVa = va.purgeNext;
                        va.purgeNext = null;
                        allocator.freeVmapAreaLocked(va);
                        va = nVa;
                    }
                } finally {
                    allocator.vmapAreaLock.unlock();
                }
                allocator.trace(KernelPath.PURGE_BATCH_FREED);
            } else {
                allocator.trace(KernelPath.PURGE_NOTHING);
            }
        } finally {
            // spin_unlock(&purge_lock);
            purgeLock.unlock();
        }
    }
}
