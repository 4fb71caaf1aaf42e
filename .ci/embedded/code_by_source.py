#!/usr/bin/env python3
"""Bytes of an image's code that its DWARF line table attributes to given sources.

    code_by_source.py DWARFDUMP SIZE IMAGE NAME=ERE [NAME=ERE ...]

DWARFDUMP is llvm-dwarfdump, SIZE llvm-size. For each NAME, prints
`NAME BYTES`: the bytes of `.text` whose line-table row names a source file
whose full path (include directory + file name) matches the extended regular
expression ERE. With LTO, library code is inlined into its callers, and the
line table still names the file each inlined instruction came from: this
finds a family's code where its symbols are gone.

Only sequences that start inside `.text` are counted. The linker resolves the
line-table addresses of functions it dropped (here: unused functions of
compiler_builtins, which is not part of LTO) to 0, so those sequences overlay
real code wherever flash starts at address 0 (Cortex-M). `llvm-objdump -l`
then shows, for some of the real instructions, the dropped function's lines
instead of theirs: the reason this script reads the line table itself.
"""
import re
import subprocess
import sys


def text_range(size_tool, image):
    out = subprocess.run([size_tool, "-A", image], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == ".text":
            size, addr = int(parts[1], 0), int(parts[2], 0)
            return addr, addr + size
    sys.exit(f"code_by_source: no .text in {image}")


def quoted(line):
    m = re.search(r'"((?:[^"\\]|\\.)*)"\s*$', line)
    return m.group(1) if m else None


def comp_dirs(dwarfdump, image):
    """The compilation directory of each unit, by its line table's offset
    (relative paths in a line table are relative to it)."""
    out = subprocess.run([dwarfdump, "--debug-info", "--recurse-depth=0", image],
                         check=True, capture_output=True, text=True).stdout
    dirs, stmt = {}, None
    for line in out.splitlines():
        if "DW_TAG_compile_unit" in line:
            stmt = None
        m = re.search(r"DW_AT_stmt_list\s*\((0x[0-9a-fA-F]+)\)", line)
        if m:
            stmt = int(m.group(1), 16)
        m = re.search(r'DW_AT_comp_dir\s*\("(.*)"\)', line)
        if m and stmt is not None:
            dirs[stmt] = m.group(1)
    return dirs


def join(base, name):
    return name if name.startswith("/") or not base else f"{base}/{name}"


def line_tables(text, comp_dirs):
    """Yields (files, rows) per line table: files maps a file index to its
    full path, rows are (address, file index, end_sequence)."""
    comp_dir, dirs, files, rows = "", {}, {}, []
    pending = None  # [index, name, dir index] of the file entry being read
    started = False

    def finish_file():
        nonlocal pending
        if pending is not None:
            index, name, dir_index = pending
            if name is not None:
                # DWARF 4: directory 0 is the compilation directory.
                files[index] = join(dirs.get(dir_index, comp_dir), name)
            pending = None

    for line in text.splitlines():
        m = re.match(r"debug_line\[(0x[0-9a-fA-F]+)\]", line)
        if m:
            finish_file()
            if started:
                yield files, rows
            comp_dir = comp_dirs.get(int(m.group(1), 16), "")
            dirs, files, rows, started = {}, {}, [], True
            continue
        m = re.match(r"include_directories\[\s*(\d+)\]\s*=", line)
        if m:
            dirs[int(m.group(1))] = join(comp_dir, quoted(line) or "")
            continue
        m = re.match(r"file_names\[\s*(\d+)\]:", line)
        if m:
            finish_file()
            pending = [int(m.group(1)), None, 0]
            continue
        if pending is not None:
            stripped = line.strip()
            if stripped.startswith("name:"):
                pending[1] = quoted(line)
                continue
            if stripped.startswith("dir_index:"):
                pending[2] = int(stripped.split(":", 1)[1])
                continue
            if stripped.startswith(("mod_time:", "length:", "md5_checksum:", "source:")):
                continue
            finish_file()
        m = re.match(r"0x([0-9a-fA-F]+)\s+\d+\s+\d+\s+(\d+)\s", line)
        if m:
            rows.append((int(m.group(1), 16), int(m.group(2)), "end_sequence" in line))
    finish_file()
    if started:
        yield files, rows


def main():
    dwarfdump, size_tool, image = sys.argv[1:4]
    wanted = []
    for arg in sys.argv[4:]:
        name, _, ere = arg.partition("=")
        wanted.append((name, re.compile(ere)))
    lo, hi = text_range(size_tool, image)
    out = subprocess.run([dwarfdump, "--debug-line", image], check=True,
                         capture_output=True, text=True).stdout
    totals = {name: 0 for name, _ in wanted}
    tables = 0
    for files, rows in line_tables(out, comp_dirs(dwarfdump, image)):
        tables += 1
        matches = {}
        for index, path in files.items():
            matches[index] = [name for name, ere in wanted if ere.search(path)]
        seq_start = None
        for i, (addr, file_index, end) in enumerate(rows):
            if seq_start is None:
                seq_start = addr
            if end:
                seq_start = None
                continue
            if not lo <= seq_start < hi or i + 1 >= len(rows):
                continue
            length = rows[i + 1][0] - addr
            for name in matches.get(file_index, ()):
                totals[name] += length
    if tables == 0:
        sys.exit(f"code_by_source: no line table in {image} (built without debug info?)")
    for name, _ in wanted:
        print(name, totals[name])


if __name__ == "__main__":
    main()
