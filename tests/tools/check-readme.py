#!/usr/bin/env python3
"""Checks that README.md and the code name the same interface.

Usage: check-readme.py SOURCE_ROOT [--readme FILE]

The tools (walsh, walsh-gpu, walsh-opt) are taken from PATH. Each finding is
one line naming the README's side and the code's; the exit status is 1 when
there is any, else 0. What it checks:

- every option of every `walsh` subcommand and of walsh-gpu appears in the
  README as `--name`;
- every walsh pass and pipeline walsh-opt registers, and each option of
  theirs, appears in the README;
- every flag in a README command (inline code or a code block) that runs
  `walsh SUB`, `walsh-gpu` or `walsh-opt` is an option of that tool (or of
  that subcommand), and every `--walsh-...` pass it names is registered;
- every WALSH_* environment variable the code reads (a string literal in
  the sources) appears in the README, and every WALSH_* name the README
  gives appears in the sources;
- every function of the C API (walsh.h) appears in the README, and every
  `walsh_...(` call the README shows is declared there.
"""
import argparse
import os
import re
import subprocess
import sys

SUBCOMMANDS = ["bench", "cache", "compile", "inspect", "run", "stages", "tune"]
# LLVM's own options on every tool.
GENERIC = {"h", "help", "help-hidden", "help-list", "help-list-hidden",
           "version", "print-all-options", "print-options"}
SOURCE_DIRS = ["autotune", "compiler", "dialects", "python", "runtime",
               "tools"]
# The README may also name the tests' and scripts' variables.
TEST_DIRS = ["scripts", "tests"]
SOURCE_EXTS = (".c", ".cpp", ".h", ".py", ".td", ".sh", ".test", ".txt")


def tool_help(args):
    out = subprocess.run(args + ["--help-hidden"], capture_output=True,
                         text=True)
    if out.returncode != 0:
        sys.exit(f"check-readme: '{' '.join(args)} --help-hidden' failed "
                 f"(status {out.returncode}): {out.stderr.strip()}")
    return out.stdout


def tool_options(args):
    names = re.findall(r"^\s+-{1,2}([a-zA-Z][\w-]*)", tool_help(args), re.M)
    return set(names) - GENERIC


def walsh_opt_passes():
    """{pass or pipeline name: its options} for walsh-opt's walsh-* ones."""
    passes, current = {}, None
    for line in tool_help(["walsh-opt"]).splitlines():
        m = re.match(r"^( +)--([a-z][\w-]*)", line)
        if not m:
            continue
        indent, name = len(m.group(1)), m.group(2)
        if indent == 6:  # a pass or a pipeline
            current = name if name.startswith("walsh-") else None
            if current:
                passes[current] = set()
        elif indent == 8 and current:  # one of its options
            passes[current].add(name)
        elif indent < 6:
            current = None
    return passes


def command_spans(readme):
    """Inline code and code-block lines: where README shows commands."""
    spans, block = [], False
    for line in readme.splitlines():
        if line.lstrip().startswith("```"):
            block = not block
            continue
        if block:
            spans.append(line)
        else:
            spans.extend(re.findall(r"`([^`]+)`", line))
    return spans


# A tool's name, then its words up to the end of the command.
COMMAND = re.compile(r"(?<![\w/.-])(?:[\w./-]*/)?(walsh-gpu|walsh-opt|walsh)"
                     r"(?![\w-])([^|;&`#]*)")
FLAG = re.compile(r"(?<![\w-])--?([a-z][\w-]*)")


def read_tree(root, dirs):
    texts = []
    for d in dirs:
        for dirpath, _, files in os.walk(os.path.join(root, d)):
            for f in files:
                if f.endswith(SOURCE_EXTS) or f == "CMakeLists.txt":
                    with open(os.path.join(dirpath, f), encoding="utf-8",
                              errors="replace") as file:
                        texts.append(file.read())
    return "\n".join(texts)


def mentions(text, word):
    """Whether `text` has `word` as a name of its own (not inside a longer
    option or identifier)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)


def check(root, readme_path):
    readme = open(readme_path, encoding="utf-8").read()
    documented = set(re.findall(r"(?<![\w-])--?([a-z][\w-]*)", readme))
    findings = []

    options = {s: tool_options(["walsh", s]) for s in SUBCOMMANDS}
    options["walsh-gpu"] = tool_options(["walsh-gpu"])
    for tool, names in sorted(options.items()):
        where = tool if tool == "walsh-gpu" else f"walsh {tool}"
        for name in sorted(names - documented):
            findings.append(f"{where}: option --{name} is not in the README")

    passes = walsh_opt_passes()
    if not passes:
        findings.append("walsh-opt --help-hidden lists no walsh-* pass")
    for name, opts in sorted(passes.items()):
        if not mentions(readme, name):
            findings.append(f"walsh-opt: pass {name} is not in the README")
        for opt in sorted(opts):
            if not mentions(readme, opt):
                findings.append(f"walsh-opt: {name}'s option {opt} is not "
                                "in the README")
    opt_options = tool_options(["walsh-opt"])

    flags = 0
    for span in command_spans(readme):
        for m in COMMAND.finditer(span):
            tool, rest = m.group(1), m.group(2)
            words = rest.split()
            if tool == "walsh":
                if not words or words[0] not in SUBCOMMANDS:
                    continue
                known, where = options[words[0]], f"walsh {words[0]}"
            elif tool == "walsh-gpu":
                known, where = options["walsh-gpu"], "walsh-gpu"
            else:
                known, where = opt_options | set(passes), "walsh-opt"
            for flag in FLAG.findall(rest):
                flags += 1
                if flag not in known and flag not in GENERIC:
                    findings.append(f"README: `{span.strip()[:100]}`: "
                                    f"{where} has no option --{flag}")

    source_text = read_tree(root, SOURCE_DIRS)
    read = set(re.findall(r"\"(WALSH_[A-Z0-9_]+)\"", source_text))
    for name in sorted(read):
        if not mentions(readme, name):
            findings.append(f"the code reads {name}; the README does not "
                            "name it")
    everything = source_text + read_tree(root, TEST_DIRS)
    for name in sorted(set(re.findall(r"\bWALSH_[A-Z0-9_]+\b", readme))):
        if not mentions(everything, name):
            findings.append(f"README: {name} is in no source file")

    header = open(os.path.join(root, "runtime/include/walsh/walsh.h"),
                  encoding="utf-8").read()
    declared = set(re.findall(r"\b(walsh_[a-z0-9_]+)\s*\(", header))
    for name in sorted(declared):
        if not mentions(readme, name):
            findings.append(f"walsh.h: {name} is not in the README")
    for name in sorted(set(re.findall(r"\b(walsh_[a-z0-9_]+)\(", readme))):
        if name not in declared:
            findings.append(f"README: {name}() is not declared in walsh.h")

    return findings, (f"{len(options)} commands, {flags} flags in the "
                      f"README's commands, {len(passes)} walsh-opt passes "
                      "and pipelines")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", help="the source tree")
    parser.add_argument("--readme", help="default: ROOT/README.md")
    args = parser.parse_args()
    findings, counted = check(
        args.root, args.readme or os.path.join(args.root, "README.md"))
    for f in findings:
        print(f)
    print(f"check-readme: {len(findings)} findings ({counted})")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
