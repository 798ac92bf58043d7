#!/usr/bin/env python3
"""ctest for `rehab serve` (the real binary on an ephemeral loopback port): every route, the error
statuses, CLI-vs-server byte identity for every example profile and every scenario (against `rehab
batch`, and `rehab recommend` / `rehab explain` for the examples), and every route
and example of the OpenAPI document against a running server.

Usage: server_test.py REHAB_BINARY SOURCE_DIR TEST   (TEST: routes, identity, openapi); exit 1 on failure."""
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failures, Server  # noqa: E402

KINDS = ["exercises", "conditions", "movements", "muscles", "equipment", "positions", "red-flags", "bands",
         "references", "codes"]
METRIC_LINE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})? (\S+)$')


def cli(rehab, *args):
    r = subprocess.run([rehab, *args], capture_output=True, timeout=120)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def check_metrics(f, text):
    buckets = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = METRIC_LINE.match(line)
        if not f.check(m is not None, f"metrics: not Prometheus text: {line!r}"):
            continue
        value = m.group(3)
        f.check(value == "+Inf" or re.match(r"^-?[0-9.eE+-]+$", value), f"metrics: bad value in {line!r}")
        b = re.match(r'^rehab_http_request_duration_seconds_bucket\{route="([^"]+)",le="([^"]+)"\} (\d+)$', line)
        if b:
            buckets.setdefault(b.group(1), []).append(int(b.group(3)))
    for route, counts in buckets.items():
        f.check(counts == sorted(counts), f"metrics: histogram of {route} not cumulative: {counts}")
        f.check(f'rehab_http_request_duration_seconds_count{{route="{route}"}} {counts[-1]}' in text,
                f"metrics: +Inf bucket of {route} is not the count")
    for family in ["rehab_http_requests_total", "rehab_http_in_flight_requests", "rehab_http_rejected_total",
                   "rehab_reloads_total", "rehab_data_info"]:
        f.check(f"# TYPE {family} " in text, f"metrics: no {family}")


def t_routes(rehab, src, f):
    s = Server(rehab)
    try:
        profile = open(os.path.join(src, "examples/profiles/adductor_related_groin_pain.json"), "rb").read()
        gets = ["/healthz", "/readyz", "/metrics", "/v1/openapi.json", "/v1/knowledge", "/v1/knowledge/ladders",
                "/v1/knowledge/exercises/bridge"] + ["/v1/knowledge/" + k for k in KINDS]
        for path in gets:
            status, h, body = s.request("GET", path, headers={"Authorization": "Bearer secret-token-xyz"})
            f.check(status == 200, f"GET {path}: {status}")
            f.check(h.get("x-rehab-knowledge", "").count(" ") == 1 and h.get("x-rehab-rules", "").count(" ") == 1,
                    f"GET {path}: no version headers {h}")
            if path != "/metrics":
                json.loads(body)
        for k in KINDS:
            code, out, _ = cli(rehab, "kb", "list", k, "--format", "json")
            f.check(code == 0 and s.request("GET", "/v1/knowledge/" + k)[2] == out, f"kb list {k} differs")
        for view, ctype in [("full", "application/json"), ("summary", "application/json"), ("html", "text/html")]:
            status, h, body = s.request("POST", "/v1/recommend?view=" + view, profile,
                                        {"Content-Type": "application/json", "X-Request-Id": "req-" + view})
            f.check(status == 200 and h.get("content-type", "").startswith(ctype), f"recommend {view}: {status} {h}")
            f.check(h.get("x-request-id") == "req-" + view, f"recommend {view}: request id not echoed")
        status, _, doc = s.json("POST", "/v1/explain", {"profile": json.loads(profile), "exercise": "bridge"})
        f.check(status == 200 and doc["format"] == "rehab.explanation/1" and doc["text"], f"explain: {status}")
        status, _, doc = s.json("POST", "/v1/admin/reload")
        f.check(status == 200 and doc["reloaded"] is True, f"reload: {status} {doc}")
        expect_errors = [
            ("GET", "/nope", None, 404, "SV404"), ("GET", "/v1/recommend", None, 405, "SV405"),
            ("DELETE", "/healthz", None, 405, "SV405"), ("GET", "/v1/knowledge/bogus", None, 404, "SV404"),
            ("GET", "/v1/knowledge/exercises/bridg", None, 404, "SV404"),
            ("POST", "/v1/recommend?view=bogus", profile, 400, "SV010"),
            ("POST", "/v1/recommend", b'{"age": 27,', 400, "PR001"),
            ("POST", "/v1/explain", {"profile": json.loads(profile), "exercise": "bridg"}, 400, "PR005"),
        ]
        for method, path, body, want, code in expect_errors:
            hdr = {"Content-Type": "application/json"} if body is not None else {}
            status, h, data = s.request(method, path, body, hdr)
            doc = json.loads(data)
            f.check(status == want and doc["format"] == "rehab.error/1" and doc["error"][0]["code"] == code,
                    f"{method} {path}: {status} {doc}")
            f.check("x-rehab-knowledge" in h, f"{method} {path}: no version header")
            if want == 405:
                f.check("allow" in h, f"{method} {path}: no Allow header")
        status, _, _ = s.request("POST", "/v1/recommend", profile, {"Content-Type": "text/plain"})
        f.check(status == 415, f"text/plain body: {status}")
        _, _, data = s.request("GET", "/v1/knowledge/exercises/bridg")
        f.check("bridge" in json.loads(data)["error"][0].get("hint", ""), "no nearest exercise in the hint")
        check_metrics(f, s.request("GET", "/metrics")[2].decode())
        f.check('rehab_http_requests_total{route="/v1/recommend",status="200"} 3' in
                s.request("GET", "/metrics")[2].decode(), "metrics: recommend 200 not counted 3 times")
        # The handout's header from the query (issue 17): the same bytes as the CLI's options, escaped.
        header = [("patient_name", "Ann <O'Brien> & Co"), ("clinician", "Dr Sam"), ("clinic", "Clinic 0123"),
                  ("date", "2026-03-04"), ("review_date", "2026-03-18")]
        query = "&".join(k + "=" + urllib.parse.quote(v) for k, v in header)
        path = os.path.join(src, "examples/profiles/adductor_related_groin_pain.json")
        code, out, _ = cli(rehab, "recommend", path, "--format", "html", *sum(
            [["--" + k.replace("_", "-"), v] for k, v in header], []))
        status, _, data = s.request("POST", "/v1/recommend?view=html&" + query, profile,
                                    {"Content-Type": "application/json"})
        f.check(code == 0 and status == 200 and data == out, "view=html with a header: differs from the CLI")
        f.check(b"Ann &lt;O&#39;Brien&gt; &amp; Co" in data and b"4 March 2026" in data, "header not in the handout")
        for bad in ["view=html&date=2026-02-30", "view=html&date=2026-03-18&review_date=2026-03-04",
                    "view=full&patient_name=Ann", "view=html&clinician=" + "x" * 81]:
            status, _, data = s.request("POST", "/v1/recommend?" + bad, profile, {"Content-Type": "application/json"})
            doc = json.loads(data)
            f.check(status == 400 and doc["error"][0]["code"] == "SV013", f"{bad}: {status} {doc}")
        log = open(s.access, encoding="utf-8").read()
        f.check("route=/v1/recommend status=200" in log and "id=req-full" in log, "access log: no recommend line")
        f.check("secret-token-xyz" not in log and "adductor_related_groin_pain" not in log and
                "kicking" not in log, "access log: holds a token or profile content")
        f.check(s.stop() == 0, "SIGTERM: exit code not 0")
    finally:
        s.close()


def minified(text):
    """JSON text without the whitespace between tokens: nlohmann's dump(2) becomes its dump(-1) byte for byte."""
    out, in_string, escape = [], False, False
    for ch in text:
        if in_string:
            out.append(ch)
            escape = not escape and ch == "\\"
            in_string = escape or ch != '"'
        elif ch == '"':
            out.append(ch)
            in_string = True
        elif ch not in " \n":
            out.append(ch)
    return "".join(out)


def all_profiles(src):
    """(name, one-line JSON text) for every example profile and every scenario's profile."""
    out = []
    for p in sorted(glob.glob(os.path.join(src, "examples/profiles/*.json"))):
        out.append((os.path.basename(p), json.dumps(json.load(open(p, encoding="utf-8")), ensure_ascii=False)))
    for sc in sorted(glob.glob(os.path.join(src, "scenarios/**/*.json"), recursive=True)):
        doc = json.load(open(sc, encoding="utf-8"))
        if isinstance(doc, dict) and "profile" in doc:
            out.append((os.path.relpath(sc, src), json.dumps(doc["profile"], ensure_ascii=False)))
    return out


def compare_batch(rehab, s, profiles, work, f):
    """One `rehab batch` run each for summary and full documents against the server, line by line:
    summary byte-identical, full byte-identical but for the indentation, errors identical."""
    lines = os.path.join(work, "profiles.jsonl")
    with open(lines, "w", encoding="utf-8") as out:
        out.write("".join(text + "\n" for _, text in profiles))
    for view, args in [("summary", ["--summary"]), ("full", [])]:
        code, out, _ = cli(rehab, "batch", lines, "--threads", "2", *args)
        records = out.decode("utf-8").splitlines()
        refused = any(r.startswith('{"error"') for r in records)
        f.check(code == (1 if refused else 0) and len(records) == len(profiles),  # 1: some lines refused
                f"batch {view}: exit {code}, {len(records)} records")
        for (name, text), record in zip(profiles, records):
            status, _, data = s.request("POST", "/v1/recommend?view=" + view, text.encode("utf-8"),
                                        {"Content-Type": "application/json"})
            answer = data.decode("utf-8")
            if record.startswith('{"error"'):
                want = json.loads(record)["error"]
                got = json.loads(answer).get("error") if status == 400 else None
                f.check(got == want, f"{name}: CLI refused with {want}, server {status} {got}")
            elif view == "summary":
                f.check(status == 200 and answer == record + "\n", f"{name}: summary differs from the CLI")
            else:
                f.check(status == 200 and minified(answer) == record, f"{name}: full document differs from the CLI")


def compare_example(rehab, s, path, f):
    """`rehab recommend --format json|summary|html` and `rehab explain --format json` byte for byte."""
    body = open(path, "rb").read()
    name = os.path.basename(path)
    for view, fmt in [("full", "json"), ("summary", "summary"), ("html", "html")]:
        code, out, _ = cli(rehab, "recommend", path, "--format", fmt)
        status, _, data = s.request("POST", "/v1/recommend?view=" + view, body, {"Content-Type": "application/json"})
        f.check(code == 0 and status == 200 and data == out, f"{name} view={view}: server differs from the CLI")
    code, out, _ = cli(rehab, "explain", path, "--exercise", "bridge", "--format", "json")
    status, _, data = s.request("POST", "/v1/explain", {"profile": json.loads(body), "exercise": "bridge"})
    f.check(code == 0 and status == 200 and data == out, f"{name}: explain differs from the CLI")


def t_identity(rehab, src, f):
    s = Server(rehab)
    work = tempfile.mkdtemp(prefix="rehab-identity-")
    try:
        profiles = all_profiles(src)
        f.check(len(profiles) >= 110, f"only {len(profiles)} profiles found")
        compare_batch(rehab, s, profiles, work, f)
        examples = sorted(glob.glob(os.path.join(src, "examples/profiles/*.json")))
        f.check(len(examples) >= 13, f"only {len(examples)} example profiles found")
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda p: compare_example(rehab, s, p, f), examples))
        print(f"identity: {len(profiles)} profiles against rehab batch, {len(examples)} against rehab recommend/explain")
    finally:
        s.close()
        shutil.rmtree(work, ignore_errors=True)


def resolve(root, ref):
    node = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def validate(schema, value, root, where="$"):
    """The JSON Schema subset the document uses: $ref, oneOf, const, enum, type, required, properties,
    additionalProperties false, items, minItems, maxItems, maxLength (in bytes, as the service counts),
    pattern, minimum and maximum."""
    if "$ref" in schema:
        return validate(resolve(root, schema["$ref"]), value, root, where)
    errs = []
    if "oneOf" in schema:
        n = sum(1 for sub in schema["oneOf"] if not validate(sub, value, root, where))
        if n != 1:
            errs.append(f"{where}: matches {n} of oneOf")
    if "const" in schema and value != schema["const"]:
        errs.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{where}: {value!r} not in {schema['enum']}")
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
    t = schema.get("type")
    if t and (not isinstance(value, types[t]) or (t in ("integer", "number") and isinstance(value, bool))):
        return errs + [f"{where}: not {t}"]
    if isinstance(value, str):
        if "maxLength" in schema and len(value.encode()) > schema["maxLength"]:
            errs.append(f"{where}: longer than {schema['maxLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errs.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            errs.append(f"{where}: {value} out of range")
    if isinstance(value, dict):
        errs += [f"{where}: no {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            errs += [f"{where}: unknown {k}" for k in value if k not in schema.get("properties", {})]
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                errs += validate(sub, value[k], root, f"{where}.{k}")
    if isinstance(value, list) and not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
        errs.append(f"{where}: {len(value)} items")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errs += validate(schema["items"], item, root, f"{where}[{i}]")
    return errs


def check_answer(f, doc, op, what, status, h, data):
    responses = op["responses"]
    if not f.check(str(status) in responses, f"{what}: status {status} not documented"):
        return
    response = responses[str(status)]
    if "$ref" in response:  # a shared response of components/responses
        response = resolve(doc, response["$ref"])
    content = response.get("content", {})
    ctype = h.get("content-type", "").split(";")[0]
    if ctype == "application/json" and "application/json" in content:
        errs = validate(content["application/json"]["schema"], json.loads(data), doc)
        f.check(not errs, f"{what}: {errs[:3]}")
    else:
        f.check(any(ctype == c or c.startswith(ctype) for c in content), f"{what}: {ctype} not documented")


def t_openapi(rehab, src, f):
    work = tempfile.mkdtemp(prefix="rehab-openapi-")
    s = Server(rehab, ["--audit-db", os.path.join(work, "audit.db")])  # the feedback routes store
    try:
        status, _, doc = s.json("GET", "/v1/openapi.json")
        f.check(status == 200 and doc["openapi"].startswith("3.1"), "not an OpenAPI 3.1 document")
        sent = 0
        for path, item in doc["paths"].items():
            for method, op in item.items():
                url = path
                for p in op.get("parameters", []):
                    if p["in"] == "path":
                        value = (list(p.get("examples", {}).values()) or [{"value": p["schema"]["enum"][0]}])[0]
                        url = url.replace("{" + p["name"] + "}", value["value"])
                body_doc = op.get("requestBody", {}).get("content", {}).get("application/json", {})
                examples = body_doc.get("examples")
                cases = [(n, e["value"], e.get("x-expected-status", 200)) for n, e in (examples or {}).items()]
                for name, body, want in cases:  # an example said to succeed fits the request schema
                    if want < 300:
                        errs = validate(body_doc["schema"], body, doc)
                        f.check(not errs, f"{method} {url} example {name} against its schema: {errs[:3]}")
                for name, body, want in cases or [("no body", None, 200)]:
                    st, h, data = s.request(method.upper(), url, body)
                    sent += 1
                    f.check(st == want, f"{method} {url} example {name}: {st}, documented {want}")
                    check_answer(f, doc, op, f"{method} {url} ({name})", st, h, data)
        f.check(sent >= 18, f"only {sent} requests made from the document")
        for name, ref in [("responses", "#/components/responses/"), ("schemas", "#/components/schemas/")]:
            text = json.dumps(doc)
            unused = [k for k in doc["components"][name] if f'"{ref}{k}"' not in text]
            f.check(not unused, f"components/{name} nobody refers to: {unused}")
        st, h, data = s.request("GET", "/no/such/route")
        check_answer(f, doc, {"responses": {"404": {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}}}, "unknown route", st, h, data)
    finally:
        s.close()
        shutil.rmtree(work, ignore_errors=True)


def main():
    rehab, src, test = sys.argv[1:4]
    f = Failures()
    {"routes": t_routes, "identity": t_identity, "openapi": t_openapi}[test](rehab, src, f)
    return f.exit_code(test)


if __name__ == "__main__":
    sys.exit(main())
