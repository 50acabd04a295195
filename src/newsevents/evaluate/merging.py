"""Merging across articles scored against the coreference gold set (docs/coref-gold.md).

Two ways, each in file order and in reverse order (the result must not depend on it), each per
split (``read`` for development, ``unread`` as the estimate):

- ``gold mentions``: the gold's own mentions (type, status, actors, date, place, counts,
  sentence) stored as records: merging alone, where the issue's targets are read (pairwise
  precision >= 0.90, recall >= 0.80);
- ``end to end``: the articles coded by the pipeline and stored; each stored mention is mapped to
  the gold mention of its article whose sentence (or one of its ``also`` sentences) holds it and
  whose type is the same, so extraction's errors count too.

Each article goes into an in-memory Store on its own, as an ingest run stores them.
"""
from __future__ import annotations

from typing import Any, Hashable

from ..codebooks import load_tsv
from ..config import Settings
from ..model import Actor, Article, Count, Event, Evidence, Place, Source, mention_id
from ..pipeline import extract_articles
from ..resolve.gazetteer import load_gazetteer
from ..store import Store
from .coref import gold_clusters, load_coref_gold, scores

SPLITS = ("read", "unread")


def run(path: str | None = None, limit: int | None = None, end_to_end: bool = True) -> dict[str, Any]:
    """Scores of merging on the gold set.

    Args:
        path: a gold JSON Lines file; None for the packaged set.
        limit: only the first N articles.
        end_to_end: also code the articles with the pipeline (slower: spaCy).
    Returns:
        ``{"gold mentions": {order: {split: measures}}, "end to end": ..., "same in both orders": {...}}``.
    """
    gold = load_coref_gold(path)[:limit] if limit else load_coref_gold(path)
    out: dict[str, Any] = {"articles": len(gold), "same in both orders": {}}
    ways = {"gold mentions": [(g, _gold_records(g)) for g in gold]}
    if end_to_end:
        articles = [_article(g) for g in gold]
        ways["end to end"] = list(zip(gold, extract_articles(articles, Settings())))
    for way, coded in ways.items():
        results = {}
        for order in ("file", "reverse"):
            sequence = coded if order == "file" else list(reversed(coded))
            system = _stored_clusters(sequence, map_to_gold=way == "end to end")
            results[order] = {split: _measures(gold_clusters(gold, split), system) for split in SPLITS}
            results[order]["_system"] = sorted(sorted(c) for c in system)
        out["same in both orders"][way] = results["file"].pop("_system") == results["reverse"].pop("_system")
        out[way] = results
    return out


def _measures(gold: list[set], system: list[set]) -> dict[str, float]:
    found = scores(gold, system)
    out = {}
    for name, (p, r, f) in found.items():
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = round(p, 3), round(r, 3), round(f, 3)
    out["gold_mentions"] = sum(len(c) for c in gold)
    return out


def _article(g: dict[str, Any]) -> Article:
    return Article(text=g["text"], url=g.get("url"), title=g.get("title"), site=g.get("site"),
                   published=g.get("published"))


def _country_names() -> set[str]:
    return {row["name"].lower() for row in load_tsv("countries.tsv")}


def _actor(a: dict[str, Any] | None) -> Actor | None:
    if not a:
        return None
    return Actor(a.get("text") or "", name=a.get("name"), country=a.get("country"), sector=a.get("sector"))


def _gold_records(g: dict[str, Any]) -> list[Event]:
    """The gold mentions of one article as records (the merger's input without extraction)."""
    article = _article(g)
    countries = _country_names()
    out = []
    for e in g["events"]:
        place = e.get("place") or None
        sentence = e.get("sentence") or ""
        start = max(0, g["text"].find(sentence))
        event = Event(type=e["type"], mode=e.get("mode"), status=e.get("status") or "occurred",
                      actor1=_actor(e.get("actor1")), actor2=_actor(e.get("actor2")),
                      date=e.get("date"), date_end=e.get("date_end") or e.get("date"),
                      date_precision=e.get("date_precision") if e.get("date") else "reported",
                      location=_gold_place(place["text"], place.get("country"), countries)
                      if place and place.get("text") else None,
                      counts={k: Count(k, c.get("min"), c.get("max"), c.get("text") or "")
                              for k, c in (e.get("counts") or {}).items()},
                      evidence=Evidence(sentence, start, start + len(sentence), e.get("trigger"), start),
                      source=Source(article.id, article.url, article.title, article.site, article.published))
        if event.date is None:
            event.date = article.published
        event.id = f"gold-{e['n']}"
        out.append(event)
    return out


def _gold_place(text: str, country: str | None, countries: set[str]) -> Place:
    """A gold place as the resolver would give it: the gazetteer's entry of that name in the gold's
    country (coordinates, admin1, precision); a name it lacks (a district, a square, "parliament")
    stays a spot without coordinates."""
    if text.lower() in countries:
        return Place(text, name=text, country=country, precision="country")
    gazetteer = load_gazetteer()
    found = [c for c in gazetteer.candidates(text) if c.country and gazetteer.iso3.get(c.country) == country]
    # a bare name shared by a city and its province names the city, as in the news
    for c in sorted(found, key=lambda c: c.kind != "city" or c.name.lower() != text.lower()):
            return Place(text, name=c.name, country=country, lat=c.lat, lon=c.lon, geonames_id=c.geonames_id or None,
                         admin1=gazetteer.admin1_name.get(c.admin1) if c.admin1 else None,
                         precision={"country": "country", "admin1": "admin1"}.get(c.kind, "city"))
    return Place(text, name=text, country=country, precision="point")


def _stored_clusters(coded: list[tuple[dict[str, Any], list[Event]]], map_to_gold: bool) -> list[set[Hashable]]:
    """Store each article on its own, then read the events back as sets of gold mention keys."""
    keys: dict[str, tuple[str, int]] = {}
    with Store(":memory:") as store:
        for g, events in coded:
            article = _article(g)
            store.insert_articles([(article, events)])
            if not map_to_gold:
                keys.update((mention_id(article.id, e.id), (g["id"], int(e.id.removeprefix("gold-")))) for e in events)
        rows = store.db.execute("SELECT id, article_id, event_id, type, evidence.sentence, evidence.start "
                                "FROM mentions ORDER BY article_id, evidence.start, event_id").fetchall()
    if map_to_gold:
        keys = _map_by_sentence(coded, rows)
    clusters: dict[str, set[Hashable]] = {}
    for mid, _, event_id, *_ in rows:
        if mid in keys:
            clusters.setdefault(event_id, set()).add(keys[mid])
    return list(clusters.values())


def _map_by_sentence(coded: list[tuple[dict[str, Any], list[Event]]], rows: list[tuple]) -> dict[str, tuple[str, int]]:
    """Stored mentions to gold mentions (docs/coref-gold.md, "Scoring", step 2): the gold mention
    of the same article and type whose sentence or ``also`` sentence holds the stored sentence; the
    one whose trigger is in it first, then the lowest ``n``; each gold mention taken once."""
    by_article = {_article(g).id: g for g, _ in coded}
    taken: set[tuple[str, int]] = set()
    out = {}
    for mid, article_id, _, type_, sentence, _ in rows:     # by article, then offset, then event id
        g = by_article.get(article_id)
        if g is None or not sentence:
            continue
        text = " ".join(sentence.split())
        fits = [e for e in g["events"] if e["type"] == type_ and any(
            text in " ".join(s.split()) or " ".join(s.split()) in text
            for s in [e.get("sentence") or ""] + list(e.get("also") or []) if s)]
        fits.sort(key=lambda e: (not (e.get("trigger") and e["trigger"] in text), e["n"]))
        for e in fits:
            key = (g["id"], e["n"])
            if key not in taken:
                taken.add(key)
                out[mid] = key
                break
    return out


def format_table(metrics: dict[str, Any]) -> str:
    lines = [f"merging on {metrics['articles']} articles (docs/coref-gold.md); pairwise P/R, CoNLL F1 "
             "(MUC, B3, CEAF-e F1)"]
    for way in ("gold mentions", "end to end"):
        if way not in metrics:
            continue
        same = metrics["same in both orders"][way]
        lines.append(f"{way} (same events in file and reverse order: {'yes' if same else 'NO'})")
        for order, splits in metrics[way].items():
            for split, m in splits.items():
                lines.append(f"  {order:<7} {split:<6} pairwise {m['pairwise_p']:.3f} / {m['pairwise_r']:.3f}  "
                             f"CoNLL {m['conll_f1']:.3f} (MUC {m['muc_f1']:.3f}, B3 {m['b_cubed_f1']:.3f}, "
                             f"CEAF-e {m['ceaf_e_f1']:.3f})  {m['gold_mentions']} gold mentions")
    return "\n".join(lines)
