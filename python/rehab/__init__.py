"""rehab from Python: the same engine, knowledge and rules as the `rehab` program, the same documents.

    import rehab
    engine = rehab.Engine()                       # the bundled data, found as the CLI finds it
    programme = engine.recommend({"condition": "adductor_related_groin_pain", "side": "left", "age": 27})
    results = engine.recommend_many(rehab.generate(10_000, seed=1), threads=4)

An Engine is immutable and thread-safe; its calls release the GIL. Bad input raises rehab.InvalidInput,
whose .diagnostics lists every problem (code, pointer, message, hint), as the CLI prints them.
See docs/python.md.
"""
import json
import os
import pathlib

from . import _rehab

__all__ = ["Engine", "InvalidInput", "generate", "iter_generate", "default_data_dir", "__version__"]
__version__ = _rehab.library_version


class InvalidInput(ValueError):
    """Bad input (a profile, an exercise id, a knowledge or rules folder): every problem at once.

    .diagnostics is a list of dicts, each with "code", "severity", "pointer", "message" and "hint"
    ("" when there is none) and, for malformed JSON, "line" and "column"."""

    def __init__(self, diagnostics, source=""):
        self.diagnostics = [_normalised(d) for d in diagnostics]
        self.source = source
        first = self.diagnostics[0] if self.diagnostics else {"code": "?", "pointer": "", "message": "bad input"}
        where = f" at {first['pointer']}" if first.get("pointer") else ""
        more = f" (and {len(self.diagnostics) - 1} more)" if len(self.diagnostics) > 1 else ""
        super().__init__(f"{source + ': ' if source else ''}error[{first['code']}]{where}: {first['message']}{more}")


def _normalised(d):
    d = dict(d)
    d.setdefault("pointer", "")
    d.setdefault("hint", "")
    return d


def _raise(payload, source=""):
    raise InvalidInput(json.loads(payload), source)


def default_data_dir():
    """The folder holding knowledge/ and rules/, found in the CLI's order: $REHAB_DATA_DIR; the data
    installed with this package (rehab/data); the source tree the module was built from; the
    configured install prefix (PREFIX/share/rehab)."""
    env = os.environ.get("REHAB_DATA_DIR")
    if env:
        return env
    packaged = pathlib.Path(__file__).resolve().parent / "data"
    if (packaged / "knowledge").is_dir() and (packaged / "rules").is_dir():
        return str(packaged)
    if (pathlib.Path(_rehab.source_data_dir) / "knowledge").is_dir():
        return _rehab.source_data_dir
    return _rehab.installed_data_dir


def _text(profile):
    """A profile as JSON text: a dict (or list, to be refused with a diagnostic) is serialised, str and
    bytes are taken as they are."""
    if isinstance(profile, str):
        return profile
    if isinstance(profile, (bytes, bytearray)):
        return bytes(profile).decode("utf-8", errors="replace")
    return json.dumps(profile, ensure_ascii=False)


_FORMATS = ("dict", "json", "line", "summary", "text", "html")
_BATCH_FORMATS = ("json", "summary", "csv", "csv-long")


class Engine:
    """The knowledge and rules, loaded and compiled once. `knowledge` and `rules` name folders (default:
    those of default_data_dir()). Raises InvalidInput when they do not load."""

    def __init__(self, knowledge=None, rules=None):
        data = default_data_dir() if knowledge is None or rules is None else None
        self.knowledge_dir = str(knowledge) if knowledge is not None else os.path.join(data, "knowledge")
        self.rules_dir = str(rules) if rules is not None else os.path.join(data, "rules")
        native, diagnostics = _rehab.NativeEngine.load(self.knowledge_dir, self.rules_dir)
        if native is None:
            _raise(diagnostics, "loading " + self.knowledge_dir + " and " + self.rules_dir)
        self._native = native
        self.versions = json.loads(native.versions())

    def __repr__(self):
        v = self.versions
        return (f"rehab.Engine(knowledge {v['knowledge_name']} {v['knowledge_version']}, "
                f"rules {v['rules_version']})")

    def recommend(self, profile, format="dict", source="<profile>"):
        """The programme (or referral) for one profile (a dict, or JSON text). format "dict" (default)
        gives the rehab.programme/1 document as a dict; "json" its text, byte-identical to
        `rehab recommend --format json`; "line" one `rehab batch` line; "summary" the
        rehab.programme-summary/1 record; "text" and "html" what the CLI prints."""
        native_format = _native_format(format)
        ok, payload = self._native.recommend(_text(profile), native_format, source)
        if not ok:
            _raise(payload, source)
        return json.loads(payload) if format == "dict" else payload

    def explain(self, profile, exercise, format="dict", source="<profile>"):
        """Why (or why not) `exercise` is in the programme: the rehab.explanation/1 document
        (`rehab explain --format json`), as a dict or, with format="json", its text."""
        ok, payload = self._native.explain(_text(profile), str(exercise), source)
        if not ok:
            _raise(payload, source)
        return json.loads(payload) if format == "dict" else payload

    def recommend_many(self, profiles, threads=0, format="dict", errors="raise"):
        """recommend() for every profile of an iterable, on `threads` threads (0: all cores) without
        the GIL; the results in input order. errors="raise" raises InvalidInput for the first bad
        profile (its .index says which); errors="record" puts the `rehab batch` error record
        {"line": n, "error": [...]} (n: 1-based position) in its place instead."""
        if errors not in ("raise", "record"):
            raise ValueError("errors must be 'raise' or 'record'")
        texts = [_text(p) for p in profiles]
        results = self._native.recommend_many(texts, _native_format(format), int(threads))
        out = []
        for i, (ok, payload) in enumerate(results):
            if not ok:
                if errors == "raise":
                    e = InvalidInput(json.loads(payload), f"profile {i}")
                    e.index = i
                    raise e
                record = {"line": i + 1, "error": [_strip_line(d) for d in json.loads(payload)]}
                profile_id = _readable_id(texts[i])
                if profile_id:
                    record["id"] = profile_id
                out.append(record if format == "dict" else
                           json.dumps(record, separators=(",", ":"), sort_keys=True, ensure_ascii=False))
                continue
            out.append(json.loads(payload) if format == "dict" else payload)
        return out

    def batch_text(self, text, first_line=1, format="json", source="-", threads=1):
        """What `rehab batch --format FORMAT` writes for `text` (JSON Lines), numbering its lines from
        `first_line` and naming the input `source` in diagnostics: (output bytes, counts dict).
        `text` may be str or bytes (taken as they are, like the CLI reads a file)."""
        if format not in _BATCH_FORMATS:
            raise ValueError(f"unknown batch format {format!r}: expected one of {', '.join(_BATCH_FORMATS)}")
        out, stats = self._native.batch(text, int(first_line), format, source, int(threads))
        return out, json.loads(stats)


def _native_format(format):
    if format not in _FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(_FORMATS)}")
    return "json" if format == "dict" else format


def _readable_id(text):
    """The profile's "id" when the text is a JSON object with a string id (as `rehab batch` reads it)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return ""
    return doc["id"] if isinstance(doc, dict) and isinstance(doc.get("id"), str) else ""


def _strip_line(d):
    d = dict(d)
    d.pop("line", None)  # a batch record's line is the record's, not the document's
    return d


def iter_generate(count, seed=1, as_json=False, chunk=4096):
    """Yields `count` synthetic profiles of `rehab generate --seed SEED` (dicts, or with as_json=True
    the very lines it writes), without holding them all."""
    g = _rehab.NativeGenerator(int(seed))
    left = int(count)
    while left > 0:
        n = min(chunk, left)
        left -= n
        for line in g.take(n):
            yield line if as_json else json.loads(line)


def generate(count, seed=1, as_json=False):
    """A list of `count` synthetic profiles, the same as `rehab generate --count COUNT --seed SEED`."""
    return list(iter_generate(count, seed, as_json))
