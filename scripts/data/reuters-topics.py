#!/usr/bin/env python3
"""Makes common/data/reuters_topics.txt, the names of Reuters-21578's topic codes.

Usage: python3 scripts/data/reuters-topics.py [REUTERS_DIR]
REUTERS_DIR defaults to ../shared/corpus/reuters21578 beside the project; it must hold
cat-descriptions_120396.txt (David D. Lewis's notes on the categories, with Phil Hayes's list
of the 135 TOPICS categories) and all-topics-strings.lc.txt (every code the corpus uses).

The list's topics part runs from "Subject Codes" to the first line of underscores. A line is
"Name (CODE)", or a commodity's CODE alone, which becomes its name: hyphens read as spaces
unless after one letter ("PORK-BELLY" -> "Pork belly", "F-CATTLE" -> "F-cattle"). Every code
of all-topics-strings.lc.txt must be named, or the script fails.
"""
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
reuters = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus", "reuters21578")
output = os.path.join(root, "common", "data", "reuters_topics.txt")


def commodity_name(code):
    name = re.sub(r"(?<=[a-z]{2})-", " ", code.lower())
    return name[0].upper() + name[1:]


def topics(lines):
    inside = False
    for line in lines:
        text = line.strip()
        if text.startswith("****Subject Codes"):
            inside = True
            continue
        if not inside:
            continue
        if text.startswith("____"):
            return
        if not text or text.startswith("**"):
            continue
        named = re.fullmatch(r"(.+?)\s*\(([A-Z0-9-]+)\)", text)
        if named:
            yield named.group(2).lower(), named.group(1)
        elif re.fullmatch(r"[A-Z0-9-]+", text):
            yield text.lower(), commodity_name(text)
        else:
            sys.exit(f"reuters-topics: cannot read the line {line!r}")


with open(os.path.join(reuters, "cat-descriptions_120396.txt"), encoding="latin-1") as file:
    table = dict(topics(file))
with open(os.path.join(reuters, "all-topics-strings.lc.txt"), encoding="latin-1") as file:
    used = {line.strip() for line in file if line.strip()}
missing = sorted(used - table.keys())
if missing:
    sys.exit(f"reuters-topics: no name for {', '.join(missing)}")

with open(output, "w", encoding="utf-8") as file:
    file.write("# Reuters-21578 topic codes and their names: code | name. Made by scripts/data/reuters-topics.py\n")
    file.write("# from the corpus's cat-descriptions_120396.txt (Phil Hayes's list, 1990); do not edit by hand.\n")
    for code in sorted(table):
        file.write(f"{code} | {table[code]}\n")
print(f"reuters-topics: {len(table)} topics -> {os.path.relpath(output, root)}")
