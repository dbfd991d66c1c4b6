package io.sigload.sign.script;

/**
 * Registers {@code python}: a Python module's signing function, run unchanged ({@link ScriptSigner},
 * options {@link ScriptOptions}, interpreter {@code signer.python}, default {@code /usr/bin/python3}). Thread-safe.
 */
public final class PythonSignerProvider extends ScriptSignerProvider {
    /** The instance {@code ServiceLoader} makes. */
    public PythonSignerProvider() {
        super(ScriptLanguage.PYTHON);
    }
}
