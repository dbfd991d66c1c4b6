#!/usr/bin/env python3
"""Runs every shell example in README.md (and any other Markdown file given) with its expected exit code.

What counts as an example (generic, so new README sections are picked up):
  - every command in a ```sh block (lines joined at a trailing backslash; comments skipped);
  - every "$ command" line in any other fenced block (a console transcript);
  - every inline code span that starts with "./sigload " and has no CAPITALISED placeholder
    (SCENARIO, FILE, URL...: a span with one is a synopsis, not an example).

Markers, in a trailing comment of the command (visible to readers):
  # exit N           the command must exit N (default 0)
  # not run: REASON  needs what CI lacks (a cluster, a container engine, hours): syntax check only (bash -n)
  # ci: ARGS         run with ARGS appended (a scaled-down run: later options win)
  # ci: skip, REASON not run here (e.g. `mvn -B verify`: .ci/run ran it just before)
Commands run from the repository root, in one bash session per file (so `export` carries over), with
SIGLOAD_PROGRESS=off and CI=true, each bounded by a timeout.

Usage: scripts/readme-examples.py [--list] [FILE.md ...]     (default: README.md)
Exit: 0 every example behaved, 1 one did not, 2 bad usage or a malformed marker.
"""
import re
import subprocess
import sys
import os

PLACEHOLDER = re.compile(r"\b[A-Z][A-Z0-9_]{2,}\b")
# words in capitals that are not placeholders: environment variables people export, HTTP words
NOT_PLACEHOLDERS = {"SIGLOAD_DEMO_SECRET", "ZOOM_MEETING_SDK_SECRET", "ZOOM_MEETING_SDK_KEY", "SIGLOAD_AOT", "SIGLOAD_PROGRESS",
                    "IAT_IN_FUTURE", "EXPIRED", "HTTP", "JSON", "CI", "JDK", "POST"}
MARK = re.compile(r"\s+#\s*(exit\s+(\d+)|not run:\s*(.+)|ci:\s*(.+))\s*$")
TIMEOUT = int(os.environ.get("README_EXAMPLE_TIMEOUT", "600"))


def complete(cmd):
    """Whether bash parses cmd as a whole command (not cut inside a loop or an if)."""
    r = subprocess.run(["bash", "-n", "-c", cmd], capture_output=True, text=True)
    return r.returncode == 0 or "unexpected end of file" not in r.stderr


def examples(path):
    """(line number, command, expected exit, mode, extra args) for every example in the file."""
    out = []
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    fence = None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(`{3,})(\S*)\s*$", line)
        if m and fence is None:
            fence = (m.group(1), m.group(2))
            i += 1
            continue
        if fence is not None and line.startswith(fence[0]) and line.strip() == fence[0]:
            fence = None
            i += 1
            continue
        if fence is not None:
            lang = fence[1]
            start = i
            if lang in ("sh", "bash", "shell"):
                cmd = line
                while cmd.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    cmd = cmd[:-1] + " " + lines[i].strip()
                # a compound command over several lines (for ...; do ... done) runs as one example
                while not complete(cmd) and i + 1 < len(lines) and not lines[i + 1].startswith(fence[0]):
                    i += 1
                    cmd = cmd + "\n" + lines[i]
                if cmd.strip() and not cmd.strip().startswith("#"):
                    out.append((start + 1,) + parse(cmd.strip(), path, start + 1))
            elif line.startswith("$ "):
                out.append((start + 1,) + parse(line[2:].strip(), path, start + 1))
            i += 1
            continue
        for span in re.findall(r"`([^`]+)`", line):
            s = span.strip()
            if s.startswith("./sigload ") and not placeholder(s):
                out.append((i + 1,) + parse(s, path, i + 1))
        i += 1
    return out


def placeholder(cmd):
    return any(w not in NOT_PLACEHOLDERS for w in PLACEHOLDER.findall(cmd.split(" #")[0]))


def parse(cmd, path, lineno):
    expected, mode, extra = 0, "run", ""
    m = MARK.search(cmd)
    if m:
        cmd = cmd[: m.start()]
        if m.group(2):
            expected = int(m.group(2))
        elif m.group(3):
            mode = "syntax"
        else:
            ci = m.group(4).strip()
            if ci.startswith("skip"):
                mode = "skip"
            else:
                extra = ci
    elif re.search(r"\s#\s", cmd):
        cmd = re.split(r"\s#\s", cmd)[0]
    return cmd.strip(), expected, mode, extra


def run(path, listing):
    failed = 0
    found = examples(path)
    if not found:
        print(f"readme-examples: {path}: no examples found", file=sys.stderr)
        return 1
    env = dict(os.environ, SIGLOAD_PROGRESS="off", CI="true")
    state = []  # exports carry over to later commands of the same file
    for lineno, cmd, expected, mode, extra in found:
        full = cmd + (" " + extra if extra else "")
        where = f"{path}:{lineno}"
        if listing:
            print(f"{where}: [{mode}{', exit ' + str(expected) if mode == 'run' else ''}] {full}")
            continue
        check = subprocess.run(["bash", "-n", "-c", full], capture_output=True, text=True)
        if check.returncode != 0:
            print(f"FAIL {where}: not valid shell: {full}\n{check.stderr}")
            failed += 1
            continue
        if mode in ("syntax", "skip"):
            print(f"ok   {where}: {'syntax only' if mode == 'syntax' else 'skipped'}: {full}")
            continue
        # exports and plain assignments (start=$(date ...)) carry over to later commands of the file
        assignment = re.match(r"^[A-Za-z_][A-Za-z0-9_]*=(\$\([^()]*\)|\S*)$", cmd) is not None
        if cmd.startswith("export ") or assignment:
            state.append(cmd)
        script = "\n".join(state + ([] if cmd.startswith("export ") else [full]))
        try:
            p = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=TIMEOUT)
            code, output = p.returncode, (p.stdout + p.stderr)
        except subprocess.TimeoutExpired:
            code, output = "timeout", ""
        if code == expected:
            print(f"ok   {where}: exit {code}: {full}")
        else:
            failed += 1
            tail = "\n".join(output.strip().split("\n")[-15:])
            print(f"FAIL {where}: exit {code}, expected {expected}: {full}\n{tail}")
    if not listing:
        print(f"{path} examples")
        print(f"README: {len(found) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    listing = "--list" in argv
    files = [a for a in argv if a != "--list"] or ["README.md"]
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    return max(run(f, listing) for f in files)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
