#!/usr/bin/env python3
"""Independent verifier of a CCAG register log, in Python's standard library only.

It checks an exported log (`ccag events export > log.jsonl`) against the register's public
key and, optionally, a signed tree head, following docs/verification.md and nothing else:

  * every stream's hash chain (revisions dense from 0, prevHash, hash recomputed);
  * the RFC 9162 Merkle tree over every event (leaf = RFC 8785 JSON of the whole event);
  * every MeetingHeld event's signed tree head: Ed25519 signature with the register's key,
    root equal to the root of the log's first treeSize events;
  * with --head: that head's signature, and that the export's first treeSize events give its root
    (so the exported log extends it).

Usage:
  python3 docs/verify.py LOG.jsonl --public-key HEX [--head HEAD_JSON]
  python3 docs/verify.py --self-test

Exit status 0 when everything checks, 1 when something does not (each problem is printed),
2 for a usage error. Ed25519 verification is written here after the reference code of
RFC 8032 section 6, so no package is needed.
"""

import argparse
import hashlib
import json
import math
import sys

# ---------------------------------------------------------------- RFC 8785 (JCS) encoding


def jcs(value):
    """The RFC 8785 canonical JSON text of a parsed JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return jcs_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value.keys(), key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + jcs(value[k]) for k in keys) + "}"
    raise ValueError("not a JSON value: %r" % (value,))


def jcs_number(x):
    """ECMAScript Number.prototype.toString, as RFC 8785 section 3.2.2.3 requires."""
    if math.isnan(x) or math.isinf(x):
        raise ValueError("NaN and Infinity are not JSON")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, exponent = shortest_digits(abs(x))
    k = len(digits)
    n = exponent + k  # the decimal point sits after n digits
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return sign + mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def shortest_digits(x):
    """The shortest digit string d and exponent e with float(d * 10**e) == x (Python's repr is shortest)."""
    text = repr(x)
    mantissa, _, exp = text.partition("e")
    exponent = int(exp) if exp else 0
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    exponent -= len(fraction)
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    return stripped, exponent


# ---------------------------------------------------------------- RFC 9162 Merkle tree


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(leaf):
    return sha256(b"\x00" + leaf)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def split_point(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def tree_root(leaves):
    """MTH over leaf hashes, iteratively: the perfect subtrees of the compact range, folded right to left."""
    if not leaves:
        return sha256(b"")
    stack = []  # (level, hash), levels strictly decreasing
    for i, h in enumerate(leaves):
        level, node = 0, h
        while stack and stack[-1][0] == level:
            node = node_hash(stack.pop()[1], node)
            level += 1
        stack.append((level, node))
    root = stack[-1][1]
    for _, h in reversed(stack[:-1]):
        root = node_hash(h, root)
    return root


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, path):
    """RFC 9162 section 2.1.4.2 (a proof from the empty tree proves nothing and is refused)."""
    if first < 1 or second < first:
        return False
    if first == second:
        return not path and first_root == second_root
    if not path:
        return False
    if first & (first - 1) == 0:
        path = [first_root] + list(path)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


# ---------------------------------------------------------------- Ed25519 (RFC 8032 section 6)

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493


def inverse(x):
    return pow(x, P - 2, P)


D = -121665 * inverse(121666) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def point_add(a, b):
    # Extended homogeneous coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, x*y = T/Z.
    pa = (a[1] - a[0]) * (b[1] - b[0]) % P
    pb = (a[1] + a[0]) * (b[1] + b[0]) % P
    pc = 2 * a[3] * b[3] * D % P
    pd = 2 * a[2] * b[2] % P
    e, f, g, h = pb - pa, pd - pc, pd + pc, pb + pa
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def point_multiply(scalar, point):
    result = (0, 1, 1, 0)
    while scalar > 0:
        if scalar & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        scalar >>= 1
    return result


def point_equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * inverse(D * y * y + 1) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


BASE_Y = 4 * inverse(5) % P
BASE_X = recover_x(BASE_Y, 0)
BASE = (BASE_X, BASE_Y, 1, BASE_X * BASE_Y % P)


def point_decompress(data):
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a = point_decompress(public)
    r = point_decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    return point_equal(point_multiply(s, BASE), point_add(r, point_multiply(h, a)))


# ---------------------------------------------------------------- the register's formats

HEAD_FIELDS = ("treeSize", "rootHash", "timestamp", "keyId", "signature")


def head_message(head):
    return ("CCAG tree head v1\n%d\n%s\n%s\n" % (head["treeSize"], head["rootHash"], head["timestamp"])).encode("utf-8")


def head_problem(head, public_key):
    """Why a signed tree head is not the register's; None when its signature checks."""
    missing = [f for f in HEAD_FIELDS if f not in head]
    if missing:
        return "the head lacks " + ", ".join(missing)
    if hashlib.sha256(public_key).hexdigest() != head["keyId"]:
        return "the head names key %s, not the register's" % head["keyId"][:16]
    try:
        signature = bytes.fromhex(head["signature"])
    except ValueError:
        return "the signature is not hex"
    if not ed25519_verify(public_key, head_message(head), signature):
        return "the signature does not verify with the register's key"
    return None


def event_leaf(event):
    fields = ("position", "stream", "revision", "id", "type", "data", "metadata", "recordedAt")
    return jcs({k: event[k] for k in fields}).encode("utf-8")


def chain_hash(event):
    metadata = {k: v for k, v in event["metadata"].items() if k != "hash"}
    hashed = {k: event[k] for k in ("stream", "revision", "id", "type", "data")}
    hashed["metadata"] = metadata
    return hashlib.sha256(jcs(hashed).encode("utf-8")).hexdigest()


def verify_log(lines, public_key, head=None):
    problems = []
    leaves = []
    roots = {}
    streams = {}
    meetings = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        event = json.loads(line)
        where = "line %d (event %s, %s@%s)" % (number, event.get("id"), event.get("stream"), event.get("revision"))
        previous = streams.get(event["stream"])
        expected_revision = previous[0] + 1 if previous else 0
        if event["revision"] != expected_revision:
            problems.append("%s: revision %s where %d was expected" % (where, event["revision"], expected_revision))
        if event["metadata"].get("prevHash") != (previous[1] if previous else None):
            problems.append("%s: prevHash is not the hash of the stream's previous event" % where)
        if chain_hash(event) != event["metadata"].get("hash"):
            problems.append("%s: its hash does not match its content" % where)
        streams[event["stream"]] = (event["revision"], event["metadata"].get("hash"))
        leaves.append(leaf_hash(event_leaf(event)))
        if event["type"] == "MeetingHeld" and isinstance(event["data"].get("treeHead"), dict):
            meetings.append((where, event["data"]["number"], event["data"]["treeHead"]))
    if problems:
        return problems, leaves

    def root_at(size):
        if size not in roots:
            roots[size] = tree_root(leaves[:size])
        return roots[size]

    checks = [("CCAG #%s (%s)" % (n, where), h) for where, n, h in meetings]
    if head is not None:
        checks.append(("the given head", head))
    for label, h in checks:
        problem = head_problem(h, public_key)
        if problem is None and h["treeSize"] > len(leaves):
            problem = "it covers %d events but the log has %d: events were removed" % (h["treeSize"], len(leaves))
        if problem is None and root_at(h["treeSize"]).hex() != h["rootHash"]:
            problem = "the log's first %d events do not hash to its root: that history was changed" % h["treeSize"]
        if problem:
            problems.append("%s: %s" % (label, problem))
    return problems, leaves


# ---------------------------------------------------------------- self-test and command line


def self_test():
    # RFC 8032 section 7.1, TEST 1 (empty message).
    public = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    signature = bytes.fromhex(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    )
    assert ed25519_verify(public, b"", signature)
    assert not ed25519_verify(public, b"x", signature)
    # transparency-dev/merkle testonly: leaf inputs and the root of all eight.
    inputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
    leaves = [leaf_hash(bytes.fromhex(x)) for x in inputs]
    assert tree_root(leaves).hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    assert tree_root(leaves[:3]).hex() == "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"
    assert jcs({"b": [1, 2.5, 1e21, 1e-7, "é\n"], "a": None}) == '{"a":null,"b":[1,2.5,1e+21,1e-7,"é\\n"]}'
    print("self-test OK")


def main(argv):
    parser = argparse.ArgumentParser(description="Verify an exported CCAG register log (docs/verification.md).")
    parser.add_argument("log", nargs="?", help="the output of `ccag events export` (JSON Lines)")
    parser.add_argument("--public-key", help="the register's Ed25519 public key, 64 hex digits (/.well-known/ccag-register.json)")
    parser.add_argument("--head", help="a signed tree head (JSON) the log must extend")
    parser.add_argument("--self-test", action="store_true", help="check the Ed25519, Merkle and JSON code against published vectors")
    args = parser.parse_args(argv)
    if args.self_test:
        self_test()
        return 0
    if not args.log or not args.public_key:
        parser.print_usage(sys.stderr)
        print("verify.py: error: give the exported log and --public-key", file=sys.stderr)
        return 2
    try:
        public_key = bytes.fromhex(args.public_key)
        head = json.loads(args.head) if args.head else None
    except ValueError as error:
        print("verify.py: error: %s" % error, file=sys.stderr)
        return 2
    if len(public_key) != 32:
        print("verify.py: error: the public key must be 32 bytes (64 hex digits)", file=sys.stderr)
        return 2
    with open(args.log, encoding="utf-8") as f:
        problems, leaves = verify_log(f.readlines(), public_key, head)
    if problems:
        for problem in problems:
            print("FAILED: " + problem, file=sys.stderr)
        return 1
    print("OK: %d events verified; Merkle root %s" % (len(leaves), tree_root(leaves).hex()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
