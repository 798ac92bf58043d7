#!/usr/bin/env python3
"""ctest for `rehab serve` under bad input, faults and load, each bounded to seconds: malformed and
oversized bodies, a body that never ends, headers a byte a second, 1,000 concurrent connections, a
reload with a broken rules folder while requests run, a soak of mixed requests, SIGTERM mid-request
and the refusal to serve a non-loopback address without authentication.

Usage: server_fault_test.py REHAB_BINARY SOURCE_DIR TEST; exit 1 on failure."""
import asyncio
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Server, read_response, status_of  # noqa: E402

MINIMAL = {"id": "t", "age": 27, "condition": "adductor_related_groin_pain", "side": "left"}
FAST = ["--header-timeout-ms", "1000", "--body-timeout-ms", "1000"]


def post_head(path, length, extra=""):
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}"
            f"Content-Length: {length}\r\n\r\n").encode()


def t_bad_input(rehab, src, f):
    s = Server(rehab, FAST)
    try:
        status, _, doc = s.json("POST", "/v1/recommend", b'{"age": 27,\n "side": }', {"Content-Type": "application/json"})
        e = doc["error"][0]
        f.check(status == 400 and e["code"] == "PR001" and e["line"] == 2 and e["column"] > 0, f"malformed: {doc}")
        bad = dict(MINIMAL, pain={"rest": 11}, condition="adductor_groin_pain")
        status, _, doc = s.json("POST", "/v1/recommend", bad)
        pointers = {x.get("pointer") for x in doc["error"]}
        f.check(status == 400 and {"/pain/rest", "/condition"} <= pointers, f"invalid profile: {doc}")
        # 10 MB with a Content-Length: 413 before the body is read, then the body is drained.
        sock = s.raw()
        sock.sendall(post_head("/v1/recommend", 10 << 20))
        try:
            sock.sendall(b" " * (10 << 20))
        except OSError:
            pass
        f.check(status_of(read_response(sock)) == 413, "10 MB body with Content-Length: not 413")
        sock.close()
        # 10 MB chunked: 413 once over the limit.
        sock = s.raw()
        sock.sendall(b"POST /v1/recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(160):
                sock.sendall(b"10000\r\n" + b" " * 0x10000 + b"\r\n")
        except OSError:
            pass
        f.check(status_of(read_response(sock)) == 413, "10 MB chunked body: not 413")
        sock.close()
        # A body that never ends (a chunk every 100 ms): cut off by the body deadline.
        sock = s.raw()
        sock.sendall(b"POST /v1/recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        start, stop = time.time(), threading.Event()

        def trickle():
            try:
                while not stop.is_set():
                    sock.sendall(b"1\r\n \r\n")
                    time.sleep(0.1)
            except OSError:
                pass
        t = threading.Thread(target=trickle)
        t.start()
        st = status_of(read_response(sock))
        stop.set()
        t.join()
        f.check(st == 408 and time.time() - start < 4, f"endless body: {st} after {time.time() - start:.1f} s")
        sock.close()
        # A body shorter than its Content-Length: 408.
        sock = s.raw()
        sock.sendall(post_head("/v1/recommend", 1000) + b'{"age": 27')
        start = time.time()
        st = status_of(read_response(sock))
        f.check(st == 408 and time.time() - start < 4, f"stalled body: {st}")
        sock.close()
        # Headers one byte a second: the connection is closed at the header deadline.
        sock = s.raw()
        start, closed = time.time(), False
        try:
            for b in b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n":
                sock.sendall(bytes([b]))
                time.sleep(1.0)
                if time.time() - start > 4:
                    break
        except OSError:
            closed = True
        data = read_response(sock)
        elapsed = time.time() - start
        f.check((closed or status_of(data) in (None, 408)) and elapsed < 6, f"slow headers held {elapsed:.1f} s")
        sock.close()
        status, _, _ = s.request("POST", "/v1/recommend", json.dumps(MINIMAL), {"Content-Type": "text/plain"})
        f.check(status == 415, f"text/plain: {status}")
        status, _, _ = s.request("POST", "/v1/recommend", b"", {"Content-Type": "application/json"})
        f.check(status == 400, f"empty body: {status}")
        sock = s.raw()
        sock.sendall(b"\x16\x03\x01garbage that is not http\r\n\r\n")
        f.check(status_of(read_response(sock)) in (None, 400), "garbage request line")
        sock.close()
        f.check(s.request("GET", "/healthz")[0] == 200, "not alive after bad input")
        f.check("status=500" not in open(s.access).read(), "a 500 for user input")
        f.check(s.stop() == 0, "exit code after SIGTERM")
    finally:
        s.close()


async def one_connection(port, body):
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 20)
        w.write(post_head("/v1/recommend?view=summary", len(body), "Connection: close\r\n") + body)
        await w.drain()
        data = await asyncio.wait_for(r.read(), 30)
        w.close()
        return data
    except (OSError, asyncio.TimeoutError) as e:
        return repr(e).encode()


async def many(port, n, body):
    return await asyncio.gather(*(one_connection(port, body) for _ in range(n)))


def t_concurrency(rehab, src, f):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    s = Server(rehab, ["--threads", "8", "--queue", "32"])
    try:
        start = time.time()
        answers = asyncio.run(many(s.port, 1000, json.dumps(MINIMAL).encode()))
        statuses = [status_of(a) for a in answers]
        ok, busy = statuses.count(200), statuses.count(503)
        print(f"1000 connections in {time.time() - start:.1f} s: {ok} answered, {busy} refused 503")
        f.check(ok + busy == 1000, f"{1000 - ok - busy} connections without an answer: "
                f"{[a[:80] for a in answers if status_of(a) not in (200, 503)][:3]}")
        f.check(ok > 0, "no connection answered")
        f.check(all(b"Retry-After: " in a for a in answers if status_of(a) == 503), "503 without Retry-After")
        metrics = s.request("GET", "/metrics")[2].decode()
        f.check(f"rehab_http_rejected_total {busy}" in metrics, "rejected connections not counted")
        f.check(s.request("GET", "/healthz")[0] == 200, "not alive after 1,000 connections")
        f.check(s.stop() == 0, "exit code after SIGTERM")
    finally:
        s.close()


def t_reload(rehab, src, f):
    s = None
    data = None
    try:
        import tempfile
        data = tempfile.mkdtemp(prefix="rehab-reload-")
        shutil.copytree(os.path.join(src, "knowledge"), os.path.join(data, "knowledge"))
        shutil.copytree(os.path.join(src, "rules"), os.path.join(data, "rules"))
        s = Server(rehab, ["--knowledge", os.path.join(data, "knowledge"), "--rules", os.path.join(data, "rules")])
        old = s.request("GET", "/readyz")[1]["x-rehab-rules"]
        stop, seen, bad = threading.Event(), set(), []

        def load():
            while not stop.is_set():
                st, h, _ = s.request("POST", "/v1/recommend?view=summary", MINIMAL)
                seen.add(h.get("x-rehab-rules"))
                if st != 200:
                    bad.append(st)
        workers = [threading.Thread(target=load) for _ in range(4)]
        for w in workers:
            w.start()
        safety = os.path.join(data, "rules", "safety.json")
        original = open(safety, "rb").read()
        open(safety, "wb").write(b'{"rules": [ {"id": "broken", ')
        s.signal(signal.SIGHUP)
        time.sleep(1.0)
        status, _, doc = s.json("POST", "/v1/admin/reload")
        f.check(status == 422 and doc["error"], f"broken reload: {status} {doc}")
        status, h, ready = s.json("GET", "/readyz")
        f.check(h["x-rehab-rules"] == old and "last_reload_error" in ready, f"old data not kept: {ready}")
        open(safety, "wb").write(original + b"\n")
        status, h, doc = s.json("POST", "/v1/admin/reload")
        f.check(status == 200 and h["x-rehab-rules"] != old, f"fixed reload: {status} {doc}")
        time.sleep(0.5)
        stop.set()
        for w in workers:
            w.join()
        new = h["x-rehab-rules"]
        f.check(not bad, f"requests failed during reloads: {bad[:5]}")
        f.check(seen <= {old, new} and new in seen, f"versions seen: {seen}")
        metrics = s.request("GET", "/metrics")[2].decode()
        f.check('rehab_reloads_total{result="failed"} 2' in metrics and 'rehab_reloads_total{result="ok"} 1' in metrics,
                "reloads not counted (SIGHUP and admin failed, admin ok)")
        f.check(s.stop() == 0, "exit code after SIGTERM")
    finally:
        if s:
            s.close()
        if data:
            shutil.rmtree(data, ignore_errors=True)


def t_soak(rehab, src, f, threads=8, per_thread=150):
    s = Server(rehab, ["--threads", "16"])
    good = [("POST", "/v1/recommend?view=summary", MINIMAL, 200), ("POST", "/v1/recommend", MINIMAL, 200),
            ("GET", "/v1/knowledge/conditions", None, 200),
            ("POST", "/v1/explain", {"profile": MINIMAL, "exercise": "bridge"}, 200)]
    bad = [("POST", "/v1/recommend", b"{", 400), ("GET", "/nope", None, 404), ("PUT", "/v1/recommend", None, 405),
           ("POST", "/v1/recommend", dict(MINIMAL, age="old"), 400)]
    try:
        mix = good + bad
        for i in range(100):  # warm up before measuring memory
            m, p, b, _ = mix[i % len(mix)]
            s.request(m, p, b, {"Content-Type": "application/json"} if b is not None else {})
        before = s.rss_kb()
        failures, start = [], time.time()

        def run(k):
            for i in range(per_thread):
                m, p, b, want = mix[(i + k) % len(mix)]
                st = s.request(m, p, b, {"Content-Type": "application/json"} if b is not None else {})[0]
                if st != want:
                    failures.append((m, p, st, want))
        ts = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        after = s.rss_kb()
        print(f"soak: {threads * per_thread} requests in {time.time() - start:.1f} s; RSS {before} -> {after} kB")
        f.check(not failures, f"{len(failures)} requests answered wrongly: {failures[:5]}")
        f.check(after <= before * 1.25 + 8192, f"memory grew: {before} -> {after} kB")
        f.check(s.stop() == 0, "exit code after SIGTERM")
    finally:
        s.close()


def t_sigterm(rehab, src, f):
    s = Server(rehab)
    try:
        body = json.dumps(MINIMAL).encode()
        sock = s.raw(timeout=20)
        sock.sendall(post_head("/v1/recommend?view=summary", len(body)) + body[:10])
        time.sleep(0.3)
        s.signal(signal.SIGTERM)
        time.sleep(0.5)
        sock.sendall(body[10:])
        answer = read_response(sock)
        f.check(status_of(answer) == 200 and b"rehab.programme-summary/1" in answer, "in-flight request not finished")
        try:
            code = s.proc.wait(15)
        except subprocess.TimeoutExpired:
            code = None
        f.check(code == 0, f"exit code after SIGTERM: {code}")
    finally:
        s.close()


def t_host_policy(rehab, src, f):
    r = subprocess.run([rehab, "serve", "--host", "0.0.0.0", "--port", "0"], capture_output=True, timeout=60)
    f.check(r.returncode == 64 and b"SV020" in r.stderr, f"served 0.0.0.0 without auth: {r.returncode}")
    s = Server(rehab, ["--host", "0.0.0.0", "--behind-proxy"])
    try:
        f.check(s.request("GET", "/healthz")[0] == 200, "--behind-proxy did not serve")
        f.check(s.stop() == 0, "exit code after SIGTERM")
    finally:
        s.close()


def t_auth(rehab, src, f):
    """--jwks: a signed token lets a request in once; none, a replay or a wrong audience get 401 without
    detail, on every /v1 route (feedback too). --audit-db: one row per request, no patient text; a
    feedback row names the token's subject."""
    import sqlite3
    import tempfile
    work = tempfile.mkdtemp(prefix="rehab-auth-test-")
    keys = os.path.join(src, "scripts", "auth-test-keys.py")
    subprocess.run([sys.executable, keys, "keys", work, "--kty", "RSA", "--kid", "k1"], check=True,
                   capture_output=True, timeout=120)

    def token(aud="rehab"):
        return subprocess.run([sys.executable, keys, "token", "--key", os.path.join(work, "test-private.pem"),
                               "--kid", "k1", "--iss", "https://idp.test", "--aud", aud], check=True,
                              capture_output=True, timeout=60).stdout.decode().strip()

    db = os.path.join(work, "audit.db")
    s = Server(rehab, ["--jwks", os.path.join(work, "jwks.json"), "--issuer", "https://idp.test",
                       "--audience", "rehab", "--audit-db", db])
    try:
        f.check(s.request("GET", "/v1/knowledge")[0] == 401, "no token was let in")
        good = token()
        status, _, body = s.request("GET", "/v1/knowledge", headers={"Authorization": "Bearer " + good})
        f.check(status == 200, f"a valid token was refused: {status} {body[:200]}")
        replay = s.request("GET", "/v1/knowledge", headers={"Authorization": "Bearer " + good})
        f.check(replay[0] == 401, "a replayed token was let in")
        f.check(b"jti" not in replay[2] and b"replay" not in replay[2], "401 said why")
        wrong = s.request("GET", "/v1/knowledge", headers={"Authorization": "Bearer " + token("other")})
        f.check(wrong[0] == 401, "a token for another audience was let in")
        f.check(s.request("GET", "/healthz")[0] == 200, "/healthz needs no token")
        feedback = {"request_id": "auth-rec", "items": [{"exercise": "bridge", "verdict": "accepted"}]}
        for method, body in [("POST", feedback), ("GET", None)]:
            status, h, data = s.request(method, "/v1/feedback", body)
            f.check(status == 401 and h.get("www-authenticate") == "Bearer",
                    f"{method} /v1/feedback without a token: {status}")
        status, _, data = s.request("POST", "/v1/feedback", feedback, {"Authorization": "Bearer " + token()})
        f.check(status == 201, f"feedback with a valid token: {status} {data[:200]}")
        status, _, data = s.request("GET", "/v1/feedback", headers={"Authorization": "Bearer " + token()})
        f.check(status == 200 and json.loads(data)["items"][0].get("clinician") == "test-clinician",
                f"GET /v1/feedback with a valid token: {status} {data[:200]}")
        f.check(good not in open(s.access, encoding="utf-8", errors="replace").read(), "a token was logged")
        f.check(s.stop() == 0, "exit code after SIGTERM")
    finally:
        s.close()
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
        f.check(rows >= 4, f"audit rows: {rows}, expected one per /v1 request")
        f.check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "audit database integrity")
        fb = con.execute("SELECT request_id, exercise_id, verdict, clinician FROM feedback").fetchall()
        f.check(fb == [("auth-rec", "bridge", "accepted", "test-clinician")], f"feedback rows: {fb}")
    finally:
        con.close()
    shutil.rmtree(work, ignore_errors=True)


def main():
    rehab, src, test = sys.argv[1:4]
    f = Failures()
    tests = {"bad_input": t_bad_input, "concurrency": t_concurrency, "reload": t_reload, "soak": t_soak,
             "sigterm": t_sigterm, "host_policy": t_host_policy, "auth": t_auth}
    tests[test](rehab, src, f)
    return f.exit_code(test)


if __name__ == "__main__":
    sys.exit(main())
