package vmapref.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A progress line ({@code replay: 1200000 ops, 85000 ops/s}) rewritten in place on standard error
 * about once a second during long runs, only when standard error is a terminal; never on standard
 * output, so results and traces stay clean.
 */
final class Progress {
    /** Progress that prints nothing. */
    static final Progress NONE = new Progress(null, "");

    private static final long CHECK_EVERY = 1 << 14;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final String what;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long done;
    private boolean printed;

    private Progress(PrintStream err, String what) {
        this.err = err;
        this.what = what;
    }

    /**
     * Progress on {@code err} when it is the process's standard error and that is a terminal
     * ({@code /proc/self/fd/2} names a tty; elsewhere: {@link System#console()} is non-null).
     */
    static Progress forStream(PrintStream err, String what) {
        return err == System.err && stderrIsTerminal() ? new Progress(err, what) : NONE;
    }

    private static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Counts one operation; prints at most once a second. */
    void tick() {
        done++;
        if (err == null || (done & (CHECK_EVERY - 1)) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNanos >= INTERVAL_NANOS) {
            lastNanos = now;
            long rate = done * 1_000_000_000L / Math.max(1, now - startNanos);
            err.print("\r" + what + ": " + done + " ops, " + rate + " ops/s ");
            err.flush();
            printed = true;
        }
    }

    /** Ends the progress line, if one was printed. */
    void done() {
        if (printed) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
