#!/usr/bin/env python3
"""Provenance of squash's published figures: which headers they were measured on.

Every report under docs/ that the README quotes carries the commit it was
measured at and a hash of include/ at that time, written by the tool that
measured it (this script for accuracy reports, bench/compare for the
benchmark). `check` fails when a quoted report's hash is not the hash of
today's include/, so a figure measured on older headers cannot stay
published: regenerate it, never hand-edit it.

  provenance.py hash                      print the hash of include/
  provenance.py accuracy SWEEP OUT [ARGS] run the sweep binary SWEEP (with
                                          ARGS) and write its Markdown report
                                          to OUT, headed by the provenance
  provenance.py check [README]            every docs/ report README links to
                                          has today's include/ hash (exit 1
                                          if not, 2 for bad usage)

The hash: sha256 over the files of include/ in sorted order of their paths
relative to include/ (with '/'), each as its path, a NUL byte, and the
sha256 of its content. It is the hash of the commit's include/ unless
include/ has uncommitted changes, which the report then says.
"""

import hashlib
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# How a report states its provenance (written by accuracy() here and by
# bench/compare; read by check()).
HASH_LINE = re.compile(r"sha256 of include/[^`]*`([0-9a-f]{64})`")


def include_sha256(root=ROOT):
    include = os.path.join(root, "include")
    paths = []
    for folder, _, files in os.walk(include):
        for name in files:
            paths.append(os.path.relpath(os.path.join(folder, name), include).replace(os.sep, "/"))
    digest = hashlib.sha256()
    for path in sorted(paths):
        with open(os.path.join(include, path), "rb") as f:
            content = hashlib.sha256(f.read()).digest()
        digest.update(path.encode() + b"\0" + content)
    return digest.hexdigest()


def git(root, *args):
    try:
        run = subprocess.run(["git", "-C", root] + list(args), capture_output=True, text=True)
    except OSError:  # no git on this machine
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def version(root=ROOT):
    """The commit, the hash of include/, and whether include/ has uncommitted changes."""
    commit = git(root, "rev-parse", "HEAD")
    if commit is None:
        return {"commit": "unknown (no git repository)", "include_sha256": include_sha256(root),
                "dirty": "unknown"}
    dirty = git(root, "status", "--porcelain", "--", "include")
    return {"commit": commit, "include_sha256": include_sha256(root), "dirty": "yes" if dirty else "no"}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def provenance_lines(v):
    return [f"- squash: commit `{v['commit']}`; sha256 of include/ (tools/provenance.py) "
            f"`{v['include_sha256']}`; uncommitted changes in include/: {v['dirty']}"]


def accuracy(sweep, out, args):
    v = version()
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.md")
        start = time.time()
        run = subprocess.run([sweep, "--markdown", report] + args)
        wall = time.time() - start
        if not os.path.exists(report):
            print(f"provenance.py: {sweep} wrote no report (exit {run.returncode})", file=sys.stderr)
            return 1
        with open(report) as f:
            body = f.read()
    lines = body.split("\n", 1)
    header = [lines[0], ""] + provenance_lines(v) + [
        f"- measured on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(start))}, CPU: {cpu_model()}, "
        f"{os.cpu_count()} logical cores, wall {wall:.0f} s, exit status {run.returncode}",
        f"- written by `tools/provenance.py accuracy {os.path.basename(sweep)} {os.path.relpath(out, ROOT)}"
        + (" " + " ".join(args) if args else "") + "`"]
    with open(out, "w") as f:
        f.write("\n".join(header) + "\n" + (lines[1] if len(lines) > 1 else ""))
    print(f"provenance.py: wrote {out} (sweep exit status {run.returncode})")
    return run.returncode


def linked_reports(page, found):
    """The Markdown files under docs/ that page links to, and those they link to."""
    with open(page) as f:
        text = f.read()
    base = os.path.dirname(os.path.abspath(page))
    for link in re.findall(r"\]\(([^)#\s]+\.md)\)", text):
        path = os.path.normpath(os.path.join(base, link))
        inside_docs = os.path.relpath(path, os.path.join(ROOT, "docs")).split(os.sep)[0] != ".."
        if inside_docs and path not in found:
            found.add(path)
            if os.path.exists(path):
                linked_reports(path, found)
    return found


def check(readme):
    reports = sorted(linked_reports(readme, set()))
    if not reports:
        print(f"provenance.py: {readme} links no page under docs/", file=sys.stderr)
        return 1
    today = include_sha256()
    failed = measured = 0
    for path in reports:
        name = os.path.relpath(path, ROOT)
        if not os.path.exists(path):
            print(f"FAIL {name}: linked but missing")
            failed += 1
            continue
        with open(path) as f:
            hashes = set(HASH_LINE.findall(f.read()))
        if not hashes and os.path.basename(path) == "README.md":
            print(f"--   {name}: an index page (its figures are the reports it links)")
            continue
        if not hashes:
            print(f"FAIL {name}: a report without a provenance line: regenerate it")
            failed += 1
            continue
        measured += 1
        if hashes != {today}:
            print(f"FAIL {name}: measured on include/ {', '.join(sorted(hashes))}, "
                  f"but include/ is now {today}: regenerate it (its own header says how)")
            failed += 1
        else:
            print(f"ok   {name}")
    if not measured:
        print("FAIL: no linked report carries a provenance line")
        return 1
    return 1 if failed else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "hash" and len(argv) == 2:
        print(include_sha256())
        return 0
    if len(argv) >= 4 and argv[1] == "accuracy":
        return accuracy(argv[2], argv[3], argv[4:])
    if len(argv) in (2, 3) and argv[1] == "check":
        return check(argv[2] if len(argv) == 3 else os.path.join(ROOT, "README.md"))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
