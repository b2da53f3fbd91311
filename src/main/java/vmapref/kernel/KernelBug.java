package vmapref.kernel;

/**
 * A kernel {@code BUG_ON(condition)} (or {@code BUG()}) that fired: the kernel would oops here.
 * The message names the check exactly as the v4.5 source spells it, e.g.
 * {@code BUG_ON(!is_power_of_2(align))}.
 */
public final class KernelBug extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /*@ public normal_behavior
      @   assignable \nothing;
      @*/
    public KernelBug(String check) {
        super(check);
    }
}
