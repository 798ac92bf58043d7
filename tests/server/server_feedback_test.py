#!/usr/bin/env python3
"""ctest for clinician feedback (POST and GET /v1/feedback) on the real `rehab serve` with --audit-db:
good feedback stored (the SQLite rows read back behind the server's back), every class of bad input
(FB and SV codes, nothing stored), a store that refuses the write (503, nothing stored), no store
configured (501), the comment never logged, and kill -9
while clients post feedback (an intact database, every acknowledged row, each submission all or none).
Authentication of the route is checked by server_fault_test.py's auth test.

Usage: server_feedback_test.py REHAB_BINARY SOURCE_DIR TEST   (TEST: feedback, crash); exit 1 on failure."""
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Server  # noqa: E402

MINIMAL = {"id": "t", "age": 27, "condition": "adductor_related_groin_pain", "side": "left"}
COMMENT = "MARKER-7f3a: 2 x 8 instead, douleur \u00e0 3/10\nnext week again"


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def bad_cases():
    """(what, body bytes, expected status, {(code, pointer)} expected among the errors)."""
    item = {"exercise": "bridge", "verdict": "accepted"}
    ok = {"request_id": "r1", "items": [item]}

    def with_item(**kw):
        return dict(ok, items=[dict(item, **kw)])
    cases = [
        ("malformed JSON", b'{"request_id": "r1",\n "items": [}', 400, {("FB001", "")}),
        ("not an object", b"[1, 2]", 400, {("FB002", "")}),
        ("unknown field", dict(ok, request_idd="r1"), 400, {("FB004", "/request_idd")}),
        ("no items", {"request_id": "r1"}, 400, {("FB003", "/items")}),
        ("items not an array", dict(ok, items={"exercise": "bridge"}), 400, {("FB002", "/items")}),
        ("no items in the array", dict(ok, items=[]), 400, {("FB008", "/items")}),
        ("101 items", dict(ok, items=[item] * 101), 400, {("FB008", "/items")}),
        ("no recommendation named", {"items": [item]}, 400, {("FB003", "")}),
        ("request id not plain", dict(ok, request_id="r 1;drop"), 400, {("FB008", "/request_id")}),
        ("hash not SHA-256", dict(ok, programme_hash="ABC"), 400, {("FB008", "/programme_hash")}),
        ("request id a number", dict(ok, request_id=7), 400, {("FB002", "/request_id")}),
        ("item not an object", dict(ok, items=["bridge"]), 400, {("FB002", "/items/0")}),
        ("unknown item field", with_item(comments="x"), 400, {("FB004", "/items/0/comments")}),
        ("no exercise", dict(ok, items=[{"verdict": "accepted"}]), 400, {("FB003", "/items/0/exercise")}),
        ("unknown exercise", with_item(exercise="bridg"), 400, {("FB005", "/items/0/exercise")}),
        ("unknown verdict", with_item(verdict="maybe"), 400, {("FB007", "/items/0/verdict")}),
        ("unknown reason", with_item(verdict="rejected", reason="too_heavy"), 400, {("FB007", "/items/0/reason")}),
        ("rejected without reason", with_item(verdict="rejected"), 400, {("FB003", "/items/0/reason")}),
        ("appropriate yet rejected", with_item(verdict="rejected", reason="appropriate"), 400,
         {("FB006", "/items/0/reason")}),
        ("accepted with a rejection reason", with_item(reason="too_hard"), 400, {("FB006", "/items/0/reason")}),
        ("other without comment", with_item(verdict="modified", reason="other"), 400,
         {("FB003", "/items/0/comment")}),
        ("comment too long", with_item(comment="x" * 2001), 400, {("FB008", "/items/0/comment")}),
        ("comment with a control character", with_item(comment="bell\u0007"), 400, {("FB008", "/items/0/comment")}),
        ("comment not UTF-8", b'{"request_id":"r1","items":[{"exercise":"bridge","verdict":"accepted",'
                              b'"comment":"\xc3"}]}', 400, {("FB001", "")}),
        ("the same exercise twice", dict(ok, items=[item, item]), 400, {("FB009", "/items/1/exercise")}),
        ("every problem at once", {"items": [dict(item, verdict="maybe"), {"exercise": "bridg", "verdict": "rejected"}]},
         400, {("FB003", ""), ("FB007", "/items/0/verdict"), ("FB005", "/items/1/exercise"),
               ("FB003", "/items/1/reason")}),
    ]
    return [(w, b if isinstance(b, bytes) else json.dumps(b).encode(), st, want) for w, b, st, want in cases]


def t_feedback(rehab, src, f):
    work = tempfile.mkdtemp(prefix="rehab-feedback-test-")
    db = os.path.join(work, "audit.db")
    s = Server(rehab, ["--audit-db", db, "--max-body", "8192"])
    try:
        status, h, programme = s.request("POST", "/v1/recommend", MINIMAL, {"X-Request-Id": "fb-rec-1"})
        f.check(status == 200 and h.get("x-request-id") == "fb-rec-1", f"recommend: {status} {h}")
        digest = hashlib.sha256(programme).hexdigest()
        chosen = [e["id"] for e in json.loads(programme)["exercises"]][:3]
        f.check(len(chosen) == 3, f"the programme has {len(chosen)} exercises")
        body = {"request_id": "fb-rec-1", "programme_hash": digest, "items": [
            {"exercise": chosen[0], "verdict": "accepted"},
            {"exercise": chosen[1], "verdict": "modified", "reason": "dose_adjusted", "comment": COMMENT},
            {"exercise": chosen[2], "verdict": "rejected", "reason": "pain_provoking"}]}
        status, h, doc = s.json("POST", "/v1/feedback", body, {"X-Request-Id": "fb-post-1"})
        f.check(status == 201 and doc["format"] == "rehab.feedback-stored/1" and len(doc["ids"]) == 3 and
                doc["ids"] == sorted(doc["ids"]), f"good feedback: {status} {doc}")
        f.check(h.get("x-request-id") == "fb-post-1" and doc.get("request_id") == "fb-post-1",
                f"feedback: request id not echoed {h}")
        f.check(doc.get("about") == {"request_id": "fb-rec-1", "programme_hash": digest}, f"about: {doc}")
        ids = doc["ids"]
        status, _, doc = s.json("POST", "/v1/feedback", {"programme_hash": digest, "items": [
            {"exercise": chosen[0], "verdict": "rejected", "reason": "other", "comment": "seen twice"}]})
        f.check(status == 201 and len(doc["ids"]) == 1, f"feedback by hash only: {status} {doc}")
        ids += doc["ids"]
        for what, data, want, codes in bad_cases():
            status, h, raw = s.request("POST", "/v1/feedback", data, {"Content-Type": "application/json"})
            try:
                got = {(e["code"], e.get("pointer", "")) for e in json.loads(raw)["error"]}
            except (ValueError, KeyError):
                got = set()
            f.check(status == want and codes <= got, f"{what}: {status}, {sorted(got)}, expected {sorted(codes)}")
            f.check(COMMENT.encode() not in raw, f"{what}: the answer quotes a comment")
        status, _, raw = s.request("POST", "/v1/feedback", json.dumps(body), {"Content-Type": "text/plain"})
        f.check(status == 415 and b"SV415" in raw, f"text/plain: {status}")
        status, _, raw = s.request("POST", "/v1/feedback", dict(body, items=body["items"] * 40))
        f.check(status == 413 and b"SV413" in raw, f"a body over --max-body: {status}")
        f.check(s.request("DELETE", "/v1/feedback")[0] == 405, "DELETE /v1/feedback: not 405")
        # The store refuses (another process holds the write lock past the 5 s busy timeout): 503, none stored.
        locker = sqlite3.connect(db, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        try:
            status, _, raw = s.request("POST", "/v1/feedback", dict(body, request_id="fb-locked"))
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        f.check(status == 503 and b"SV031" in raw, f"store refused: {status} {raw[:200]}")
        f.check(rows(db, "SELECT count(*) FROM feedback WHERE request_id = 'fb-locked'") == [(0,)],
                "a refused submission was stored in part")
        # Read back through the service: all four rows, pages by id.
        status, _, listed = s.json("GET", "/v1/feedback?since=0")
        f.check(status == 200 and [r["id"] for r in listed["items"]] == ids, f"GET: {status} {listed}")
        f.check(listed["items"][1].get("comment") == COMMENT and listed["items"][1]["reason"] == "dose_adjusted",
                f"GET: row 2 {listed['items'][1:2]}")
        status, _, page = s.json("GET", "/v1/feedback?limit=2")
        f.check(status == 200 and len(page["items"]) == 2 and page.get("next_after") == ids[1], f"page 1: {page}")
        status, _, page = s.json("GET", f"/v1/feedback?limit=2&after={ids[1]}")
        f.check([r["id"] for r in page["items"]] == ids[2:], f"page 2: {page}")
        status, _, page = s.json("GET", f"/v1/feedback?since={int(time.time() * 1000) + 60000}")
        f.check(status == 200 and page["items"] == [], f"since the future: {page}")
        for query, code in [("since=yesterday", "SV011"), ("limit=0", "SV011"), ("after=-1", "SV011"),
                            ("sinc=0", "SV012")]:
            status, _, raw = s.request("GET", "/v1/feedback?" + query)
            f.check(status == 400 and code.encode() in raw, f"GET ?{query}: {status} {raw[:200]}")
        f.check(s.stop() == 0, "exit code after SIGTERM")
        for log in (s.access, s.log):
            text = open(log, encoding="utf-8", errors="replace").read()
            f.check("MARKER-7f3a" not in text and "seen twice" not in text, f"{log}: a comment was logged")
        f.check("feedback not stored: audit database: database is locked" in s.read_log(),
                "the refusal's reason is not in the server log")
    finally:
        s.close()
    stored = rows(db, "SELECT id, request_id, programme_hash, exercise_id, verdict, reason, comment, clinician "
                      "FROM feedback ORDER BY id")
    f.check([r[0] for r in stored] == ids, f"rows in the database: {[r[0] for r in stored]}, answered {ids}")
    if len(stored) == 4:
        f.check(stored[0][1:] == ("fb-rec-1", digest, chosen[0], "accepted", "", None, ""), f"row 1: {stored[0]}")
        f.check(stored[1][1:] == ("fb-rec-1", digest, chosen[1], "modified", "dose_adjusted", COMMENT, ""),
                f"row 2: {stored[1]}")
        f.check(stored[2][4:6] == ("rejected", "pain_provoking"), f"row 3: {stored[2]}")
        f.check(stored[3][1:3] == ("", digest), f"row 4 (by hash only): {stored[3]}")
    f.check(rows(db, "PRAGMA integrity_check")[0][0] == "ok", "integrity")
    f.check(rows(db, "SELECT version FROM schema_version") == [(2,)], "schema version")
    audited = rows(db, "SELECT status, count(*) FROM requests WHERE route = '/v1/feedback' GROUP BY 1 ORDER BY 1")
    f.check(dict(audited).get(201) == 2 and dict(audited).get(400, 0) >= len(bad_cases()),
            f"audit rows of the feedback route: {audited}")
    shutil.rmtree(work, ignore_errors=True)
    s = Server(rehab)
    try:
        for method in ("POST", "GET"):
            status, _, raw = s.request(method, "/v1/feedback", {"request_id": "r", "items": []} if method == "POST"
                                       else None)
            f.check(status == 501 and b"SV501" in raw, f"{method} without --audit-db: {status} {raw[:200]}")
    finally:
        s.close()


def t_crash(rehab, src, f, rounds=3, clients=4, items=5):
    """Clients post 5-item feedback as fast as they can; the server is SIGKILLed mid-stream; the database
    must be intact, hold every row a 201 acknowledged, and each submission's rows all or none."""
    work = tempfile.mkdtemp(prefix="rehab-feedback-crash-")
    db = os.path.join(work, "audit.db")
    exercises = ["bridge", "clamshell", "adductor_squeeze", "single_leg_stance", "hip_hitch"][:items]
    acknowledged = {}  # submission request id -> ids
    lock = threading.Lock()
    try:
        for rnd in range(rounds):
            s = Server(rehab, ["--audit-db", db])
            stop = threading.Event()

            def post(k):
                n = 0
                while not stop.is_set():
                    rid = f"crash-{rnd}-{k}-{n}"
                    n += 1
                    body = {"request_id": rid, "items": [
                        {"exercise": e, "verdict": "modified", "reason": "dose_adjusted", "comment": "c" * 300}
                        for e in exercises]}
                    try:
                        status, _, data = s.request("POST", "/v1/feedback", body, timeout=5)
                    except Exception:  # noqa: BLE001 - the server is gone (reset, refused, cut short)
                        return
                    if status == 201:
                        with lock:
                            acknowledged[rid] = json.loads(data)["ids"]
            threads = [threading.Thread(target=post, args=(k,)) for k in range(clients)]
            for t in threads:
                t.start()
            time.sleep(1.0 + 0.4 * rnd)
            s.proc.kill()  # SIGKILL, mid-write
            s.proc.wait()
            stop.set()
            for t in threads:
                t.join()
            s.close()
            f.check(rows(db, "PRAGMA integrity_check")[0][0] == "ok", f"round {rnd}: integrity")
            groups = dict(rows(db, "SELECT request_id, count(*) FROM feedback GROUP BY request_id"))
            partial = {k: v for k, v in groups.items() if v != items}
            f.check(not partial, f"round {rnd}: submissions stored in part: {list(partial.items())[:5]}")
            stored = {r[0] for r in rows(db, "SELECT id FROM feedback")}
            lost = [rid for rid, ids in acknowledged.items() if not set(ids) <= stored]
            f.check(not lost, f"round {rnd}: acknowledged and lost: {lost[:5]}")
            f.check(len(acknowledged) > 0, f"round {rnd}: nothing was acknowledged")
        print(f"crash: {rounds} kills, {len(acknowledged)} acknowledged submissions of {items} items, all stored")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    rehab, src, test = sys.argv[1:4]
    f = Failures()
    {"feedback": t_feedback, "crash": t_crash}[test](rehab, src, f)
    return f.exit_code(test)


if __name__ == "__main__":
    sys.exit(main())
