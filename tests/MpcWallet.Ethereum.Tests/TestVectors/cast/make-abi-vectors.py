#!/usr/bin/env python3
"""Generates abi-vectors.json with Foundry's cast (run once, offline; the tests never call cast).

    python3 make-abi-vectors.py ../../../../.tools/bin/cast > abi-vectors.json

Each case records the exact cast command line that produced its output. Arguments are stored in the JSON form our
AbiJsonValues reads (integers as JSON numbers or decimal strings, bytes as 0x-hex, tuples as arrays).
"""
import json, subprocess, sys

CAST = sys.argv[1] if len(sys.argv) > 1 else "cast"
A1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
A2 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
A3 = "0x0000000000000000000000000000000000000001"
INT256_MIN = -(2 ** 255)
INT256_MAX = 2 ** 255 - 1
UINT256_MAX = 2 ** 256 - 1
W1 = "0x" + "00" * 31 + "01"
WFF = "0x" + "ff" * 32

# (mode, signature, args): mode "calldata" = selector + encoding, "encode" = abi.encode of the inputs only.
CASES = [
    ("calldata", "transfer(address,uint256)", [A1, 10 ** 18]),
    ("calldata", "f(uint8,int8,int256,uint256,int24,uint40)", [255, -1, INT256_MIN, UINT256_MAX, -8388608, 2 ** 40 - 1]),
    ("calldata", "f(int8,int256,int16)", [-128, INT256_MAX, 127]),
    ("calldata", "f(bool,bool,address,address)", [True, False, A2, A3]),
    ("calldata", "f(bytes1,bytes10,bytes32,bytes)", ["0xab", "0x31323334353637383930", WFF, "0x" + "de" * 65]),
    ("calldata", "f(string,string,string)", ["hello", "h\u00e9llo w\u00f6rld \u2713 \U0001F600", "x" * 40]),
    ("calldata", "f(uint256[],string[])", [[1, 2, 3], ["one", "two", "three"]]),
    ("calldata", "g(uint256[][],string[])", [[[1, 2], [3]], ["one", "two", "three"]]),
    ("calldata", "f(uint256[],bytes,string,address[])", [[], "0x", "", []]),
    ("calldata", "f(uint256[2][],bool[3])", [[[1, 2], [3, 4], [5, 6]], [True, False, True]]),
    ("calldata", "f(bytes[2],string)", [["0x01", "0x"], "end"]),
    ("calldata", "f(address[3],uint64)", [[A1, A2, A3], 2 ** 64 - 1]),
    ("calldata", "f((uint256,address,bytes)[])", [[[1, A1, "0x0102"], [2, A2, "0x"]]]),
    ("calldata", "f((uint256,(string,bytes32[])[]),int24)", [[7, [["ab,c", [W1, WFF]], ["", []]]], -5]),
    ("calldata", "f((uint8,bytes4)[2],(bool,(int16,address)))", [[[1, "0x01020304"], [2, "0xa9059cbb"]], [True, [-300, A1]]]),
    ("calldata", "f(string[][2])", [[["a", "bb"], []]]),
    ("calldata", "f(int256[])", [[INT256_MIN, -1, 0, 1, INT256_MAX]]),
    ("encode", "f(string,uint256)", ["returned", 42]),
    ("encode", "f(bool)", [True]),
    ("encode", "f((string,uint256[])[])", [[["x", [1]], ["y", []]]]),
    ("calldata", "Error(string)", ["ERC20: transfer amount exceeds balance"]),
    ("calldata", "Panic(uint256)", [0x11]),
    ("calldata", "InsufficientBalance(address,uint256,uint256)", [A1, 5, 10]),
]


def cast_arg(value, top):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if value.startswith("0x"):
            return value
        return value if top else json.dumps(value)
    if isinstance(value, list):
        raise ValueError("lists are rendered by the caller")
    raise TypeError(value)


def render(value, type_text, top):
    """cast's argument syntax: arrays in [..], tuples in (..), nested strings quoted."""
    if isinstance(value, list):
        is_tuple = type_text.endswith(")")
        inner_types = split_components(type_text) if is_tuple else [element_type(type_text)] * len(value)
        parts = [render(v, t, False) for v, t in zip(value, inner_types)]
        return ("(" if is_tuple else "[") + ",".join(parts) + (")" if is_tuple else "]")
    return cast_arg(value, top)


def element_type(type_text):
    return type_text[: type_text.rindex("[")]


def split_components(type_text):
    inner = type_text[1:-1]
    parts, depth, current = [], 0, ""
    for c in inner:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    parts.append(current)
    return parts


def json_arg(value):
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2 ** 53 else str(value)
    return [json_arg(v) for v in value]


cases = []
for mode, signature, args in CASES:
    types = split_components(signature[signature.index("("):])
    rendered = [render(a, t, True) for a, t in zip(args, types)]
    command = [CAST, "calldata" if mode == "calldata" else "abi-encode", signature, "--", *rendered]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
    shown = ["cast"] + command[1:]
    cases.append({
        "mode": mode,
        "signature": signature,
        "args": [json_arg(a) for a in args],
        "command": " ".join(json.dumps(p, ensure_ascii=False) if (" " in p or "," in p or "(" in p or "\"" in p or p == "") else p for p in shown),
        "output": output,
    })

version = subprocess.run([CAST, "--version"], check=True, capture_output=True, text=True).stdout.splitlines()[0]
json.dump({"generator": "make-abi-vectors.py", "tool": version, "cases": cases}, sys.stdout, indent=2, ensure_ascii=False)
print()
