package vmapref.kernel;

/**
 * The kernel is about to enter a state that this reference does not model exactly: an area that
 * overlaps another one (finding F-ALIGN-WRAP in docs/findings.md). From there on the kernel's
 * answers depend on the shape of its red-black tree, so the reference stops instead of guessing.
 */
public final class OutsideModel extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutsideModel(String message) {
        super(message);
    }
}
