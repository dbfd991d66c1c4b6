package io.sigload.sign.script;

/**
 * Registers {@code node}: a JavaScript module's signing function, run unchanged ({@link ScriptSigner},
 * options {@link ScriptOptions}, interpreter {@code signer.node}, default {@code node}). Thread-safe.
 */
public final class NodeSignerProvider extends ScriptSignerProvider {
    /** The instance {@code ServiceLoader} makes. */
    public NodeSignerProvider() {
        super(ScriptLanguage.NODE);
    }
}
