package vmapref.engine;

import java.util.OptionalLong;

/**
 * One allocator that a trace can drive: the kernel port ({@link PortEngine}) or the naive oracle
 * ({@link vmapref.naive.NaiveAllocator}). The operations are those of the trace format
 * (docs/user-guide.md), addressed by area start as the trace is.
 */
public interface Engine {
    /**
     * {@code alloc SIZE ALIGN VSTART VEND}.
     *
     * @return the start of the new area, or empty for {@code EBUSY}
     * @throws vmapref.kernel.KernelBug when a kernel {@code BUG_ON} fires
     */
    OptionalLong alloc(long size, long align, long vstart, long vend);

    /**
     * {@code free ADDR}: free the live area that starts at {@code addr} at once.
     *
     * @throws InvalidOperation when no live area starts at {@code addr}
     */
    void free(long addr);

    /**
     * {@code lazyfree ADDR}: free the live area that starts at {@code addr} lazily.
     *
     * @throws InvalidOperation when no live area starts at {@code addr}
     */
    void lazyfree(long addr);

    /** {@code purge}: purge every lazily freed area. */
    void purge();

    /** The cache globals, the lazy counter and the area counts, after the last operation. */
    EngineState.Summary summary();

    /** Every area in address order, with its flags. */
    EngineState.Area[] areas();
}
