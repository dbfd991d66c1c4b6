package io.sigload.sign.script;

import java.util.List;

/**
 * A language the script signers run: its harness resource, the option naming its interpreter and
 * what to tell a user who lacks it.
 *
 * @param signer the signer's name ({@code signer.type})
 * @param harness the harness's resource name beside this class
 * @param interpreterOption the option that names the interpreter ({@code node}, {@code python})
 * @param defaultInterpreter its default
 * @param probe arguments that make the interpreter print its version, or fail when a library the
 *     harness needs is missing
 * @param install what to install when the probe fails
 */
record ScriptLanguage(String signer, String harness, String interpreterOption, String defaultInterpreter,
        List<String> probe, String install) {
    /** Node.js, with @sinonjs/fake-timers bundled into sigload's jar. */
    static final ScriptLanguage NODE = new ScriptLanguage("node", "harness.js", "node", "node",
            List.of("-e", "const [major] = process.versions.node.split('.').map(Number);"
                    + " if (major < 18) { console.error('Node.js ' + process.version + ' is too old'); process.exit(3); }"
                    + " console.log(process.version)"),
            "Node.js 18 or newer (Debian/Ubuntu: apt-get install -y nodejs), or set signer.node to its path");
    /** CPython with freezegun (Debian's python3-freezegun serves /usr/bin/python3). */
    static final ScriptLanguage PYTHON = new ScriptLanguage("python", "harness.py", "python", "/usr/bin/python3",
            List.of("-c", "import sys, zoneinfo, freezegun; print(sys.version.split()[0], 'freezegun', freezegun.__version__)"),
            "Python 3.9 or newer with freezegun (Debian/Ubuntu: apt-get install -y python3-freezegun, which serves"
                    + " /usr/bin/python3), or set signer.python to an interpreter that has it");
}
