package vmapref.kernel;

/** Receives the {@link KernelPath}s an operation goes through, in order (a tracepoint sink). */
public interface PathListener {
    void on(KernelPath path);
}
