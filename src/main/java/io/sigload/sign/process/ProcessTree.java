package io.sigload.sign.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process management every process-like signer shares ({@code process}, and the signers built
 * on it): it starts a signer's children and, at the end of the run, ends every descendant they
 * made, also one that left the process group and the session ({@code setsid}) or lost its parent.
 *
 * <p>How descendants are found when the tree is closed ({@link #close()}):
 * <ul>
 *   <li>each started child's own descendants ({@link ProcessHandle#descendants()});</li>
 *   <li>every process whose environment carries this tree's tag ({@value #TAG_VARIABLE}, set on
 *   every child and inherited by what it starts; read from {@code /proc/PID/environ});</li>
 *   <li>orphans: on Linux the JVM is a child subreaper ({@link Subreaper}), so a daemon whose
 *   parent exited is re-parented to the JVM; such an adopted child that no tree started belongs to
 *   the tree that carries its tag, or, without a tag (a daemon that cleared its environment), is
 *   ended when the last open tree closes.</li>
 * </ul>
 * Each is sent SIGTERM, given {@link #GRACE} to exit, then SIGKILL; the scan repeats until nothing
 * is left (a member may fork while it is being ended), and adopted children are reaped.
 *
 * <p>Thread-safe.
 */
public final class ProcessTree implements AutoCloseable {
    /** The environment variable that marks a tree's processes. */
    public static final String TAG_VARIABLE = "SIGLOAD_PROCESS_TREE";
    /** How long members get to exit after SIGTERM. */
    public static final Duration GRACE = Duration.ofSeconds(1);
    private static final int ROUNDS = 20;

    /** Every process this JVM started through a tree (or registered): not orphans. */
    private static final Set<Long> STARTED = ConcurrentHashMap.newKeySet();
    private static final Set<ProcessTree> OPEN = ConcurrentHashMap.newKeySet();

    private final String tag = UUID.randomUUID().toString();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Instant created = Instant.now();
    private volatile boolean closed;

    private ProcessTree() {
    }

    /** A new, open tree. On Linux the first one makes the JVM a child subreaper. */
    public static ProcessTree open() {
        Subreaper.enable();
        ProcessTree t = new ProcessTree();
        OPEN.add(t);
        return t;
    }

    /** Whether orphans are re-parented to this JVM (Linux, native access allowed). */
    public static boolean subreaper() {
        return Subreaper.ENABLED;
    }

    /**
     * Starts a child in this tree: its environment gets the tree's tag.
     *
     * @throws IOException as {@link ProcessBuilder#start()}
     * @throws IllegalStateException after {@link #close()}
     */
    public Process start(ProcessBuilder builder) throws IOException {
        if (closed) {
            throw new IllegalStateException("the process tree is closed");
        }
        builder.environment().put(TAG_VARIABLE, tag);
        Process p = builder.start();
        STARTED.add(p.pid());
        started.add(p);
        return p;
    }

    /**
     * Marks a process this JVM started outside any tree (a child run of {@code compare}), so it is
     * never taken for an adopted orphan.
     */
    public static void registerStarted(Process p) {
        STARTED.add(p.pid());
    }

    /** Ends one started child and everything below it now (a stalled or dead instance), at once. */
    public void kill(Process p) {
        List<ProcessHandle> below = p.descendants().toList();
        p.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }

    /** The live members of this tree (see the class comment), this JVM excluded. */
    public List<ProcessHandle> members() {
        Map<Long, ProcessHandle> m = new LinkedHashMap<>();
        for (Process p : started) {
            if (p.isAlive()) {
                m.put(p.pid(), p.toHandle());
            }
            p.descendants().forEach(h -> m.put(h.pid(), h));
        }
        long self = ProcessHandle.current().pid();
        boolean last = OPEN.size() <= 1 && OPEN.contains(this) || OPEN.isEmpty();
        ProcessHandle.current().children().forEach(child -> {
            if (STARTED.contains(child.pid())) {
                return;
            }
            String t = tagOf(child.pid());
            boolean ours = tag.equals(t) || (t == null && last && startedAfter(child));
            if (ours) {
                m.put(child.pid(), child);
                child.descendants().forEach(h -> m.put(h.pid(), h));
            }
        });
        ProcessHandle.allProcesses().forEach(h -> {
            if (h.pid() != self && !m.containsKey(h.pid()) && tag.equals(tagOf(h.pid()))) {
                m.put(h.pid(), h);
            }
        });
        List<ProcessHandle> live = new ArrayList<>();
        for (ProcessHandle h : m.values()) {
            if (alive(h)) {
                live.add(h);
            }
        }
        return live;
    }

    private boolean startedAfter(ProcessHandle h) {
        return h.info().startInstant().map(i -> !i.isBefore(created.minusSeconds(1))).orElse(true);
    }

    /**
     * Ends every member: SIGTERM, up to {@link #GRACE} to exit, then SIGKILL, repeated until none
     * is left. Safe to call twice.
     */
    @Override
    public void close() {
        closed = true;
        try {
            List<ProcessHandle> members = members();
            members.forEach(ProcessHandle::destroy);
            long until = System.nanoTime() + GRACE.toNanos();
            while (!members.isEmpty() && System.nanoTime() < until) {
                reapAdopted(members);
                members = members.stream().filter(ProcessTree::alive).toList();
                sleep(20);
            }
            for (int round = 0; round < ROUNDS; round++) {
                members = members();
                if (members.isEmpty()) {
                    break;
                }
                members.forEach(ProcessHandle::destroyForcibly);
                sleep(50);
                reapAdopted(members);
            }
        } finally {
            OPEN.remove(this);
        }
    }

    private static void reapAdopted(List<ProcessHandle> members) {
        long self = ProcessHandle.current().pid();
        for (ProcessHandle h : members) {
            if (!STARTED.contains(h.pid()) && h.parent().map(p -> p.pid() == self).orElse(false)) {
                Subreaper.reap(h.pid());
            }
        }
    }

    /** Alive and not a zombie (an ended child whose status nobody collected yet). */
    static boolean alive(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return h.isAlive();
        }
    }

    /** The tree tag in a process's environment, or {@code null} (none, unreadable, not Linux). */
    static String tagOf(long pid) {
        Path env = Path.of("/proc/" + pid + "/environ");
        try (InputStream in = Files.newInputStream(env)) {
            byte[] b = in.readNBytes(1 << 20);
            String s = new String(b, StandardCharsets.UTF_8);
            String key = TAG_VARIABLE + "=";
            int at = s.startsWith(key) ? 0 : s.indexOf("\0" + key);
            if (at < 0) {
                return null;
            }
            int from = at == 0 && s.startsWith(key) ? key.length() : at + 1 + key.length();
            int end = s.indexOf('\0', from);
            return s.substring(from, end < 0 ? s.length() : end);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
