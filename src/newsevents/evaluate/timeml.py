"""TempEval-3 style scoring of DATE expressions: `newsevents evaluate timeml PATH`.

Reads a folder of TimeML ``.tml`` files (recursively), strips the inline tags of the
``<TEXT>`` element to get the raw text and gold character offsets, anchors the date
resolver on the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME")
and scores TIMEX3 of type DATE only, the DCT excluded.
"""
from __future__ import annotations

import html
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsevents.errors import InputError

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR_RE = re.compile(r'([A-Za-z_:]+)="([^"]*)"')
_DCT_RE = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    """One TimeML document: raw text, creation date and gold TIMEX3 (DCT excluded)."""

    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _dct_date(markup: str) -> date | None:
    """The creation date of the document from its CREATION_TIME TIMEX3, if any."""
    tag = _DCT_RE.search(markup)
    if not tag:
        return None
    attrs = dict(_ATTR_RE.findall(tag.group(0)))
    m = _ISO_DAY.match(attrs.get("value", ""))
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_timeml(markup: str, name: str = "") -> TimeMLDoc:
    """Parse TimeML markup into raw text (tags stripped, entities decoded) and gold TIMEX3.

    Raises:
        InputError: when the markup has no <TEXT> element.
    """
    body = _TEXT_RE.search(markup)
    if not body:
        raise InputError(f"{name or 'TimeML input'}: no <TEXT> element; is this a TimeML file?")
    raw = body.group(1)
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0
    for tag in _TAG_RE.finditer(raw):
        chunk = html.unescape(raw[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, tag_name, attrs, selfclosing = tag.groups()
        if tag_name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR_RE.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            gold.append(GoldTimex(start, length, "", a.get("type", ""), a.get("value", "")))
    chunk = html.unescape(raw[pos:])
    out.append(chunk)
    text = "".join(out)
    for g in gold:
        g.text = text[g.start:g.end]
    gold = [g for g in gold if g.end > g.start]
    gold.sort(key=lambda g: g.start)
    return TimeMLDoc(name=name, text=text, dct=_dct_date(markup), timexes=gold)


def read_folder(path: str) -> list[TimeMLDoc]:
    """All ``.tml`` documents under *path* (a folder, searched recursively, or one file).

    Raises:
        InputError: when the path does not exist or holds no .tml file.
    """
    root = Path(path)
    if not root.exists():
        raise InputError(f"{path}: no such file or folder")
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    if not files:
        raise InputError(f"{path}: no .tml files found (searched recursively)")
    return [parse_timeml(f.read_text(encoding="utf-8"), name=str(f)) for f in files]


@dataclass
class _Pred:
    text: str
    value: str | None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of overlapping spans, exact matches first."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi in used_p:
                    continue
                if (g == p) if exact else _overlap(g, p):
                    pairs.append((gi, pi))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _own_predictions(text: str, dct: date | None) -> list[tuple[int, int, str, str | None]]:
    from newsevents.resolve.dates import find_time_mentions

    return [(m.start, m.end, m.kind, m.value) for m in find_time_mentions(text, dct)]


def score_documents(docs: list[TimeMLDoc], errors: list | None = None, predict=None) -> dict:
    """Score a time tagger over parsed TimeML documents (DATE type only).

    Args:
        docs: parsed documents.
        predict: ``(text, dct) -> [(start, end, kind, value), ...]``; the newsevents date
            resolver by default (another tagger can be scored the same way).
        errors: when a list is given, (doc name, gold text, gold value, predicted text,
            predicted value) tuples of misses and wrong values are appended to it.
    Returns:
        the metrics dict (see :func:`run`).
    """
    predict = predict or _own_predictions
    n_gold = n_pred = strict = relaxed = value_ok = 0
    seconds = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        mentions = predict(doc.text, doc.dct)
        seconds += time.perf_counter() - t0
        gold = [g for g in doc.timexes if g.type == "DATE"]
        pred = [_Pred(doc.text[s:e], v) for s, e, kind, v in mentions if kind == "DATE"]
        p_spans = [(s, e) for s, e, kind, v in mentions if kind == "DATE"]
        g_spans = [(g.start, g.end) for g in gold]
        n_gold += len(gold)
        n_pred += len(pred)
        strict += len(set(g_spans) & set(p_spans))
        pairs = _match(g_spans, p_spans)
        relaxed += len(pairs)
        matched_g = set()
        for gi, pi in pairs:
            matched_g.add(gi)
            same = (pred[pi].value or "") == gold[gi].value
            value_ok += same
            if not same and errors is not None:
                errors.append((doc.name, gold[gi].text, gold[gi].value, pred[pi].text, pred[pi].value))
        if errors is not None:
            matched_p = {pi for _, pi in pairs}
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    errors.append((doc.name, g.text, g.value, None, None))
            for pi, m in enumerate(pred):
                if pi not in matched_p:
                    errors.append((doc.name, None, None, m.text, m.value))
    sp, sr, sf = _prf(strict, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed, n_pred, n_gold)
    vp, vr, vf = _prf(value_ok, n_pred, n_gold)
    return {
        "documents": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "strict_precision": round(sp, 4), "strict_recall": round(sr, 4), "strict_f1": round(sf, 4),
        "relaxed_precision": round(rp, 4), "relaxed_recall": round(rr, 4), "relaxed_f1": round(rf, 4),
        "value_precision": round(vp, 4), "value_recall": round(vr, 4), "value_f1": round(vf, 4),
        "value_accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
        "ms_per_doc": round(1000 * seconds / len(docs), 3) if docs else 0.0,
    }


def run(path: str, **options) -> dict:
    """Score the date resolver on the TimeML files under *path*.

    Args:
        path: a .tml file or a folder searched recursively.
        options: ``limit`` (int) scores only the first N documents.
    Returns:
        dict with strict_f1, relaxed_f1, value_f1, value_accuracy (and their precision and
        recall, counts, ms_per_doc).
    Raises:
        InputError: when nothing readable is found at *path*.
    """
    docs = read_folder(path)
    limit = options.get("limit")
    if limit:
        docs = docs[: int(limit)]
    return score_documents(docs)


def format_table(metrics: dict) -> str:
    """A readable table of the metrics returned by :func:`run`."""
    lines = [f"TimeML DATE expressions: {metrics['documents']} documents, "
             f"{metrics['gold']} gold, {metrics['predicted']} predicted",
             f"{'':10} {'P':>7} {'R':>7} {'F1':>7}"]
    for name in ("strict", "relaxed", "value"):
        lines.append(f"{name:10} {metrics[name + '_precision']:7.3f} "
                     f"{metrics[name + '_recall']:7.3f} {metrics[name + '_f1']:7.3f}")
    lines.append(f"value accuracy (of relaxed matches): {metrics['value_accuracy']:.3f}")
    lines.append(f"time: {metrics['ms_per_doc']:.2f} ms/doc")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m newsevents.evaluate.timeml PATH [--json] [--errors]."""
    import json

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-"):
        print("usage: python -m newsevents.evaluate.timeml PATH [--json] [--errors]", file=sys.stderr)
        return 2
    if "--errors" in args:
        errs: list = []
        score_documents(read_folder(args[0]), errs)
        for e in errs:
            print("\t".join("" if x is None else str(x) for x in e))
        return 0
    metrics = run(args[0])
    print(json.dumps(metrics, indent=2) if "--json" in args else format_table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
