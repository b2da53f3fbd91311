package vmapref.engine;

/**
 * A trace operation that the kernel's callers never issue: freeing an address where no live area
 * starts, or freeing an area that is already lazily freed. The message says which.
 */
public final class InvalidOperation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidOperation(String message) {
        super(message);
    }
}
