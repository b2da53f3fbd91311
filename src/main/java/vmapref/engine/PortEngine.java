package vmapref.engine;

import java.util.OptionalLong;
import vmapref.kernel.PathListener;
import vmapref.kernel.VmapArea;
import vmapref.kernel.VmapAreaAllocator;
import vmapref.kernel.VmapAreaTree;

/**
 * The kernel port behind the {@link Engine} interface: the trace's address-based operations are
 * turned into the kernel calls on the {@code struct vmap_area} that a kernel caller would hold.
 */
public final class PortEngine implements Engine {
    private final VmapAreaAllocator allocator;

    public PortEngine(int numOnlineCpus) {
        this.allocator = new VmapAreaAllocator(numOnlineCpus);
    }

    /** The port itself, for tests and tools that look inside. */
    public VmapAreaAllocator allocator() {
        return allocator;
    }

    /** Report every kernel path taken to {@code listener}. */
    public void setPathListener(PathListener listener) {
        allocator.setPathListener(listener);
    }

    @Override
    public OptionalLong alloc(long size, long align, long vstart, long vend) {
        VmapArea va = allocator.allocVmapArea(size, align, vstart, vend);
        return va == null ? OptionalLong.empty() : OptionalLong.of(va.vaStart);
    }

    @Override
    public void free(long addr) {
        allocator.freeVmapArea(liveAreaAt("free", addr));
    }

    @Override
    public void lazyfree(long addr) {
        allocator.freeVmapAreaNoflush(liveAreaAt("lazyfree", addr));
    }

    @Override
    public void purge() {
        allocator.purgeVmapAreaLazy();
    }

    /** The area a kernel caller would hold for {@code addr}: found with {@code find_vmap_area}. */
    private VmapArea liveAreaAt(String op, long addr) {
        VmapArea va = allocator.findVmapArea(addr);
        if (va == null) {
            throw new InvalidOperation(op + ": no area contains " + Hex.of(addr));
        }
        if (va.vaStart != addr) {
            throw new InvalidOperation(op + ": " + Hex.of(addr) + " is inside the area " + Hex.range(va)
                    + ", not at its start");
        }
        if ((va.flags() & VmapArea.VM_LAZY_FREE) != 0) {
            throw new InvalidOperation(op + ": the area at " + Hex.of(addr)
                    + " is already lazily freed (VM_LAZY_FREE) and waits for a purge");
        }
        if ((va.flags() & VmapArea.VM_LAZY_FREEING) != 0) {
            throw new InvalidOperation(op + ": the area at " + Hex.of(addr)
                    + " is already being purged (VM_LAZY_FREEING)");
        }
        return va;
    }

    @Override
    public EngineState.Summary summary() {
        VmapAreaTree tree = allocator.tree();
        int lazy = 0;
        for (int i = 0; i < tree.size(); i++) {
            if (tree.area(i).flags() != 0) {
                lazy++;
            }
        }
        VmapArea cache = allocator.freeVmapCache();
        return new EngineState.Summary(cache == null ? null : cache.vaStart, true, allocator.cachedHoleSize(),
                allocator.cachedVstart(), allocator.cachedAlign(), allocator.lazyPurge().vmapLazyNr(),
                tree.size() - lazy, lazy);
    }

    @Override
    public EngineState.Area[] areas() {
        VmapAreaTree tree = allocator.tree();
        EngineState.Area[] out = new EngineState.Area[tree.size()];
        for (int i = 0; i < out.length; i++) {
            VmapArea va = tree.area(i);
            out[i] = new EngineState.Area(va.vaStart, va.vaEnd, va.flags());
        }
        return out;
    }
}
