package io.sigload.sign.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Linux's child subreaper, through the JDK's foreign function API: after
 * {@code prctl(PR_SET_CHILD_SUBREAPER, 1)} a process that loses its parent (a daemon that
 * double-forks with {@code setsid}) is re-parented to this JVM instead of init, so it stays a
 * descendant that {@link ProcessTree} can find and end; {@link #reap} collects such an adopted
 * child's exit status once it is ended (the JVM reaps only the processes it started).
 * See prctl(2), PR_SET_CHILD_SUBREAPER, and waitpid(2).
 *
 * <p>Elsewhere, or when native access is refused, {@link #ENABLED} is {@code false} and nothing
 * happens. Thread-safe.
 */
final class Subreaper {
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final MethodHandle WAITPID;
    /** Whether this JVM is a child subreaper. */
    static final boolean ENABLED;

    static {
        MethodHandle waitpid = null;
        boolean enabled = false;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                MethodHandle prctl = linker.downcallHandle(libc.find("prctl").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), Linker.Option.firstVariadicArg(1));
                enabled = (int) prctl.invokeExact(PR_SET_CHILD_SUBREAPER, 1L) == 0;
                waitpid = linker.downcallHandle(libc.find("waitpid").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
            } catch (Throwable e) { // no native access (--enable-native-access refused), no libc symbol
                enabled = false;
            }
        }
        ENABLED = enabled;
        WAITPID = waitpid;
    }

    private Subreaper() {
    }

    /** Makes sure the JVM is a subreaper (the first call does it); whether it is. */
    static boolean enable() {
        return ENABLED;
    }

    /**
     * Collects the exit status of an adopted child that has ended, so it does not stay a zombie.
     * Never call it for a process the JVM started itself (the JDK reaps those).
     *
     * @return whether the child was reaped
     */
    static boolean reap(long pid) {
        if (WAITPID == null) {
            return false;
        }
        try {
            return (int) WAITPID.invokeExact((int) pid, MemorySegment.NULL, WNOHANG) == (int) pid;
        } catch (Throwable e) {
            return false;
        }
    }
}
