#!/usr/bin/env python3
"""Prints the markdown tables of BENCHMARKS.md from criterion's last run.

Usage (from the repository root):

    cargo bench --bench verify -- --warm-up-time 1 --measurement-time 3
    python3 benches/report.py [target/criterion]

    cargo bench --bench verify -- adversarial
    python3 benches/report.py --adversarial [target/criterion]

    cargo bench --bench verify -- '^(hs256|hs512|rs256_2048|ps256_2048)/'
    python3 benches/report.py --issue12 [target/criterion]

    cargo bench --features es256,es384,eddsa --bench verify -- '^(es256|es384|eddsa)/'
    python3 benches/report.py --issue13 [target/criterion]

Reads `<group>/<function>/new/estimates.json` (the median of the last run of
each benchmark) and prints, per group, the medians, the ratio to the group's
`floor` and the ratio of each peer to `jwt-embedded`, then the issue-5 targets
with met / missed, then issue 12's (HS512 against its floor no worse than
HS256 against its; PS256-2048 within 5 % of RS256-2048). All ratios come
from the same run.

`--min` takes each benchmark's fastest sample instead of its median (for a
machine under load, where the median moves with the load).

`--issue12` prints only the four groups of issue 12's targets (`hs256`,
`hs512`, `rs256_2048`, `ps256_2048`) and those targets.

`--issue13` prints only the EC and EdDSA groups (`es256`, `es384`,
`eddsa`; the benches need the features `es256`, `es384`, `eddsa`) and issue
13's target: `jwt-embedded` within 1.3 × `jsonwebtoken-rustcrypto` (the
same RustCrypto arithmetic underneath), with the ratio to `floor` reported.

`--issue14` prints only the `jwks` group's target (a token through a 14-key
set within 3 % of the same key alone).

`--adversarial` prints only the adversarial-cost table: per case, the token
length (the throughput criterion recorded in `new/benchmark.json`), the
medians of the attack `X` and of its benign twin `X_benign`, their ratio and
whether it meets the ≤ 4× target. Without the flag it is printed last when
the group has estimates.
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
ADVERSARIAL_ONLY = "--adversarial" in sys.argv[1:]
CRITERION = ARGS[0] if ARGS else os.path.join(ROOT, "target", "criterion")

PEER_GROUPS = {
    "hs256": ["jwt-embedded", "jsonwebtoken", "jwt-simple", "jwt-compact", "floor"],
    # Issue 12: jwt-embedded, jsonwebtoken's two backends and the floor.
    "hs512": ["jwt-embedded", "jsonwebtoken", "jsonwebtoken-rustcrypto", "floor"],
}
for bits in (2048, 3072, 4096):
    PEER_GROUPS[f"rs256_{bits}"] = [
        "jwt-embedded",
        "jsonwebtoken",
        "jsonwebtoken-rustcrypto",
        "jwt-simple",
        "jwt-compact",
        "floor",
    ]
PEER_GROUPS["ps256_2048"] = ["jwt-embedded", "jsonwebtoken", "jsonwebtoken-rustcrypto", "floor"]
# Issue 13: the EC and EdDSA groups (jwt-compact has no ES384).
PEER_GROUPS["es256"] = [
    "jwt-embedded",
    "jsonwebtoken",
    "jsonwebtoken-rustcrypto",
    "jwt-simple",
    "jwt-compact",
    "floor",
]
PEER_GROUPS["es384"] = ["jwt-embedded", "jsonwebtoken", "jsonwebtoken-rustcrypto", "jwt-simple", "floor"]
PEER_GROUPS["eddsa"] = list(PEER_GROUPS["es256"])
ISSUE13_GROUPS = ["es256", "es384", "eddsa"]
ISSUE13_ONLY = "--issue13" in sys.argv[1:]
# Issue 12 allows a run of only these groups (`--issue12` prints only their tables).
ISSUE12_GROUPS = ["hs256", "hs512", "rs256_2048", "ps256_2048"]
ISSUE12_ONLY = "--issue12" in sys.argv[1:]
# `--min`: the fastest sample (time ÷ iterations, from `new/sample.json`)
# instead of the median: on a loaded machine, the least disturbed figure.
FASTEST = "--min" in sys.argv[1:]
OTHER_GROUPS = {
    "claims": ["jwt-embedded"],
    "base64": ["table", "base64ct"],
    "hs256_payload_size": ["100", "1024", "4096", "16384"],
    "jwks": ["jwt-embedded", "single-key"],
}
ISSUE14_ONLY = "--issue14" in sys.argv[1:]


# The `adversarial` group: each case `X` next to its benign twin `X_benign`
# (a valid token of the same length), in the order of `benches/verify.rs`.
ADVERSARIAL = [
    "header_names_5600",
    "header_names",
    "header_escaped_names",
    "header_escaped_names_16k",
    "payload_names",
    "payload_names_prefix",
    "escaped_names",
    "escaped_names_front",
    "escaped_names_only",
    "header_escaped_names_only_16k",
    "nesting",
    "string_escapes",
    "long_numbers",
    "number_array",
    "tiny_values",
    "aud_array",
    "aud_array_4",
    "aud_escaped_4",
    "many_dots",
    "long_signature",
    "rs256_wrong_length",
]
ADVERSARIAL_TARGET = 4.0


def median_ns(group, function):
    if FASTEST:
        return fastest_ns(group, function)
    path = os.path.join(CRITERION, group, function, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def fastest_ns(group, function):
    """The fastest sample of the last run (time ÷ iterations), or None."""
    path = os.path.join(CRITERION, group, function, "new", "sample.json")
    try:
        with open(path) as f:
            sample = json.load(f)
        return min(t / n for t, n in zip(sample["times"], sample["iters"]))
    except FileNotFoundError:
        return None


def token_len(group, function):
    """The byte throughput the benchmark recorded (the token length), or None."""
    path = os.path.join(CRITERION, group, function, "new", "benchmark.json")
    try:
        with open(path) as f:
            return (json.load(f).get("throughput") or {}).get("Bytes")
    except FileNotFoundError:
        return None


def fmt_time(ns):
    if ns is None:
        return "—"
    if ns >= 1_000_000:
        return f"{ns / 1_000_000:.3g} ms"
    if ns >= 1000:
        return f"{ns / 1000:.3g} µs"
    return f"{ns:.3g} ns"


def fmt_ratio(x):
    if x is None:
        return "—"
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


def ratio(a, b):
    return a / b if a is not None and b else None


def peer_tables(m, groups=None):
    stat = "fastest" if FASTEST else "median"
    print(f"| group | function | {stat} | × floor | × jwt-embedded |")
    print("|---|---|---:|---:|---:|")
    for group, functions in PEER_GROUPS.items():
        if groups is not None and group not in groups:
            continue
        floor = m[group, "floor"]
        ours = m[group, "jwt-embedded"]
        for function in functions:
            t = m[group, function]
            print(
                f"| {group} | {function} | {fmt_time(t)} | {fmt_ratio(ratio(t, floor))} "
                f"| {fmt_ratio(ratio(t, ours))} |"
            )
    print()
    print(f"`× floor`: {stat} ÷ the group's `floor` {stat}. `× jwt-embedded`: {stat} ÷ the")
    print(f"`jwt-embedded` {stat} of the group (for a peer: how many times slower it is).")


def other_tables(m):
    print("| group | function | median | ratio |")
    print("|---|---|---:|---|")
    hs = m["hs256", "jwt-embedded"]
    c = m["claims", "jwt-embedded"]
    print(f"| claims | jwt-embedded | {fmt_time(c)} | {fmt_ratio(ratio(c, hs))} of hs256/jwt-embedded |")
    table, ct = m["base64", "table"], m["base64", "base64ct"]
    print(f"| base64 | table | {fmt_time(table)} | 1.00× |")
    print(f"| base64 | base64ct | {fmt_time(ct)} | {fmt_ratio(ratio(ct, table))} table |")
    small = m["hs256_payload_size", "100"]
    for size in OTHER_GROUPS["hs256_payload_size"]:
        t = m["hs256_payload_size", size]
        print(f"| hs256_payload_size | {size} | {fmt_time(t)} | {fmt_ratio(ratio(t, small))} size 100 |")
    for bits in (3072, 4096):
        for function in ("jwt-embedded", "floor"):
            t = m[f"rs256_{bits}", function]
            base = m["rs256_2048", function]
            print(
                f"| rs256_{bits} | {function} | {fmt_time(t)} "
                f"| {fmt_ratio(ratio(t, base))} rs256_2048/{function} |"
            )


def targets(m):
    rows = []
    hs = ratio(m["hs256", "jwt-embedded"], m["hs256", "floor"])
    rows.append(("hs256/jwt-embedded ≤ 1.5 × hs256/floor", hs, hs is not None and hs <= 1.5))
    rs = ratio(m["rs256_2048", "jwt-embedded"], m["rs256_2048", "floor"])
    rows.append(("rs256_2048/jwt-embedded ≤ 1.25 × rs256_2048/floor", rs, rs is not None and rs <= 1.25))
    for peer in ("jsonwebtoken-rustcrypto", "jwt-simple", "jwt-compact"):
        r = ratio(m["rs256_2048", peer], m["rs256_2048", "jwt-embedded"])
        rows.append((f"rs256_2048/{peer} ≥ 5 × rs256_2048/jwt-embedded", r, r is not None and r >= 5))
    print("| target | measured | met |")
    print("|---|---:|---|")
    for name, value, met in rows:
        print(f"| {name} | {fmt_ratio(value)} | {'yes' if met else '**no**'} |")


def issue12_targets(m):
    """Issue 12's targets: HS512 against its floor no worse than HS256 against
    its floor; PS256-2048 within 5 % of RS256-2048 (`jwt-embedded` rows)."""
    hs256 = ratio(m["hs256", "jwt-embedded"], m["hs256", "floor"])
    hs512 = ratio(m["hs512", "jwt-embedded"], m["hs512", "floor"])
    ps = ratio(m["ps256_2048", "jwt-embedded"], m["rs256_2048", "jwt-embedded"])
    print("| target | measured | met |")
    print("|---|---:|---|")
    met = hs256 is not None and hs512 is not None and hs512 <= hs256
    print(
        f"| hs512/jwt-embedded ÷ hs512/floor ≤ hs256/jwt-embedded ÷ hs256/floor "
        f"| {fmt_ratio(hs512)} vs {fmt_ratio(hs256)} | {'yes' if met else '**no**'} |"
    )
    met = ps is not None and ps <= 1.05
    print(
        f"| ps256_2048/jwt-embedded ≤ 1.05 × rs256_2048/jwt-embedded "
        f"| {fmt_ratio(ps)} | {'yes' if met else '**no**'} |"
    )
    floors = ratio(m["ps256_2048", "floor"], m["rs256_2048", "floor"])
    print()
    print(f"(For scale: ps256_2048/floor ÷ rs256_2048/floor = {fmt_ratio(floors)}.)")


def issue13_targets(m):
    """Issue 13's target: each EC/EdDSA group's `jwt-embedded` within 1.3 ×
    its `jsonwebtoken-rustcrypto`; the ratio to `floor` for the record."""
    print("| target | measured | met | × floor |")
    print("|---|---:|---|---:|")
    for group in ISSUE13_GROUPS:
        ours = m[group, "jwt-embedded"]
        r = ratio(ours, m[group, "jsonwebtoken-rustcrypto"])
        met = r is not None and r <= 1.3
        print(
            f"| {group}/jwt-embedded ≤ 1.3 × {group}/jsonwebtoken-rustcrypto "
            f"| {fmt_ratio(r)} | {'yes' if met else '**no**'} "
            f"| {fmt_ratio(ratio(ours, m[group, 'floor']))} |"
        )


def issue14_target(m):
    """Issue 14's target: a token through a 14-key set within 3 % of the same
    key alone."""
    ours, alone = m["jwks", "jwt-embedded"], m["jwks", "single-key"]
    r = ratio(ours, alone)
    print("| target | set | key alone | measured | met |")
    print("|---|---:|---:|---:|---|")
    met = r is not None and r <= 1.03
    print(
        f"| jwks/jwt-embedded ≤ 1.03 × jwks/single-key | {fmt_time(ours)} | {fmt_time(alone)} "
        f"| {fmt_ratio(r)} | {'yes' if met else '**no**'} |"
    )


def adversarial_table():
    """Prints the adversarial table; returns False when the group has no estimates."""
    rows = []
    for case in ADVERSARIAL:
        attack = median_ns("adversarial", case)
        twin = median_ns("adversarial", f"{case}_benign")
        rows.append((case, token_len("adversarial", case), attack, twin, ratio(attack, twin)))
    missing = [case for case, _, attack, twin, _ in rows if attack is None or twin is None]
    if len(missing) == len(rows):
        return False
    if missing:
        print(f"missing adversarial estimates: {', '.join(missing)}", file=sys.stderr)
    print(f"| case | token | attack | benign twin | attack ÷ twin | ≤ {ADVERSARIAL_TARGET:g}× |")
    print("|---|---:|---:|---:|---:|---|")
    for case, length, attack, twin, r in rows:
        length = "—" if length is None else f"{length:,} B"
        met = "—" if r is None else ("yes" if r <= ADVERSARIAL_TARGET else "**no**")
        print(
            f"| {case} | {length} | {fmt_time(attack)} | {fmt_time(twin)} "
            f"| {fmt_ratio(r)} | {met} |"
        )
    print()
    print("Medians of one run; `attack ÷ twin`: the attack's median ÷ its twin's, a valid")
    print("token of the same length (for `rs256_wrong_length` an HS256 one).")
    return True


def main():
    if ADVERSARIAL_ONLY:
        if not adversarial_table():
            print(
                "no adversarial estimates (run `cargo bench --bench verify -- adversarial`)",
                file=sys.stderr,
            )
            sys.exit(1)
        return
    m = {}
    for groups in (PEER_GROUPS, OTHER_GROUPS):
        for group, functions in groups.items():
            for function in functions:
                m[group, function] = median_ns(group, function)
    if ISSUE14_ONLY:
        print("### Target (issue 14)\n")
        issue14_target(m)
        return
    if ISSUE13_ONLY:
        print("### Issue 13 groups\n")
        peer_tables(m, ISSUE13_GROUPS)
        print("\n### Targets (issue 13)\n")
        issue13_targets(m)
        return
    if ISSUE12_ONLY:
        print("### Issue 12 groups\n")
        peer_tables(m, ISSUE12_GROUPS)
        print("\n### Targets (issue 12)\n")
        issue12_targets(m)
        return
    missing = [f"{g}/{f}" for (g, f), v in m.items() if v is None]
    if missing:
        print(f"missing estimates (run the benchmarks first): {', '.join(missing)}", file=sys.stderr)
    print("### Peers and floors\n")
    peer_tables(m)
    print("\n### Targets (issue 5)\n")
    targets(m)
    print("\n### Targets (issue 12)\n")
    issue12_targets(m)
    print("\n### Targets (issue 13)\n")
    issue13_targets(m)
    print("\n### Scaling and parts\n")
    other_tables(m)
    if os.path.isdir(os.path.join(CRITERION, "adversarial")):
        print("\n### Adversarial cost\n")
        adversarial_table()


if __name__ == "__main__":
    main()
