package vmapref.proofs;

import de.uka.ilkd.key.control.DefaultUserInterfaceControl;
import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.Services;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.DefaultVisitor;
import de.uka.ilkd.key.logic.OpCollector;
import de.uka.ilkd.key.logic.Sequent;
import de.uka.ilkd.key.logic.SequentFormula;
import de.uka.ilkd.key.logic.Term;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.logic.op.IProgramMethod;
import de.uka.ilkd.key.logic.op.JFunction;
import de.uka.ilkd.key.pp.LogicPrinter;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Node;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.init.ProofOblInput;
import de.uka.ilkd.key.proof.io.ProofSaver;
import de.uka.ilkd.key.rule.AbstractContractRuleApp;
import de.uka.ilkd.key.rule.RuleApp;
import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.DefaultSMTSettings;
import de.uka.ilkd.key.settings.ProofIndependentSMTSettings;
import de.uka.ilkd.key.settings.ProofIndependentSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.smt.SMTProblem;
import de.uka.ilkd.key.smt.SMTRuleApp;
import de.uka.ilkd.key.smt.SMTSolverResult;
import de.uka.ilkd.key.smt.SolverLauncher;
import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.smt.solvertypes.SolverTypes;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.KeYTypeUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Headless KeY 2.12.3 run over the JML contracts of the verified core (issue 6, proofs/README.md).
 *
 * <p>The core files are copied into a folder of their own (KeY must not see the shell, which uses
 * library classes and lambdas), loaded with Java's modular integer semantics
 * ({@code intRules:javaSemantics}, never {@code ignoringOF}) and the two taclets added to KeY
 * 2.12.3 ({@link #ADDED_RULES_FILE}, {@link #MASK_RULES_FILE}; trusted, REPORT.md names the
 * proofs that apply them), and
 * every contract KeY finds in them is proved in auto mode, or with {@link FocusTactic} where
 * contracts.properties says {@code ID.tactic=focus}. Two modes:
 * <ul>
 *   <li>{@code prove}: search a proof for every contract from scratch and save it;</li>
 *   <li>{@code check} (CI): replay the committed proof of each contract; if there is none, or it
 *       does not close against the current sources, search again.</li>
 * </ul>
 * Both write {@code summary.json} and {@code REPORT.md}, and both run cvc5 on the lemmas of
 * {@code proofs/lemmas/} that KeY cannot prove ({@link SmtLemmas}; REPORT.md lists them apart from
 * the contracts, and one that is not proven fails the run). A third mode, {@code mutants}, is the
 * non-vacuity check: it injects each bug of {@link #MUTANTS} into a copy of the core and confirms
 * that the contract it targets no longer closes (writes {@code NONVACUITY.md}, exit 1 if a mutant
 * survives). The run fails (exit 1) when a contract
 * that the previous {@code summary.json} lists as {@code proven} is not proven now, or when a
 * contract has no entry in {@code contracts.properties} (every contract must say what it
 * guarantees). An open or failed proof is never counted as proven.
 *
 * <p>Arguments: {@code mode only coreDir outDir workDir}; {@code only} is {@code all} or a comma
 * separated list of substrings of contract ids, which may be whole ids ({@link #onlyPatterns}; the
 * other contracts keep their previous entry).
 *
 * <p>With {@code -Dproofs.workers=N} (N &gt; 1; the {@code proofs} profile passes 2, one per core)
 * prove and check modes run in N worker JVMs, each with 1/N of this JVM's maximum heap, so the
 * heap in all stays within the runner's {@code -Xmx}. Each worker loads the core itself, goes
 * through the contracts largest first ({@link #largestFirst}: by the proof nodes in summary.json in
 * check mode, by the seconds of their last search in prove mode), takes each one that no other
 * worker has taken yet ({@link #claim}), so that a worker that is done early takes more, and hands
 * its results back in a file; this JVM never loads KeY and writes summary.json and REPORT.md from
 * them. KeY runs one proof per JVM, single-threaded, so the
 * proofs themselves are the same as in one JVM; step budgets do not depend on the schedule, the
 * seconds (and so {@code .timeout} budgets) do.
 */
public final class ProofRunner {
    /** The verified core: exactly the files KeY loads. */
    static final String[] CORE = {
        "Ulong.java", "VmapArea.java", "VmapAreaTree.java", "FreeVmapCache.java",
        "KernelBug.java", "OutsideModel.java", "PurgeBatchLemma.java",
    };
    static final String INT_RULES = "intRules";
    static final String JAVA_SEMANTICS = "intRules:javaSemantics";
    static final int DEFAULT_STEPS = 20000;
    /** Prefix of a used contract from KeY's own Java library specification (trusted, listed in the report). */
    static final String LIBRARY = "library ";
    /**
     * The first taclet file that every mode loads with the core ({@code proofs/rules/}): KeY 2.12.3's
     * {@code bitwiseNegationLong} with its find corrected (the file says why). A saved proof names
     * it in its header, so it is copied beside the proofs in the work folder.
     */
    static final String ADDED_RULES_FILE = "bitwiseNegationLong.key";
    /** The taclet that file defines. */
    static final String ADDED_RULE = "bitwiseNegationLongCorrected";
    /**
     * The second added taclet file: the meaning of Java's {@code &} on {@code long} for a mask
     * {@code -2^k} (ALIGN()'s {@code ~(a - 1)}), which KeY 2.12.3 leaves undefined; an axiom that
     * cvc5 checks (proofs/lemmas/and-mask.smt2; the file says why).
     */
    static final String MASK_RULES_FILE = "bitwiseAndLongMask.key";
    /** The taclet {@link #MASK_RULES_FILE} defines. */
    static final String MASK_RULE = "andJlongLowBitsClear";
    /** Prefix of every added rule's entry in a result's uses (trusted, not a contract). */
    static final String ADDED = "added rule ";

    /**
     * An added taclet and the file in {@code proofs/rules/} that defines it. A proof that applies
     * it lists {@link #entry()} among its uses (trusted, listed in the report).
     */
    record AddedRule(String taclet, String file) {
        String entry() {
            return ADDED + taclet + " (proofs/rules/" + file + ")";
        }
    }

    /** Every added taclet, in the order its file is loaded. */
    static final List<AddedRule> ADDED_RULES = List.of(
            new AddedRule(ADDED_RULE, ADDED_RULES_FILE), new AddedRule(MASK_RULE, MASK_RULES_FILE));
    static final long DEFAULT_TIMEOUT_MS = 300_000;
    /** A focus search's first round ({@code ID.quickRound}), the default: see {@link FocusTactic}. */
    static final String QUICK_ROUND_SKIP = "skipInvariant";
    /** A focus search's first round ({@code ID.quickRound}) on every goal. */
    static final String QUICK_ROUND_ALL = "all";
    /** Proof search ({@code ID.tactic}): KeY's auto mode on the whole proof, the default. */
    static final String AUTO = "auto";
    /** Proof search ({@code ID.tactic}): {@link FocusTactic}, {@code .steps} per {@code tryclose}. */
    static final String FOCUS = "focus";
    /**
     * Proof search ({@code ID.tactic}): KeY's auto mode on the whole proof, then the SMT solver on
     * each goal it leaves ({@link #smt}), for arithmetic that KeY's rules do not finish (products
     * of a symbolic divisor and quotients).
     */
    static final String AUTO_SMT = "autoSmt";
    /** The contracts.properties key suffix every contract id has an entry for. */
    private static final String GUARANTEES = ".guarantees";
    /**
     * Values of a contract's {@code .classAxioms}: {@code on} (default) lets the search expand class
     * invariants and model method definitions; {@code off} keeps them folded, so that an
     * invariant is carried from a callee's postcondition to a precondition or loop invariant as one
     * formula (PurgeBatchLemma).
     */
    static final String CLASS_AXIOMS_ON = "on";
    static final String CLASS_AXIOMS_OFF = "off";
    /**
     * Values of a contract's {@code .loops}: {@code invariant} (default) applies each loop's JML
     * loop invariant; {@code expand} unwinds the loops instead (KeY's {@code LOOP_EXPAND}), for a
     * loop that runs a bounded number of times: the proof then closes only if every path leaves
     * the loop (FreeVmapCache.alloc's {@code goto nocache} loop, at most two passes).
     */
    static final String LOOPS_INVARIANT = "invariant";
    static final String LOOPS_EXPAND = "expand";
    static final Pattern NAME = Pattern.compile("^.*?([A-Za-z0-9_]+)\\[[^\\]]*::([^\\]]+)\\]\\.(.*)\\.(\\d+)$");
    static final Pattern USED = Pattern.compile("\\(contract \"([^\"]+)\"\\)");
    /** The number of worker JVMs (1: every proof in the runner's own JVM). */
    static final String WORKERS = "proofs.workers";
    /**
     * The property that names the SMT solver of FocusTactic's step 2g, a KeY solver type name
     * ({@link #DEFAULT_SOLVER} unless given; {@code Z3} runs Debian's {@code z3}); passed on to
     * the worker JVMs.
     */
    static final String SOLVER_PROPERTY = "proofs.solver";
    /** KeY's solver type for Debian's {@code cvc5}, with which the committed proofs were found. */
    static final String DEFAULT_SOLVER = "CVC5";
    /** The solver of this run ({@link #SOLVER_PROPERTY}). */
    static final String SOLVER = System.getProperty(SOLVER_PROPERTY, DEFAULT_SOLVER);
    /** Its time limit per goal (cvc5 proves each of its goals in 1 to 3 s here). */
    static final long SOLVER_TIMEOUT_MS = 30_000;
    /** The contracts whose proofs have SMT steps. */
    static final String SOLVER_PROOFS = "FreeVmapCache.free(vmapref.kernel.VmapArea).1";
    /** Set in a worker JVM only: its index, from 0 to {@link #WORKERS} - 1. */
    static final String WORKER = "proofs.worker";
    /** The file in which a worker hands its results back, in its workDir. */
    static final String WORKER_RESULTS = "results.bin";
    /** The folder, in the run's workDir, of the workers' claims ({@link #claim}). */
    static final String CLAIMS = "claims";
    /** Stack size of a worker JVM: KeY's Java parser recurses deeply (the pom gives the runner the same). */
    static final String WORKER_STACK = "-Xss16m";
    /** Weight (proof nodes) of a contract with no entry in summary.json, for {@link #largestFirst}: the default step budget. */
    static final double UNKNOWN_NODES = DEFAULT_STEPS;
    /**
     * Seconds per proof node of an auto-mode search here, for {@link #largestFirst} in prove mode when
     * summary.json has no {@code search_seconds} for a contract (session 8: 1,252 s for 573,655
     * nodes).
     */
    static final double SECONDS_PER_NODE = 0.0022;
    static final Pattern ENTRY = Pattern.compile(
            "\\{\"contract\": \"([^\"]*)\", \"status\": \"([a-z]+)\", \"nodes\": (\\d+), \"seconds\": ([0-9.]+)"
            + "(?:, \"search_seconds\": ([0-9.]+))?, \"how\": \"([a-z]+)\"\\}");

    /**
     * Non-vacuity mutants: file, exact original text, injected bug, the contract that must then
     * fail, and what the bug is; optionally more (original, replacement) pairs in the same file,
     * for a bug in a callee whose contract (which the target's proof applies) must describe it.
     * Each replacement replaces every occurrence of its original text.
     */
    static final String[][] MUTANTS = {
        {"Ulong.java", "return a + Long.MIN_VALUE < b + Long.MIN_VALUE;", "return a < b;",
            "Ulong.lt(long,long).0", "signed instead of unsigned comparison"},
        {"VmapAreaTree.java", "if (Ulong.le(ends[mid], addr)) {", "if (Ulong.lt(ends[mid], addr)) {",
            "VmapAreaTree.countEndingAtOrBelow(long).0", "binary search with < instead of <="},
        {"VmapAreaTree.java", "if (Ulong.lt(ends[mid], addr)) {", "if (Ulong.le(ends[mid], addr)) {",
            "VmapAreaTree.lowestEndingAtOrAbove(long).0", "descent skips an area ending exactly at addr"},
        {"VmapAreaTree.java", "if (i < count && areas[i] == va) {", "if (i < count) {",
            "VmapAreaTree.indexOf(vmapref.kernel.VmapArea).0", "indexOf returns the neighbour of an absent area"},
        {"VmapAreaTree.java", "for (int j = i; j < count - 1; j++) {", "for (int j = i; j < count - 2; j++) {",
            "VmapAreaTree.shiftDown(int).0", "remove's shift leaves the last area where it was"},
        {"VmapAreaTree.java", "for (int i = count; i > pos; i--) {", "for (int i = count; i > pos + 1; i--) {",
            "VmapAreaTree.shiftUp(int).1", "insert's shift leaves the area at pos where it was (it then appears twice)"},
        {"VmapAreaTree.java", "areas[i] = areas[i - 1];", "areas[i] = areas[i];",
            "VmapAreaTree.shiftUp(int).2", "insert's shift moves the bounds but not the areas"},
        {"VmapAreaTree.java", "ends[pos] = va.vaEnd;", "ends[pos] = va.vaStart;",
            "VmapAreaTree.link(int,vmapref.kernel.VmapArea).0", "rb_link_node records the new area with an empty extent"},
        {"Ulong.java", "return n != 0 && (n & (n - 1)) == 0;", "return (n & (n - 1)) == 0;",
            "Ulong.isPowerOf2(long).0", "is_power_of_2 without its n != 0 test (0 would pass the BUG_ON)"},
        {"VmapArea.java", "return (size >> PAGE_SHIFT) + (1L << (64 - PAGE_SHIFT));", "return size >> PAGE_SHIFT;",
            "VmapArea.pages().0", "page count of a difference of 2^63 or more with an arithmetic shift (sign-extended)"},
        {"FreeVmapCache.java", "} else if (Ulong.le(va.vaStart, freeVmapCache.vaStart)) {",
            "} else if (Ulong.lt(va.vaStart, freeVmapCache.vaStart)) {",
            "FreeVmapCache.moveCacheOff(vmapref.kernel.VmapArea,int).0",
            "freeing the cached area itself keeps the cache pointing at it (INV-CACHE)"},
        {"FreeVmapCache.java", "moveCacheOff(va, i);", ";",
            "FreeVmapCache.erase(vmapref.kernel.VmapArea,int).0",
            "rb_erase without the cache update before it (the cache may be left on the erased area)"},
        {"FreeVmapCache.java", "if (i < 0) {", "if (i <= 0) {",
            "FreeVmapCache.free(vmapref.kernel.VmapArea).0", "the BUG_ON also fires for the lowest area of the tree"},
        {"VmapAreaTree.java", "if (overlapsSuccessor(pos, va)) {", "if (pos < 0) {",
            "VmapAreaTree.insertVmapArea(vmapref.kernel.VmapArea).0",
            "__insert_vmap_area links an area over its successor (F-ALIGN-WRAP) instead of stopping (INV-ORDER)"},
        {"FreeVmapCache.java", "if (Ulong.gt(addr + size, vend)) {", "if (Ulong.gt(addr, vend)) {",
            "FreeVmapCache.found(long,long,long).0", "found: checks addr instead of addr + size against vend (BOUNDS)"},
        {"FreeVmapCache.java", "} else if (Ulong.lt(vstart, cachedVstart)) {", "} else if (Ulong.le(vstart, cachedVstart)) {",
            "FreeVmapCache.resetNeeded(long,long,long).0",
            "the retry: test resets the cache also when vstart equals cached_vstart (OP-ALLOC-CACHE)"},
        {"FreeVmapCache.java", "} else if (Ulong.le(va.vaStart, freeVmapCache.vaStart)) {",
            "} else if (va == freeVmapCache) {",
            "FreeVmapCache.free(vmapref.kernel.VmapArea).1",
            "the free moves the cache off only when it frees the cached area itself, not an area below it"
            + " (PROP-HOLE: the gap below the cache grows); erase's and moveCacheOff's OP-FREE-CACHE"
            + " ensures changed to match",
            "(va.vaStart < 0 ? (\\old(freeVmapCache.vaStart) < 0 && va.vaStart <= \\old(freeVmapCache.vaStart))"
            + " : (\\old(freeVmapCache.vaStart) < 0 || va.vaStart <= \\old(freeVmapCache.vaStart)))",
            "va == \\old(freeVmapCache)"},
        {"Ulong.java", "return a + Long.MIN_VALUE <= b + Long.MIN_VALUE;", "return a <= b;",
            "Ulong.le(long,long).0", "signed instead of unsigned comparison"},
        {"Ulong.java", "return a + Long.MIN_VALUE > b + Long.MIN_VALUE;", "return a > b;",
            "Ulong.gt(long,long).0", "signed instead of unsigned comparison"},
        {"Ulong.java", "return a + Long.MIN_VALUE >= b + Long.MIN_VALUE;", "return a >= b;",
            "Ulong.ge(long,long).0", "signed instead of unsigned comparison"},
        {"VmapAreaTree.java", "if (i < count && Ulong.le(starts[i], addr)) {", "if (i < count) {",
            "VmapAreaTree.find(long).0", "find returns the next area above addr without the va_start <= addr test"},
        {"VmapAreaTree.java", "return first + 1 < count && ends[first] == addr && starts[first + 1] == addr;",
            "return first + 1 < count && ends[first] == addr;",
            "VmapAreaTree.isDescentTie(int,long).0", "the descent tie without its test of the next area's start"},
        {"VmapAreaTree.java", "return countEndingAtOrBelow(va.vaStart);", "return countEndingAtOrBelow(va.vaEnd);",
            "VmapAreaTree.insertPosition(vmapref.kernel.VmapArea).0",
            "the insert position found with va_end instead of va_start (INV-ORDER)"},
        {"VmapAreaTree.java", "return pos < count && Ulong.lt(starts[pos], va.vaEnd);",
            "return pos < count && Ulong.le(starts[pos], va.vaEnd);",
            "VmapAreaTree.overlapsSuccessor(int,vmapref.kernel.VmapArea).0",
            "an area ending where its successor starts counts as overlapping it"},
        {"VmapAreaTree.java", "if (count == areas.length) {", "if (count > areas.length) {",
            "VmapAreaTree.insert(int,vmapref.kernel.VmapArea).0", "insert into a full array without growing it"},
        {"VmapAreaTree.java", "count--;", ";",
            "VmapAreaTree.remove(int).0", "rb_erase that leaves the count as it was (the last area appears twice)"},
        {"VmapAreaTree.java", "for (int i = 0; i < count; i++) {", "for (int i = 1; i < count; i++) {",
            "VmapAreaTree.grow().0", "growing the arrays loses the lowest area"},
        {"FreeVmapCache.java", "if (i < 0) {", "if (i < -1) {",
            "FreeVmapCache.free(vmapref.kernel.VmapArea).exceptional.0",
            "the BUG_ON never fires: an area not in the tree goes on to rb_erase"},
        {"VmapAreaTree.java", "starts[i] = starts[i - 1];", "starts[i] = ends[i - 1];",
            "VmapAreaTree.shiftUp(int).0", "insert's shift copies each area's end into the next start slot"},
        {"VmapAreaTree.java", "starts[j] = starts[j + 1];", "starts[j] = ends[j + 1];",
            "VmapAreaTree.shiftDown(int).2",
            "remove's shift copies each area's end into its start slot (empty areas, INV-NONEMPTY)"},
        {"VmapAreaTree.java", "ends[j] = ends[j + 1];", "ends[j] = ends[count - 1];",
            "VmapAreaTree.shiftDown(int).1", "remove's shift gives every moved area the last area's end (INV-ORDER)"},
        {"VmapArea.java", "this.vaEnd = vaEnd;", "this.vaEnd = vaStart;",
            "VmapArea.VmapArea(long,long).0", "the new area gets an empty extent (va_end = va_start)"},
        {"VmapArea.java", "return flags;", "return 0;",
            "VmapArea.flags().0", "the flags read as 0 (a lazily freed area looks live)"},
        {"VmapAreaTree.java", "public VmapAreaTree() {", "public VmapAreaTree() {\n        count = 1;",
            "VmapAreaTree.VmapAreaTree().0", "the new tree starts with one (unset) area (INIT)"},
        {"VmapAreaTree.java", "return count;", "return count - 1;",
            "VmapAreaTree.size().0", "the size misses one area"},
        {"VmapAreaTree.java", "return starts[i];", "return ends[i];",
            "VmapAreaTree.start(int).0", "va_start read from the end slot"},
        {"VmapAreaTree.java", "return ends[i];", "return starts[i];",
            "VmapAreaTree.end(int).0", "va_end read from the start slot"},
        {"VmapAreaTree.java", "public VmapArea area(int i) {\n        return areas[i];",
            "public VmapArea area(int i) {\n        return areas[0];",
            "VmapAreaTree.area(int).0", "the i-th area read from slot 0"},
        {"FreeVmapCache.java", "this.tree = tree;", "this.tree = tree;\n        cachedAlign = 1;",
            "FreeVmapCache.FreeVmapCache(vmapref.kernel.VmapAreaTree).0",
            "cached_align starts at 1 instead of 0 (INIT)"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);", "return (x + (a - 1)) & ~(a - 1) / (a - a);",
            "Ulong.align(long,long).0", "ALIGN() divides the mask by zero (ArithmeticException, past the ~)"},
        {"Ulong.java", "@   assignable \\strictly_nothing;\n      @ also",
            "@   ensures \\result == x;\n      @   assignable \\strictly_nothing;\n      @ also",
            "Ulong.align(long,long).0", "ALIGN()'s frame contract (any a) claims x is always aligned already"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);", "return (x + (a - 1)) & ~a;",
            "Ulong.align(long,long).1", "ALIGN() masks with ~a instead of ~(a - 1) (the result is no multiple of a)"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);", "return (x + (a - 1)) & ~a;",
            "Ulong.align(long,long).2", "ALIGN() masks with ~a instead of ~(a - 1) (another value)"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);", "return (x + a) & ~(a - 1);",
            "Ulong.align(long,long).3", "ALIGN() rounds x + 1 up (an aligned x gets x + a, past x + a - 1)"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);", "return ((x + (a - 1)) & ~(a - 1)) + a;",
            "Ulong.align(long,long).4", "ALIGN() returns the next multiple up (a multiple at or above x, but not the lowest)"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);",
            "return Ulong.lt(x + (a - 1), x) ? -a : (x + (a - 1)) & ~(a - 1);", "Ulong.align(long,long).5",
            "ALIGN() saturates at the highest multiple of a instead of wrapping to 0 (ALIGN-LEMMA (3))"},
        {"Ulong.java", "return (x + (a - 1)) & ~(a - 1);", "return Ulong.lt(x + (a - 1), x) ? 0 : x & ~(a - 1);",
            "Ulong.align(long,long).5",
            "ALIGN() rounds down when it does not wrap (below x: the callers' wrap test, ALIGN-LEMMA (4))"},
        {"FreeVmapCache.java", "paths |= P_ALIGN_WRAPPED;", "cachedAlign = x;",
            "FreeVmapCache.alignTraced(long,long).0", "the wrap trace overwrites cached_align (outside assignable paths)"},
        {"PurgeBatchLemma.java", "cache.free(va);", "cache.free(cache.tree.areas[cache.tree.count - 1]);",
            "PurgeBatchLemma.freeOne(vmapref.kernel.FreeVmapCache,vmapref.kernel.VmapArea,int).0",
            "one iteration frees the highest area of the tree instead of the member"},
        {"PurgeBatchLemma.java", "requires (\\forall int j; n <= j && j < valist.length; slots[n] <= slots[j]);", "",
            "PurgeBatchLemma.freeNext(vmapref.kernel.FreeVmapCache,[Lvmapref.kernel.VmapArea,[I,int).0",
            "the step without the batch's order (a later member below the freed one does not move down)"},
        {"PurgeBatchLemma.java", "for (int n = 0; n < valist.length; n++) {", "for (int n = 1; n < valist.length; n++) {",
            "PurgeBatchLemma.freeAll(vmapref.kernel.FreeVmapCache,[Lvmapref.kernel.VmapArea,[I).0",
            "the loop skips the batch's first member"},
        {"FreeVmapCache.java", "freeVmapCache = va;", ";",
            "FreeVmapCache.found(long,long,long).0",
            "found: the new area is not cached (free_vmap_cache = &va->rb_node dropped; allocated)"},
        {"FreeVmapCache.java", "if (Ulong.lt(addr + cachedHoleSize, tree.start(first))) {",
            "if (Ulong.le(addr + cachedHoleSize, tree.start(first))) {",
            "FreeVmapCache.holeUpdate(long,int).0",
            "the walk also records a hole equal to cached_hole_size (<= instead of <)"},
        {"FreeVmapCache.java", "reset = true;\n                    continue;", "reset = false;\n                    continue;",
            "FreeVmapCache.alloc(long,long,long,long).0",
            "goto nocache without nocache: (the cache is kept, the attempt loops for ever)"},
        {"FreeVmapCache.java", "addr = alignTraced(tree.end(first), align);\n            // if (addr + size < addr) goto overflow;",
            "addr = tree.end(first);\n            // if (addr + size < addr) goto overflow;",
            "FreeVmapCache.walk(long,int,long,long,long).0",
            "the walk moves addr to the area's end without ALIGN() (ALIGNMENT)"},
        {"FreeVmapCache.java", "long addr = alignTraced(vstart, align);", "long addr = vstart;",
            "FreeVmapCache.treePass(long,long,long,long).0", "the tree path starts at vstart without ALIGN() (ALIGNMENT)"},
        {"FreeVmapCache.java", "addr = alignTraced(tree.end(first), align);\n                // if (addr < vstart) goto nocache;",
            "addr = tree.end(first);\n                // if (addr < vstart) goto nocache;",
            "FreeVmapCache.alloc(long,long,long,long).0",
            "the cached path starts at the cached area's end without ALIGN() (ALIGNMENT)"},
    };

    private final String mode;
    private final String onlyArg;
    /** What {@code onlyArg} selects by ({@link #onlyPatterns}); set once contracts.properties is read. */
    private List<String> only = List.of();
    private final int workers = Integer.getInteger(WORKERS, 1);
    private final Integer worker = Integer.getInteger(WORKER);
    private final Path coreDir;
    private final Path outDir;
    private final Path workDir;
    private final Properties notes = new Properties();
    /** proofs/contracts.properties as read, for {@link ContractNotes}' checks. */
    private String notesText;
    private final Map<String, Result> previous = new LinkedHashMap<>();
    private final Map<String, Result> results = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    /** The cvc5 lemmas' results; null until they are checked (by {@link #runWorkers}, or after the proofs). */
    private List<SmtLemmas.Result> lemmas;

    /**
     * One line of summary.json. {@code seconds} is this run's (search or replay);
     * {@code searchSeconds} is the time of the last search of this proof, kept by a replay.
     */
    record Result(String contract, String status, int nodes, double seconds, double searchSeconds, String how,
                  String text, String openGoal, List<String> uses) implements Serializable {
        Result withStatus(String newStatus, String why) {
            return new Result(contract, newStatus, nodes, seconds, searchSeconds, how, text, why, uses);
        }
    }

    private ProofRunner(String mode, String only, Path coreDir, Path outDir, Path workDir) {
        this.mode = mode;
        this.onlyArg = only;
        this.coreDir = coreDir;
        this.outDir = outDir;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 || !List.of("prove", "check", "mutants").contains(args[0])) {
            System.err.println("usage: ProofRunner prove|check|mutants all|ID[,ID] coreDir outDir workDir");
            System.exit(2);
        }
        if (!System.getProperty(WORKERS, "1").matches("[1-9][0-9]{0,2}")) {
            System.err.println("-D" + WORKERS + " must be a number of worker JVMs from 1 to 999, not '"
                    + System.getProperty(WORKERS) + "'");
            System.exit(2);
        }
        try {
            enableSolver();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        ProofRunner runner = new ProofRunner(args[0], args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
        int rc = runner.run();
        System.exit(rc);
    }

    private int run() throws Exception {
        long t0 = System.nanoTime();
        notesText = Files.readString(outDir.resolve("contracts.properties"), StandardCharsets.UTF_8);
        notes.load(new StringReader(notesText));
        List<String> bad = ContractNotes.problems(notes, notesText);
        if (!bad.isEmpty()) {
            bad.forEach(System.err::println);
            return 2;
        }
        only = onlyPatterns(onlyArg, ContractNotes.contractIds(notes));
        String unread = readPrevious();
        if (unread != null) {
            System.err.println(unread);
            return 2;
        }
        if (mode.equals("mutants")) {
            return mutants();
        }
        if (workers > 1 && worker == null) {
            runWorkers();
        } else {
            proveOrCheckAll();
            if (worker != null) {
                try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(workDir.resolve(WORKER_RESULTS)))) {
                    out.writeObject(new ArrayList<>(results.values()));
                    out.writeObject(new ArrayList<>(failures));
                }
                return 0;
            }
        }
        downgradeConditional();
        if (lemmas == null) {
            lemmas = SmtLemmas.checkAll(outDir.resolve("lemmas"));
        }
        for (SmtLemmas.Result l : lemmas) {
            System.out.printf(Locale.ROOT, "%-60s %-7s %7d checks %7.1f s (cvc5)%n",
                    "proofs/lemmas/" + l.file(), l.status(), l.checks(), l.seconds());
            if (!l.status().equals("proven")) {
                failures.add("proofs/lemmas/" + l.file() + ": " + l.status() + ", " + l.detail());
            }
        }
        for (Map.Entry<String, Result> p : previous.entrySet()) {
            Result now = results.get(p.getKey());
            if (p.getValue().status().equals("proven") && (now == null || !now.status().equals("proven"))) {
                failures.add(p.getKey() + ": listed as proven in the committed summary.json, now "
                        + (now == null ? "missing" : now.status()));
            }
        }
        writeSummary();
        writeReport((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (String f : failures) {
            System.err.println("PROOF FAILURE: " + f);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * Proves (or, in check mode, replays) each selected contract this JVM takes, in one KeY
     * environment; prints how long KeY took to load the core and, at the end, how many contracts
     * this JVM took and when it was done (per worker: how close together the workers end).
     */
    private void proveOrCheckAll() throws Exception {
        Path src = workDir.resolve("src");
        deleteTree(workDir);
        Files.createDirectories(src.resolve("vmapref/kernel"));
        for (String f : CORE) {
            Files.copy(coreDir.resolve(f), src.resolve("vmapref/kernel").resolve(f));
        }
        long t0 = System.nanoTime();
        KeYEnvironment<DefaultUserInterfaceControl> env = loadWithJavaSemantics(src.toFile(), addedRules());
        System.out.printf(Locale.ROOT, "%sKeY loaded the core in %.1f s%n", workerPrefix(),
                (System.nanoTime() - t0) / 1e9);
        int taken = 0;
        try {
            Map<String, Contract> contracts = collectContracts(env);
            for (String m : withoutContract(env)) {
                failures.add(m + ": a method of the verified core without a JML contract");
            }
            if (worker == null || worker == 0) {
                failures.addAll(ContractNotes.unknownContracts(notes, notesText, contracts.keySet()));
            }
            for (String id : largestFirst(contracts.keySet())) {
                if (worker != null && !claim(workDir.getParent().resolve(CLAIMS), id)) {
                    continue;
                }
                if (!selected(id)) {
                    Result old = previous.get(id);
                    if (old != null) {
                        results.put(id, old);
                    }
                    continue;
                }
                if (notes.getProperty(id + GUARANTEES) == null) {
                    failures.add(id + ": no '" + id + ".guarantees' entry in proofs/contracts.properties");
                }
                Result r = null;
                if (mode.equals("check")) {
                    r = replay(id, contracts.get(id), env);
                }
                if (r == null) {
                    r = prove(id, contracts.get(id), env);
                }
                results.put(id, r);
                taken++;
                System.out.printf(Locale.ROOT, "%-60s %-7s %7d nodes %8.1f s (%s)%n",
                        id, r.status(), r.nodes(), r.seconds(), r.how());
            }
        } finally {
            env.dispose();
        }
        System.out.printf(Locale.ROOT, "%sdone: %d contract%s in %.1f s%n", workerPrefix(), taken,
                taken == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9);
    }

    /** {@code "worker i: "} in a worker JVM, so that its lines can be told apart; else empty. */
    private String workerPrefix() {
        return worker == null ? "" : "worker " + worker + ": ";
    }

    /**
     * The contracts in the order the workers take them: largest first, so that the last ones a
     * worker takes are small and the workers end close together. In check mode a contract weighs
     * its proof nodes (replaying takes time in proportion to them; {@link #UNKNOWN_NODES} for a new
     * contract); in prove mode the seconds its last search took ({@code search_seconds}, kept by
     * check runs; estimated from the nodes by {@link #SECONDS_PER_NODE} if there is none), since a
     * {@code focus} search spends most of its time in {@code tryclose} runs that it prunes, which
     * leave no nodes.
     */
    private List<String> largestFirst(Set<String> ids) {
        List<String> order = new ArrayList<>(ids);
        order.sort(Comparator.comparingDouble(this::weight).reversed().thenComparing(Comparator.naturalOrder()));
        return order;
    }

    /**
     * Takes the contract {@code id} for the calling worker: true if no other worker has taken it.
     * The claim is a file created in {@code claims} (the run's {@link #CLAIMS} folder); creating a
     * file that exists fails, so exactly one worker gets each contract.
     */
    static boolean claim(Path claims, String id) throws IOException {
        try {
            Files.createFile(claims.resolve(fileOf(id)));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private double weight(String id) {
        Result r = previous.get(id);
        double nodes = r == null ? UNKNOWN_NODES : r.nodes();
        if (mode.equals("prove")) {
            return r == null || r.searchSeconds() == 0 ? nodes * SECONDS_PER_NODE : r.searchSeconds();
        }
        return nodes;
    }

    /**
     * Runs {@link #workers} worker JVMs (this class, {@code -Dproofs.worker=i}), each with its own
     * workDir and KeY settings folder ({@code worker-i} in this JVM's {@code user.home}, kept between
     * runs as the runner's own is), and collects their results and failures. The workers use the
     * parallel collector with an equal share of the cores for its threads: KeY allocates heavily,
     * and in session 13 the full prove run took 1,035 s with it against 1,242 s with the default G1
     * collector (same proofs, same nodes; proofs/README.md).
     */
    @SuppressWarnings("unchecked")
    private void runWorkers() throws Exception {
        deleteTree(workDir);
        Files.createDirectories(workDir.resolve(CLAIMS));
        long heapMb = Runtime.getRuntime().maxMemory() / workers / (1024 * 1024);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> running = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Path dir = workDir.resolve("worker-" + i);
            Files.createDirectories(dir);
            dirs.add(dir);
            running.add(new ProcessBuilder(java, "-Xmx" + heapMb + "m", WORKER_STACK, "-XX:+UseParallelGC",
                    "-XX:ParallelGCThreads=" + Math.max(1, Runtime.getRuntime().availableProcessors() / workers),
                    "-Duser.home=" + Path.of(System.getProperty("user.home"), "worker-" + i),
                    "-D" + WORKERS + "=" + workers, "-D" + WORKER + "=" + i, "-D" + SOLVER_PROPERTY + "=" + SOLVER,
                    "-cp", System.getProperty("java.class.path"), ProofRunner.class.getName(),
                    mode, onlyArg, coreDir.toString(), outDir.toString(), dir.toString())
                    .inheritIO().start());
        }
        System.out.println(workers + " worker JVMs, " + heapMb + " MB heap each");
        // The lemmas take a core for about 30 s. They run from the start, beside the workers: the
        // workers share one list and end together (0.6 s apart in session 48's prove run), so the
        // lemmas, which until then waited for the first worker to be done, ran 28 s after them.
        FutureTask<List<SmtLemmas.Result>> lemmaCheck = new FutureTask<>(() -> SmtLemmas.checkAll(outDir.resolve("lemmas")));
        Thread lemmaThread = new Thread(lemmaCheck, "cvc5-lemmas");
        lemmaThread.setDaemon(true);
        lemmaThread.start();
        for (int i = 0; i < workers; i++) {
            int rc = running.get(i).waitFor();
            Path file = dirs.get(i).resolve(WORKER_RESULTS);
            if (rc != 0 || !Files.exists(file)) {
                failures.add("worker " + i + " of " + workers + " exited with status " + rc + " and no results");
                continue;
            }
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
                for (Result r : (List<Result>) in.readObject()) {
                    results.put(r.contract(), r);
                }
                for (String f : (List<String>) in.readObject()) {
                    if (!failures.contains(f)) {
                        failures.add(f);
                    }
                }
            }
        }
        try {
            lemmas = lemmaCheck.get();
        } catch (ExecutionException e) {
            throw new IOException("cvc5 lemmas: " + e.getCause(), e.getCause());
        }
    }

    /**
     * A closed proof that applied the contract of a method whose own proof is not closed is only
     * conditional: it is reported open, naming the contract it relies on (until nothing changes).
     */
    private void downgradeConditional() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Result r : new ArrayList<>(results.values())) {
                if (!r.status().equals("proven")) {
                    continue;
                }
                for (String used : r.uses()) {
                    if (used.startsWith(LIBRARY) || used.startsWith(ADDED)) {
                        continue;
                    }
                    Result u = results.get(used);
                    if (!used.equals(r.contract()) && (u == null || !u.status().equals("proven"))) {
                        results.put(r.contract(), r.withStatus("open", "closes only by applying the contract "
                                + used + ", which is " + (u == null ? "not in this run" : u.status())));
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * The added rules that the proofs of the contracts {@code r} applies trust, directly or
     * through contracts they apply in turn, and that {@code r}'s own proof does not apply.
     */
    private List<String> addedRulesThrough(Result r) {
        Set<String> seen = new HashSet<>(List.of(r.contract()));
        Deque<String> todo = new ArrayDeque<>(r.uses());
        Set<String> rules = new TreeSet<>();
        while (!todo.isEmpty()) {
            String used = todo.pop();
            Result u = results.get(used);
            if (u == null || !seen.add(used)) {
                continue;
            }
            for (String next : u.uses()) {
                if (next.startsWith(ADDED)) {
                    rules.add(next);
                } else {
                    todo.push(next);
                }
            }
        }
        rules.removeAll(r.uses());
        return new ArrayList<>(rules);
    }

    /**
     * The contracts a proof applies: every contract rule application left in its tree. Not KeY's
     * {@code proof.mgt().getUsedContracts()}, which forgets a contract when the focus search prunes
     * one of its applications though others stay ({@link #downgradeConditional} relies on the list).
     * Also the entry of each added taclet the proof applies.
     */
    private static List<String> usedContracts(Proof proof) {
        List<String> out = new ArrayList<>();
        for (Iterator<Node> it = proof.root().subtreeIterator(); it.hasNext(); ) {
            RuleApp applied = it.next().getAppliedRuleApp();
            if (applied instanceof AbstractContractRuleApp app) {
                addUsed(out, app.getInstantiation().getName());
            } else if (applied != null) {
                for (AddedRule rule : ADDED_RULES) {
                    if (applied.rule().name().toString().equals(rule.taclet()) && !out.contains(rule.entry())) {
                        out.add(rule.entry());
                    }
                }
            }
        }
        return out;
    }

    /** The contracts a saved proof applies, from its {@code (contract "...")} entries, and the added taclets' entries. */
    private static List<String> usedContracts(String proofText) {
        List<String> out = new ArrayList<>();
        Matcher m = USED.matcher(proofText);
        while (m.find()) {
            addUsed(out, m.group(1));
        }
        for (AddedRule rule : ADDED_RULES) {
            if (proofText.contains("(rule \"" + rule.taclet() + "\"")) {
                out.add(rule.entry());
            }
        }
        return out;
    }

    /**
     * Adds the ids of an applied contract to {@code out}, once each. A method with several
     * {@code normal_behavior} cases is applied as one combined contract, named by its cases'
     * names joined with {@code #}: each case is listed (the last one alone would hide an open case
     * from {@link #downgradeConditional}).
     */
    private static void addUsed(List<String> out, String contractName) {
        for (String part : contractName.split("#")) {
            String entry = usedEntry(part);
            if (!out.contains(entry)) {
                out.add(entry);
            }
        }
    }

    /**
     * The id of a used contract, marked {@link #LIBRARY} unless it is one of ours: KeY names a
     * contract after the type it belongs to, so ours (also the dependency contract of
     * {@code VmapAreaTree.<inv>}, whose target is declared in {@code Object}) start with
     * {@code vmapref.}.
     */
    private static String usedEntry(String contractName) {
        String id = idOfName(contractName);
        return contractName.startsWith("vmapref.") ? id : LIBRARY + id;
    }

    /**
     * The substrings {@code -Dproofs.only} selects contracts by: its value split at the commas, with
     * neighbouring pieces joined again (comma included) as long as the joined string occurs in one
     * of {@code ids}. A contract id has commas between its parameter types, so written in full it
     * selects that contract alone, and a comma between two ids still separates them. Empty for
     * {@code all} (every contract).
     */
    static List<String> onlyPatterns(String only, Collection<String> ids) {
        if ("all".equals(only)) {
            return List.of();
        }
        String[] pieces = only.split(",");
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < pieces.length) {
            String pattern = pieces[i++];
            while (i < pieces.length && occursIn(pattern + "," + pieces[i], ids)) {
                pattern = pattern + "," + pieces[i++];
            }
            out.add(pattern);
        }
        return out;
    }

    private static boolean occursIn(String s, Collection<String> ids) {
        return ids.stream().anyMatch(id -> id.contains(s));
    }

    private boolean selected(String id) {
        if (only.isEmpty()) {
            return true;
        }
        for (String o : only) {
            if (id.contains(o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs every mutant of {@link #MUTANTS} whose contract is selected ({@code only}); a mutant is
     * killed when its contract does not close. The rows of the other mutants are kept from the
     * existing NONVACUITY.md (a row that is not a kill still fails the run).
     */
    private int mutants() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("# Non-vacuity check (generated by `mvn -Pproofs -DskipTests verify -Dproofs.mode=mutants`)\n\n");
        sb.append("Each row injects one bug into a copy of the core and re-runs KeY on the contract that should ")
                .append("catch it, with the same settings and step budget as the real run. `killed` means the ")
                .append("proof no longer closes, so the contract is not vacuous for that bug. A mutant of a contract ")
                .append("that summary.json does not list as proven shows nothing (its proof does not close anyway): ")
                .append("it is reported `not applicable` and counts as a failure of this check.\n\n");
        sb.append("| file | injected bug | contract | result | nodes | seconds |\n|---|---|---|---|---|---|\n");
        int failed = 0;
        Path table = outDir.resolve("NONVACUITY.md");
        List<String> oldRows = Files.exists(table) ? Files.readAllLines(table, StandardCharsets.UTF_8) : List.of();
        for (String[] m : MUTANTS) {
            String prefix = String.format(Locale.ROOT, "| %s | %s: `%s` -> `%s` | `%s` |", m[0], m[4], oneLine(m[1]),
                    oneLine(m[2]), m[3]);
            if (!selected(m[3])) {
                String old = oldRows.stream().filter(l -> l.startsWith(prefix)).findFirst()
                        .orElse(prefix + " **not run** (not selected, and no earlier result) | 0 | 0.0 |");
                failed += old.contains("| killed") ? 0 : 1;
                sb.append(old).append('\n');
                continue;
            }
            Result unmutated = previous.get(m[3]);
            Result r = null;
            String verdict;
            if (unmutated == null || !unmutated.status().equals("proven")) {
                verdict = "**not applicable** (" + (unmutated == null ? "no entry in summary.json"
                        : "the contract itself is " + unmutated.status()) + ")";
            } else {
                r = proveMutant(m);
                verdict = r == null ? "**contract missing**" : r.status().equals("open") ? "killed (open)" : "**SURVIVED**";
            }
            failed += verdict.startsWith("killed") ? 0 : 1;
            sb.append(prefix).append(String.format(Locale.ROOT, " %s | %d | %.1f |%n", verdict,
                    r == null ? 0 : r.nodes(), r == null ? 0.0 : r.seconds()));
            System.out.println(m[3] + " with bug '" + m[4] + "': " + verdict);
        }
        Set<String> targeted = new HashSet<>();
        for (String[] m : MUTANTS) {
            targeted.add(m[3]);
        }
        List<String> unchecked = previous.values().stream()
                .filter(r -> r.status().equals("proven") && !targeted.contains(r.contract()))
                .map(r -> "`" + r.contract() + "`").toList();
        sb.append("\nProven contracts that no mutant targets (their non-vacuity is not checked here): ")
                .append(unchecked.isEmpty() ? "none" : String.join(", ", unchecked)).append(".\n");
        Files.writeString(outDir.resolve("NONVACUITY.md"), sb.toString(), StandardCharsets.UTF_8);
        return failed == 0 ? 0 : 1;
    }

    /** A mutant's anchor or replacement as one table line: a line break and the indentation after it become one space. */
    private static String oneLine(String code) {
        return code.replaceAll("\\n\\s*", " ");
    }

    /** Proves the mutant's target contract in a copy of the core with the bug injected; null if the contract is gone. */
    private Result proveMutant(String[] m) throws Exception {
        Path src = workDir.resolve("src");
        deleteTree(workDir);
        Files.createDirectories(src.resolve("vmapref/kernel"));
        for (String f : CORE) {
            String text = Files.readString(coreDir.resolve(f), StandardCharsets.UTF_8);
            if (f.equals(m[0])) {
                for (int k = 1; k < m.length; k = k == 1 ? 5 : k + 2) {
                    if (!text.contains(m[k])) {
                        throw new IllegalStateException("mutant anchor not found in " + f + ": " + m[k]);
                    }
                    text = text.replace(m[k], m[k + 1]);
                }
            }
            Files.writeString(src.resolve("vmapref/kernel").resolve(f), text, StandardCharsets.UTF_8);
        }
        KeYEnvironment<DefaultUserInterfaceControl> env = loadWithJavaSemantics(src.toFile(), addedRules());
        try {
            Contract c = collectContracts(env).get(m[3]);
            return c == null ? null : proveUnsaved(m[3], c, env);
        } finally {
            env.dispose();
        }
    }

    /**
     * Copies the files of {@link #ADDED_RULES} from {@code proofs/rules/} into the work folder,
     * where the proofs are saved and replayed (their header names them relative to themselves).
     */
    private List<java.io.File> addedRules() throws IOException {
        List<java.io.File> out = new ArrayList<>();
        for (AddedRule rule : ADDED_RULES) {
            Path rules = workDir.resolve(rule.file());
            Files.copy(outDir.resolve("rules").resolve(rule.file()), rules, StandardCopyOption.REPLACE_EXISTING);
            out.add(rules.toFile());
        }
        return out;
    }

    /**
     * Selects Java integer semantics in KeY's default choice settings, then loads the sources with
     * the added taclet files {@code rules} (KeY's "includes"). The load fills in the defaults of the
     * other choice categories and keeps this one; {@link #search} checks it again on every proof
     * obligation. Until session 48 the runner loaded the core once more, before selecting it.
     */
    private static KeYEnvironment<DefaultUserInterfaceControl> loadWithJavaSemantics(java.io.File src,
            List<java.io.File> rules) throws Exception {
        ChoiceSettings choices = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings();
        Map<String, String> defaults = new HashMap<>(choices.getDefaultChoices());
        defaults.put(INT_RULES, JAVA_SEMANTICS);
        choices.setDefaultChoices(defaults);
        KeYEnvironment<DefaultUserInterfaceControl> env = KeYEnvironment.load(src, null, null, rules);
        String active = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings().getDefaultChoices().get(INT_RULES);
        if (!JAVA_SEMANTICS.equals(active)) {
            throw new IllegalStateException("KeY did not take " + JAVA_SEMANTICS + ": " + active);
        }
        return env;
    }

    /**
     * Every contract of the core types, keyed by a stable id: {@code Type.method(params).N}, with
     * {@code .exceptional} before the number for an {@code exceptional_behavior} case (KeY numbers
     * the normal and the exceptional case of one method both 0) and {@code .dep} for an accessible
     * clause. The targets are the core's own methods and the class invariant {@code <inv>} (whose
     * container type is {@code Object}: an {@code accessible \inv} clause is a contract of the
     * class that declares it, used by the dependency step of {@link FocusTactic}). Two contracts
     * with one id are an error: one of them would never be proven.
     */
    private static Map<String, Contract> collectContracts(KeYEnvironment<?> env) {
        Map<String, Contract> out = new TreeMap<>();
        for (KeYJavaType kjt : coreTypes(env)) {
            for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(kjt)) {
                boolean invariant = target == env.getJavaInfo().getInv();
                if (!invariant && !target.getContainerType().getFullName().startsWith("vmapref.")) {
                    continue;
                }
                for (Contract c : env.getSpecificationRepository().getContracts(kjt, target)) {
                    String id = idOf(c);
                    Contract twin = out.put(id, c);
                    if (twin != null) {
                        throw new IllegalStateException("two contracts map to the id " + id + ": '"
                                + twin.getName() + "' and '" + c.getName() + "'");
                    }
                }
            }
        }
        return out;
    }

    /** The core's types as KeY loaded them: ours ({@code vmapref.}), not its Java library's. */
    private static List<KeYJavaType> coreTypes(KeYEnvironment<?> env) {
        List<KeYJavaType> out = new ArrayList<>();
        for (KeYJavaType kjt : env.getJavaInfo().getAllKeYJavaTypes()) {
            if (!KeYTypeUtil.isLibraryClass(kjt) && kjt.getFullName().startsWith("vmapref.")) {
                out.add(kjt);
            }
        }
        return out;
    }

    /**
     * The methods and constructors written in the core's sources (not KeY's implicit ones) that
     * have no contract: issue 6 asks for one on every core method, so each fails the run. Every
     * worker reports the same list (the parent JVM keeps each once).
     */
    private static List<String> withoutContract(KeYEnvironment<?> env) {
        List<String> out = new ArrayList<>();
        for (KeYJavaType kjt : coreTypes(env)) {
            List<IProgramMethod> methods = new ArrayList<>();
            env.getJavaInfo().getAllProgramMethodsLocallyDeclared(kjt).forEach(methods::add);
            env.getJavaInfo().getConstructors(kjt).forEach(methods::add);
            for (IProgramMethod pm : methods) {
                if (!pm.isImplicit() && env.getSpecificationRepository().getContracts(kjt, pm).isEmpty()) {
                    out.add(kjt.getName() + "." + pm.getName());
                }
            }
        }
        return out;
    }

    static String idOf(Contract c) {
        return idOfName(c.getName());
    }

    private static String idOfName(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return name.replaceAll("[^A-Za-z0-9_.()]", "_");
        }
        String kind = m.group(3).contains("accessible") ? ".dep"
                : m.group(3).contains("exceptional_behavior") ? ".exceptional" : "";
        return m.group(1) + "." + m.group(2).replace(" ", "") + kind + "." + m.group(4);
    }

    private static String fileOf(String id) {
        return id.replaceAll("[^A-Za-z0-9_.]", "_") + ".proof";
    }

    private StrategyProperties strategy() {
        StrategyProperties sp = new StrategyProperties();
        sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
        sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
        sp.setProperty(StrategyProperties.BLOCK_OPTIONS_KEY, StrategyProperties.BLOCK_CONTRACT_INTERNAL);
        sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
        sp.setProperty(StrategyProperties.QUANTIFIERS_OPTIONS_KEY, StrategyProperties.QUANTIFIERS_NON_SPLITTING_WITH_PROGS);
        sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
        sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_ON);
        sp.setProperty(StrategyProperties.OSS_OPTIONS_KEY, StrategyProperties.OSS_ON);
        sp.setProperty(StrategyProperties.CLASS_AXIOM_OPTIONS_KEY, StrategyProperties.CLASS_AXIOM_FREE);
        sp.setProperty(StrategyProperties.STOPMODE_OPTIONS_KEY, StrategyProperties.STOPMODE_DEFAULT);
        return sp;
    }

    /** Makes {@code sp} the proof's strategy settings and its active strategy. */
    static void useStrategy(Proof proof, StrategyProperties sp) {
        proof.getSettings().getStrategySettings().setActiveStrategyProperties(sp);
        proof.setActiveStrategy(proof.getActiveStrategyFactory().create(proof, sp));
    }

    /** Searches a proof in auto mode within the contract's step budget, and saves it. */
    private Result prove(String id, Contract contract, KeYEnvironment<?> env) {
        return search(id, contract, env, true);
    }

    private Result proveUnsaved(String id, Contract contract, KeYEnvironment<?> env) {
        return search(id, contract, env, false);
    }

    /**
     * Whether a focus search's first round tries every goal ({@code .quickRound=all}) rather than
     * leave out, with class axioms on, the goals with {@code self}'s folded class invariant in the
     * succedent (the default, {@code skipInvariant}).
     */
    private boolean quickRoundAll(String id) {
        return notes.getProperty(id + ".quickRound", QUICK_ROUND_SKIP).equals(QUICK_ROUND_ALL);
    }

    /**
     * The report's words for the goals that a focus search's first round tries, as
     * {@link FocusTactic} chooses them.
     */
    private String firstRound(String id) {
        if (FocusTactic.skipsInvariantGoals(quickRoundAll(id),
                CLASS_AXIOMS_OFF.equals(notes.getProperty(id + ".classAxioms")))) {
            return ", on the goals without `self`'s folded class invariant";
        }
        return ", on every goal";
    }

    /** A focus search's first-round budget: the contract's {@code .quickSteps}, or the default. */
    private int quickSteps(String id) {
        return Integer.parseInt(notes.getProperty(id + ".quickSteps", Integer.toString(FocusTactic.QUICK_STEPS)));
    }

    private Result search(String id, Contract contract, KeYEnvironment<?> env, boolean keep) {
        long t0 = System.nanoTime();
        String text = contract.getPlainText(env.getServices());
        Proof proof = null;
        try {
            ProofOblInput po = contract.createProofObl(env.getInitConfig(), contract);
            proof = env.createProof(po);
            if (!JAVA_SEMANTICS.equals(proof.getSettings().getChoiceSettings().getDefaultChoices().get(INT_RULES))) {
                throw new IllegalStateException("proof obligation not under " + JAVA_SEMANTICS);
            }
            int steps = Integer.parseInt(notes.getProperty(id + ".steps", Integer.toString(DEFAULT_STEPS)));
            StrategyProperties sp = strategy();
            String classAxioms = notes.getProperty(id + ".classAxioms", CLASS_AXIOMS_ON);
            if (classAxioms.equals(CLASS_AXIOMS_OFF)) {
                sp.setProperty(StrategyProperties.CLASS_AXIOM_OPTIONS_KEY, StrategyProperties.CLASS_AXIOM_OFF);
            } else if (!classAxioms.equals(CLASS_AXIOMS_ON)) {
                throw new IllegalArgumentException("unknown " + id + ".classAxioms=" + classAxioms + " (on or off)");
            }
            String loops = notes.getProperty(id + ".loops", LOOPS_INVARIANT);
            if (loops.equals(LOOPS_EXPAND)) {
                sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_EXPAND);
            } else if (!loops.equals(LOOPS_INVARIANT)) {
                throw new IllegalArgumentException("unknown " + id + ".loops=" + loops + " (invariant or expand)");
            }
            proof.getSettings().getStrategySettings().setMaxSteps(steps);
            long timeout = 1000L * Integer.parseInt(notes.getProperty(id + ".timeout", Long.toString(DEFAULT_TIMEOUT_MS / 1000)));
            proof.getSettings().getStrategySettings().setTimeout(timeout);
            useStrategy(proof, sp);
            String calleeId = notes.getProperty(id + ".callContract");
            if (calleeId != null) {
                Contract callee = collectContracts(env).get(calleeId);
                if (callee == null) {
                    throw new IllegalArgumentException("unknown contract in " + id + ".callContract=" + calleeId);
                }
                System.out.println(id + ": " + calleeId + " applied at " + CallContract.apply(env, proof, callee, sp) + " call(s)");
            }
            String tactic = notes.getProperty(id + ".tactic", AUTO);
            if (tactic.equals(FOCUS)) {
                System.out.println(id + ": focus search: " + FocusTactic.run(env, proof, steps, quickSteps(id),
                        quickRoundAll(id), timeout));
            } else if (tactic.equals(AUTO)) {
                env.getProofControl().startAndWaitForAutoMode(proof);
            } else if (tactic.equals(AUTO_SMT)) {
                env.getProofControl().startAndWaitForAutoMode(proof);
                List<Goal> left = proof.openGoals().toList();
                smt(proof, left);
                System.out.println(id + ": " + SOLVER + " on the " + left.size() + " goal(s) auto mode left: "
                        + proof.openGoals().size() + " still open");
            } else {
                throw new IllegalArgumentException("unknown " + id + ".tactic=" + tactic + " (auto, autoSmt or focus)");
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (keep) {
                save(id, proof);
            }
            boolean closed = proof.closed();
            return new Result(id, closed ? "proven" : "open", proof.countNodes(), secs, secs, "searched", text,
                    closed ? "" : firstOpenGoal(proof, env), usedContracts(proof));
        } catch (Exception | StackOverflowError ex) {
            double secs = (System.nanoTime() - t0) / 1e9;
            System.err.println(id + ": error in the search");
            ex.printStackTrace();
            return new Result(id, "error", proof == null ? 0 : proof.countNodes(), secs, secs, "searched", text,
                    ex.getClass().getSimpleName() + ": " + ex.getMessage(), List.of());
        } finally {
            if (proof != null) {
                proof.dispose();
            }
        }
    }

    /**
     * KeY's SMT settings for the steps that {@link FocusTactic}'s step 2g leaves to {@link #SOLVER}:
     * its time limit per goal ({@link #SOLVER_TIMEOUT_MS}), and {@code enableOnLoad}, without which
     * KeY 2.12.3 skips a saved SMT step when it loads a proof (check mode) and leaves its goal open.
     * Warns if the solver's command is not on the PATH: a saved proof with an SMT step then does not
     * close in check mode, and the step does not close its goals in prove mode.
     */
    private static void enableSolver() {
        ProofIndependentSMTSettings smt = ProofIndependentSettings.DEFAULT_INSTANCE.getSMTSettings();
        smt.setTimeout(SOLVER_TIMEOUT_MS);
        smt.setEnableOnLoad(true);
        SolverType solver = solverType();
        if (!solver.isInstalled(true)) {
            System.out.println("WARNING: the SMT solver " + SOLVER + " ('" + solver.getSolverCommand()
                    + "') is not on the PATH: proofs with an SMT step (" + SOLVER_PROOFS + ") cannot close."
                    + " Install it (Debian's cvc5 for " + DEFAULT_SOLVER + ", .ci/run does; z3 for Z3).");
        }
    }

    /** KeY's solver type for {@link #SOLVER}. */
    static SolverType solverType() {
        for (SolverType t : SolverTypes.getSolverTypes()) {
            if (t.getName().equals(SOLVER)) {
                return t;
            }
        }
        List<String> names = new ArrayList<>();
        for (SolverType t : SolverTypes.getSolverTypes()) {
            names.add(t.getName());
        }
        throw new IllegalArgumentException("-D" + SOLVER_PROPERTY + "=" + SOLVER + ": KeY has no SMT solver type of that name;"
                + " it has " + String.join(", ", names));
    }

    /**
     * Gives each of {@code goals} to {@link #SOLVER} through KeY's SMT interface (KeY's own
     * SMT-LIB translation of the sequent) and closes each one the solver reports valid with KeY's
     * SMT rule; the saved proof records the step, and check mode runs the solver on it again.
     */
    static void smt(Proof proof, List<Goal> goals) {
        SolverType solver = solverType();
        DefaultSMTSettings settings = smtSettings(proof);
        for (Goal goal : goals) {
            String clash = nameClash(goal);
            if (clash != null) {
                System.out.println("SMT not tried on a goal of " + proof.name() + ": two different functions are named '"
                        + clash + "', and KeY's SMT translation would make them one");
                continue;
            }
            if (hasCharLiteral(goal.sequent(), proof.getServices())) {
                System.out.println("SMT not tried on a goal of " + proof.name() + ": it holds a char literal"
                        + " (a string's characters), which KeY 2.12.3's SMT translation writes with the symbol '#',"
                        + " which the solver cannot parse");
                continue;
            }
            SMTProblem problem = new SMTProblem(goal);
            new SolverLauncher(settings).launch(List.of(solver), List.of(problem), proof.getServices());
            if (problem.getFinalResult().isValid() == SMTSolverResult.ThreeValuedTruth.VALID) {
                goal.apply(SMTRuleApp.RULE.createApp(solver.getName()));
            }
        }
    }

    /** The SMT settings of {@code proof}: its own, with the runner's proof-independent ones. */
    static DefaultSMTSettings smtSettings(Proof proof) {
        return new DefaultSMTSettings(proof.getSettings().getSMTSettings(),
                ProofIndependentSettings.DEFAULT_INSTANCE.getSMTSettings(), proof.getSettings().getNewSMTSettings(),
                proof);
    }

    /**
     * Whether {@code sequent} holds a char literal ({@code C(...)}, e.g. a character of the string
     * literal in {@code new KernelBug("...")}). KeY 2.12.3's SMT translation handles the integer
     * literal {@code Z(...)} but leaves {@code C} uninterpreted and writes its digits as symbols,
     * the last one {@code u_#}, which is not SMT-LIB: cvc5 stops at a parse error and KeY reports
     * {@code Broken pipe} (session 50, a goal of {@code free}'s case 1 with a first round of 1,000
     * steps). {@link #smt} does not give such a goal to the solver.
     */
    static boolean hasCharLiteral(Sequent sequent, Services services) {
        OpCollector ops = new OpCollector();
        for (SequentFormula sf : sequent) {
            sf.formula().execPreOrder(ops);
        }
        return ops.contains(services.getTypeConverter().getIntegerLDT().getCharSymbol());
    }

    /**
     * A name that two different functions (constants included) of {@code goal}'s sequent have,
     * or null. KeY tells functions apart by identity, its SMT translation by name: given such a
     * goal, the solver would prove a goal with the two identified, which KeY's goal does not say
     * ({@link FocusTactic} avoids making them; this check keeps {@link #smt} sound if some step
     * still does).
     */
    static String nameClash(Goal goal) {
        Map<String, Object> seen = new HashMap<>();
        String[] clash = {null};
        for (SequentFormula sf : goal.sequent()) {
            sf.formula().execPreOrder(new DefaultVisitor() {
                @Override
                public void visit(Term t) {
                    if (!(t.op() instanceof JFunction)) {
                        return;
                    }
                    Object other = seen.putIfAbsent(t.op().name().toString(), t.op());
                    if (other != null && other != t.op() && clash[0] == null) {
                        clash[0] = t.op().name().toString();
                    }
                }
            });
        }
        return clash[0];
    }

    private static String firstOpenGoal(Proof proof, KeYEnvironment<?> env) {
        StringBuilder sb = new StringBuilder();
        sb.append(proof.openGoals().size()).append(" open goal(s); first: ");
        for (Goal g : proof.openGoals()) {
            String s = LogicPrinter.quickPrintSequent(g.sequent(), env.getServices());
            sb.append(s.length() > 3000 ? s.substring(0, 3000) + " ..." : s);
            break;
        }
        return sb.toString();
    }

    /** Saves the proof beside the sources ({@code \javaSource "src"}), gzipped into outDir. */
    private void save(String id, Proof proof) throws IOException {
        Path file = workDir.resolve(fileOf(id));
        new ProofSaver(proof, file.toFile()).save();
        Files.createDirectories(outDir);
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(outDir.resolve(fileOf(id) + ".gz")))) {
            in.transferTo(out);
        }
    }

    /** Replays the committed proof; null when there is none or it does not close now. */
    private Result replay(String id, Contract contract, KeYEnvironment<?> env) {
        Path gz = outDir.resolve(fileOf(id) + ".gz");
        Result old = previous.get(id);
        if (!Files.exists(gz) || old == null) {
            return null;
        }
        long t0 = System.nanoTime();
        Path file = workDir.resolve(fileOf(id));
        KeYEnvironment<DefaultUserInterfaceControl> penv = null;
        try {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            penv = KeYEnvironment.load(file.toFile());
            Proof p = penv.getLoadedProof();
            String rules = p.getSettings().getChoiceSettings().getDefaultChoices().get(INT_RULES);
            boolean sound = JAVA_SEMANTICS.equals(rules);
            double secs = (System.nanoTime() - t0) / 1e9;
            if (p.closed() && sound && !penv.getReplayResult().hasErrors()) {
                return new Result(id, "proven", p.countNodes(), secs, old.searchSeconds(), "replayed",
                        contract.getPlainText(env.getServices()),
                        "", usedContracts(Files.readString(file, StandardCharsets.UTF_8)));
            }
            if (!old.status().equals("proven") && sound) {
                return new Result(id, "open", p.countNodes(), secs, old.searchSeconds(), "replayed",
                        contract.getPlainText(env.getServices()), firstOpenGoal(p, penv),
                        usedContracts(Files.readString(file, StandardCharsets.UTF_8)));
            }
            System.out.println(id + ": committed proof does not replay (" + penv.getReplayResult().getStatus()
                    + ", intRules " + rules + "), searching again");
            for (Throwable err : penv.getReplayResult().getErrorList()) {
                System.out.println("  replay error: " + err);
            }
            return null;
        } catch (Exception ex) {
            System.out.println(id + ": committed proof does not load (" + ex + "), searching again");
            return null;
        } finally {
            if (penv != null) {
                penv.dispose();
            }
        }
    }

    /** Reads the committed summary.json into {@link #previous}; its problem (file named), or null. */
    private String readPrevious() throws IOException {
        Path f = outDir.resolve("summary.json");
        if (!Files.exists(f)) {
            return null;
        }
        String problem = readSummary(Files.readString(f, StandardCharsets.UTF_8), previous);
        return problem == null ? null : f + ": " + problem;
    }

    /**
     * Puts each entry of a summary.json's {@code text} into {@code into}, by contract. Returns null,
     * or, if some entries are not one line in the runner's own format (as {@link #writeSummary}
     * writes them), what is wrong: without them check mode would search those proofs instead of
     * replaying them, and would not notice a contract listed as proven that no longer closes.
     */
    static String readSummary(String text, Map<String, Result> into) {
        Matcher m = ENTRY.matcher(text);
        int read = 0;
        while (m.find()) {
            read++;
            into.put(m.group(1), new Result(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                    Double.parseDouble(m.group(4)), m.group(5) == null ? 0 : Double.parseDouble(m.group(5)), m.group(6),
                    "", "", List.of()));
        }
        int entries = text.split("\"contract\"", -1).length - 1;
        if (read != entries) {
            return (entries - read) + " of its " + entries + " entries are not one line in the runner's own format"
                    + " (as writeSummary writes them); without them check mode would search those proofs instead of"
                    + " replaying them, and would not notice a contract listed as proven that no longer closes";
        }
        return null;
    }

    private void writeSummary() throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        int i = 0;
        for (Result r : results.values()) {
            sb.append(String.format(Locale.ROOT,
                    "  {\"contract\": \"%s\", \"status\": \"%s\", \"nodes\": %d, \"seconds\": %.1f, "
                            + "\"search_seconds\": %.1f, \"how\": \"%s\"}%s%n",
                    r.contract(), r.status(), r.nodes(), r.seconds(), r.searchSeconds(), r.how(),
                    ++i < results.size() ? "," : ""));
        }
        sb.append("]\n");
        Files.writeString(outDir.resolve("summary.json"), sb.toString(), StandardCharsets.UTF_8);
    }

    private void writeReport(double total) throws IOException {
        int proven = 0;
        int open = 0;
        int error = 0;
        for (Result r : results.values()) {
            switch (r.status()) {
                case "proven" -> proven++;
                case "open" -> open++;
                default -> error++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# KeY proof report (generated by vmapref.proofs.ProofRunner; do not edit)\n\n");
        sb.append(notes.getProperty("report.intro", "")).append("\n\n");
        sb.append(String.format(Locale.ROOT,
                "Run: mode `%s`, KeY 2.12.3, `%s`, %d contracts: **%d proven, %d open, %d error**; "
                        + "this run took %.0f s (wall clock, %d worker JVM(s); a contract's seconds are its own "
                        + "proof's)%s.%n%n", mode, JAVA_SEMANTICS, results.size(), proven, open, error, total,
                workers, only.isEmpty() ? "" : "; it ran with `-Dproofs.only=" + onlyArg + "`, so the entries of the "
                        + "contracts it did not select, and their seconds, are those of the runs before it"));
        sb.append("| contract | status | nodes | seconds | how | spec ids |\n|---|---|---|---|---|---|\n");
        for (Result r : results.values()) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %s | %d | %.1f | %s | %s |%n", r.contract(),
                    r.status().equals("proven") ? "proven" : "**" + r.status() + "**", r.nodes(), r.seconds(), r.how(),
                    notes.getProperty(r.contract() + ".spec", "")));
        }
        if (!lemmas.isEmpty()) {
            sb.append("\n## Lemmas proven outside KeY\n\n").append(notes.getProperty("report.lemmas", ""))
                    .append("\n\n| lemma | status | checks | seconds | why not proven |\n|---|---|---|---|---|\n");
            for (SmtLemmas.Result l : lemmas) {
                sb.append(String.format(Locale.ROOT, "| `proofs/lemmas/%s` | %s | %d | %.1f | %s |%n", l.file(),
                        l.status().equals("proven") ? "proven" : "**" + l.status() + "**", l.checks(), l.seconds(),
                        l.detail()));
            }
        }
        sb.append("\n## Contracts\n");
        for (Result r : results.values()) {
            sb.append("\n### `").append(r.contract()).append("`: ").append(r.status()).append("\n\n");
            sb.append("Guarantees: ").append(notes.getProperty(r.contract() + GUARANTEES, "(missing)")).append("\n");
            List<String> contracts = r.uses().stream().filter(u -> !u.startsWith(ADDED)).toList();
            if (!contracts.isEmpty()) {
                sb.append("\nApplies the contracts of: ").append(String.join(", ", contracts)).append(".\n");
            }
            for (String rule : r.uses().stream().filter(u -> u.startsWith(ADDED)).toList()) {
                sb.append("\nTrusts the ").append(rule)
                        .append(", which is not part of KeY 2.12.3 (report notes, trusted base).\n");
            }
            List<String> through = addedRulesThrough(r);
            if (!through.isEmpty()) {
                sb.append("\nRests, through the contracts it applies, on the ").append(String.join(" and the ", through))
                        .append(" (trusted base).\n");
            }
            String callee = notes.getProperty(r.contract() + ".callContract");
            if (callee != null) {
                sb.append("\nAt the call, the search applies the one contract ").append(callee)
                        .append(" instead of the combination of all the callee's contracts (`.callContract`, proofs/README.md).\n");
            }
            if (CLASS_AXIOMS_OFF.equals(notes.getProperty(r.contract() + ".classAxioms"))) {
                sb.append("\nClass invariants and model methods stay folded in the search (`.classAxioms=off`, proofs/README.md).\n");
            }
            if (LOOPS_EXPAND.equals(notes.getProperty(r.contract() + ".loops"))) {
                sb.append("\nKeY unwinds the loops instead of applying their loop invariants (`.loops=expand`, proofs/README.md); the proof closes only if every path leaves them.\n");
            }
            String steps = notes.getProperty(r.contract() + ".steps");
            String timeout = notes.getProperty(r.contract() + ".timeout");
            Object limit = timeout == null ? DEFAULT_TIMEOUT_MS / 1000 : timeout;
            String tactic = notes.getProperty(r.contract() + ".tactic", AUTO);
            if (tactic.equals(FOCUS)) {
                sb.append(String.format(Locale.ROOT, "%nSearch: the `focus` tactic (proofs/README.md), %s steps per "
                        + "tryclose (%s in the first round%s), at most %s s in all.%n",
                        steps == null ? DEFAULT_STEPS : steps, quickSteps(r.contract()), firstRound(r.contract()), limit));
            } else if (tactic.equals(AUTO_SMT)) {
                sb.append(String.format(Locale.ROOT, "%nSearch: the `autoSmt` tactic (proofs/README.md): auto mode, %s "
                        + "steps, at most %s s, then the SMT solver on each goal it leaves; check mode runs the solver again.%n",
                        steps == null ? DEFAULT_STEPS : steps, limit));
            } else if (steps != null || timeout != null) {
                sb.append(String.format(Locale.ROOT, "%nBudget: %s steps, %s s (default %d steps, %d s).%n",
                        steps == null ? DEFAULT_STEPS : steps, limit,
                        DEFAULT_STEPS, DEFAULT_TIMEOUT_MS / 1000));
            }
            if (!r.status().equals("proven")) {
                sb.append("\nWhy not proven: ")
                        .append(notes.getProperty(r.contract() + ".open", "(no explanation recorded)")).append("\n");
                if (!r.openGoal().isEmpty()) {
                    sb.append("\n<details><summary>KeY's first open goal</summary>\n\n```\n")
                            .append(r.openGoal().replace("```", "'''")).append("\n```\n</details>\n");
                }
            }
        }
        for (String part : new String[] {"report-notes.md", "NONVACUITY.md"}) {
            Path f = outDir.resolve(part);
            if (Files.exists(f)) {
                sb.append("\n").append(Files.readString(f, StandardCharsets.UTF_8).replaceFirst("^# ", "## "));
            }
        }
        Files.writeString(outDir.resolve("REPORT.md"), sb.toString(), StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
