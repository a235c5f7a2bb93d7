#!/usr/bin/env python3
"""Check the Houvast TextMate grammar: the JSON parses, every include points at
a repository entry, and every match/begin/end/while pattern compiles with
Python's re module.

TextMate grammars run on Oniguruma, not Python's re. The grammar keeps to the
part the two agree on (no \\h, \\G, \\A, \\z, possessive or atomic groups,
(?<name>...) groups, variable-length look-behind or (?i) in the middle), and
this script refuses those constructs so a change cannot slip one in.

Usage: python3 editors/check_grammar.py [GRAMMAR.json]
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "vscode", "syntaxes", "houvast.tmLanguage.json")

# Constructs whose meaning differs between Oniguruma and Python's re (or that
# one of them lacks).
NOT_PORTABLE = [
    (r"\\[hHGAzZK]", "escape with a different meaning in Oniguruma and Python"),
    (r"\\[pP]\{", "Unicode property (Python's re has none)"),
    (r"[*+?}]\+", "possessive quantifier"),
    (r"\(\?>", "atomic group"),
    (r"\(\?<[A-Za-z]", "named group in Oniguruma syntax"),
    (r"\(\?P", "named group in Python syntax"),
    (r"\(\?[imx-]+\)", "inline flag group"),
    (r"\[\[:", "POSIX bracket"),
]

def patterns(node, where):
    if isinstance(node, dict):
        for key in ("match", "begin", "end", "while"):
            if key in node:
                yield f"{where}.{key}", node[key]
        for k, v in node.items():
            yield from patterns(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from patterns(v, f"{where}[{i}]")

def includes(node):
    if isinstance(node, dict):
        if "include" in node:
            yield node["include"]
        for v in node.values():
            yield from includes(v)
    elif isinstance(node, list):
        for v in node:
            yield from includes(v)

def main():
    with open(PATH, encoding="utf-8") as f:
        grammar = json.load(f)
    errors = 0
    count = 0
    for where, rx in patterns(grammar, "$"):
        count += 1
        # A backslash escapes the next character; drop escaped pairs before
        # looking for constructs, so "\\\\h" (a backslash, then h) is fine.
        bare = re.sub(r"\\\\", "", rx)
        for bad, why in NOT_PORTABLE:
            if re.search(bad, bare):
                print(f"{where}: {why}: {rx!r}")
                errors += 1
        try:
            re.compile(rx)
        except re.error as e:
            print(f"{where}: does not compile: {e}: {rx!r}")
            errors += 1
    repo = grammar.get("repository", {})
    for inc in includes(grammar):
        if inc.startswith("#") and inc[1:] not in repo:
            print(f"include {inc}: no such repository entry")
            errors += 1
        elif not inc.startswith("#") and inc not in ("$self", "$base"):
            print(f"include {inc}: outside this grammar")
            errors += 1
    for key in ("scopeName", "patterns"):
        if key not in grammar:
            print(f"missing top-level key {key!r}")
            errors += 1
    if errors:
        print(f"{PATH}: {errors} problem(s)")
        return 1
    print(f"{PATH}: {count} patterns, all compile")
    return 0

if __name__ == "__main__":
    sys.exit(main())
