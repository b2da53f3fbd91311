package vmapref.cli;

import java.util.OptionalLong;
import vmapref.engine.Engine;
import vmapref.trace.Operation;

/** Runs one parsed trace operation on an engine (the CLI, the tests and the benchmarks share it). */
public final class Execution {
    private Execution() {
    }

    /** Executes {@code op} and returns its outcome; engine exceptions pass through. */
    public static Operation.Result run(Engine engine, Operation op) {
        long[] a = op.args();
        switch (op.kind()) {
            case ALLOC: {
                OptionalLong addr = engine.alloc(a[0], a[1], a[2], a[3]);
                return addr.isPresent() ? Operation.Result.address(addr.getAsLong()) : Operation.Result.busy();
            }
            case FREE:
                engine.free(a[0]);
                break;
            case LAZYFREE:
                engine.lazyfree(a[0]);
                break;
            case PURGE:
                engine.purge();
                break;
            default:
                throw new IllegalArgumentException(op.kind().toString());
        }
        return Operation.Result.ok(op.kind());
    }
}
