#!/usr/bin/env python3
"""Flash by crate, like `cargo bloat --crates`, from an ELF's symbol table.

    bloat.py NM IMAGE [BASELINE]

NM is llvm-nm. Sizes of text and read-only data symbols are summed by the
crate their demangled name starts with (`<a::T as b::Trait>::f` counts for
`a`); anonymous constants (`.Lanon.*`) are "[rodata]". With BASELINE, the
table shows the difference (IMAGE minus BASELINE) per crate.
"""
import re
import subprocess
import sys
from collections import Counter


def by_crate(nm, image):
    out = subprocess.run(
        [nm, "--print-size", "--size-sort", "--demangle", image],
        check=True, capture_output=True, text=True).stdout
    sizes = Counter()
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) != 4 or parts[2].lower() not in ("t", "r", "d"):
            continue
        name = parts[3]
        if name.startswith(".L"):
            crate = "[rodata]"
        else:
            name = name.lstrip("<&*")
            name = re.sub(r"^(dyn |mut |const )+", "", name)
            crate = re.split(r"::|<| as |\[", name, maxsplit=1)[0] or "?"
        sizes[crate] += int(parts[1], 16)
    return sizes


def main():
    nm, image = sys.argv[1], sys.argv[2]
    sizes = by_crate(nm, image)
    if len(sys.argv) > 3:
        base = by_crate(nm, sys.argv[3])
        sizes = Counter({k: sizes[k] - base[k] for k in set(sizes) | set(base)})
    total = sum(sizes.values())
    for crate, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        if size:
            print(f"    {size:7d} B  {crate}")
    print(f"    {total:7d} B  total (symbols)")


if __name__ == "__main__":
    main()
