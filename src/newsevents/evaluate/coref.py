"""Cross-document event coreference: the gold set and the standard measures of a clustering.

A clustering is a list of sets of mention keys (anything hashable; the gold's keys are
``(article id, event n)``). Each measure returns ``(precision, recall, f1)``:

- ``muc``: links (Vilain et al. 1995): a cluster of n mentions holds n - 1 links; recall is the
  share of the gold's links the system keeps, precision the reverse.
- ``b_cubed``: per mention (Bagga & Baldwin 1998): the share of its system cluster that is in its
  gold cluster (precision) and of its gold cluster that is in its system cluster (recall),
  averaged over the mentions with equal weights.
- ``ceaf_e``: entities (Luo 2005, phi-4): gold and system clusters are paired one to one so that
  the sum of 2|G∩S| / (|G| + |S|) is largest (Kuhn-Munkres); that sum over the number of system
  clusters is precision, over the number of gold clusters recall.
- ``conll_f1``: the mean of the three above (precision, recall and F1 each the mean of theirs), as
  in the CoNLL-2011/2012 shared tasks.
- ``pairwise``: mention pairs put in one cluster; the issue's merge targets are stated in it.

``gold_clusters`` is the gold's clustering and ``system_clusters`` puts a merger's stored mentions
in the gold's keys (docs/coref-gold.md, "Scoring").

Mentions on one side only (``align``): a system mention that is not a gold mention is dropped, and
a gold mention the system has in no cluster is added to the system as a singleton. Every measure is
so computed over the gold's mentions: what the system failed to find costs recall through the
links it could not make, and finding mentions is scored elsewhere (`newsevents evaluate news`).

A ratio whose denominator is 0 (no links or pairs on that side) is 1.0 when the other side has
none either and 0.0 when it has some: two all-singleton clusterings agree perfectly, and a system
that links nothing against a gold that links gets 0 on both.

Pure functions over sets; nothing of the pipeline is imported.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import AbstractSet, Any, Hashable, Iterable, Sequence

from . import read_gold_lines

Clustering = Sequence[AbstractSet[Hashable]]
Cluster = frozenset[Hashable]
Score = tuple[float, float, float]

GOLD_FILE = "coref_articles.jsonl"


def load_coref_gold(path: str | None = None) -> list[dict[str, Any]]:
    """The articles of the coreference gold set, one dict each (format: docs/coref-gold.md).

    Args:
        path: a gold JSON Lines file; None for the packaged ``gold/coref_articles.jsonl``.
    Raises:
        InputError: the file cannot be read or a line is not JSON.
    """
    return read_gold_lines(path, GOLD_FILE)


def gold_clusters(articles: Iterable[dict[str, Any]], split: str | None = None) -> list[set[tuple[str, int]]]:
    """The gold clustering: one set of ``(article id, n)`` per event id, singletons included.

    Args:
        articles: records of `load_coref_gold`.
        split: "read" or "unread" to keep only that split's articles; None for all.
    """
    by_event: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for article in articles:
        if split is None or article["split"] == split:
            for event in article["events"]:
                by_event[event["event"]].add((article["id"], event["n"]))
    return [by_event[e] for e in sorted(by_event)]


def system_clusters(articles: Iterable[dict[str, Any]],
                    links: Iterable[tuple[Hashable, str, str, str, str | None]]) -> list[set[tuple[str, int]]]:
    """A merger's clustering in the gold's keys, from the mentions it stored.

    Each link ``(system event id, article id or url, sentence, type, trigger or None)`` goes to a
    gold mention of that article with the same type whose sentence (or an ``also`` sentence) holds
    the link's sentence or lies in it. Among several: one whose trigger overlaps the link's, then
    one first mentioned in that very sentence, then the lowest ``n``. A gold mention is taken once,
    by links in article and sentence order, so the result is a partition; links that reach no gold
    mention are left out.

    Args:
        articles: records of `load_coref_gold`.
        links: one per stored event and reporting article: its event id, the article, the evidence
            sentence, the type and the trigger words.
    Returns:
        one set of ``(article id, n)`` per system event that reached the gold, in event id order.
    """
    by_article: dict[str, dict[str, Any]] = {}
    for article in articles:
        by_article[article["id"]] = by_article[article["url"]] = article
    ordered = []
    for event_id, article_key, sentence, type_, trigger in links:
        found = by_article.get(article_key)
        if found is not None and sentence.strip():
            ordered.append((found["id"], found["text"].find(sentence), repr(event_id), event_id, sentence, type_,
                            (trigger or "").lower()))
    taken: set[tuple[str, int]] = set()
    clusters: dict[Hashable, set[tuple[str, int]]] = defaultdict(set)
    for article_id, _, _, event_id, sentence, type_, trigger in sorted(ordered, key=lambda link: link[:3]):
        candidates = [g for g in by_article[article_id]["events"]
                      if g["type"] == type_ and (article_id, g["n"]) not in taken
                      and any(sentence in s or s in sentence for s in [g["sentence"], *g["also"]])]
        if candidates:
            best = min(candidates, key=lambda g: (not _overlap(trigger, g["trigger"].lower()),
                                                  not (sentence in g["sentence"] or g["sentence"] in sentence), g["n"]))
            taken.add((article_id, best["n"]))
            clusters[event_id].add((article_id, best["n"]))
    return [clusters[e] for e in sorted(clusters, key=repr)]


def _overlap(a: str, b: str) -> bool:
    return bool(a) and (a in b or b in a)


def align(gold: Clustering, system: Clustering) -> tuple[list[Cluster], list[Cluster]]:
    """Both clusterings over the gold's mentions (the module docstring says why).

    Raises:
        ValueError: a mention is in two clusters of one side.
    """
    gold_sets = _disjoint(gold, "gold")
    keys = frozenset().union(*gold_sets)
    system_sets = [c & keys for c in _disjoint(system, "system")]
    system_sets = [c for c in system_sets if c]
    missed = keys - frozenset().union(*system_sets)
    return gold_sets, system_sets + [frozenset([m]) for m in _sorted(missed)]


def muc(gold: Clustering, system: Clustering) -> Score:
    """MUC link precision, recall and F1 (Vilain et al. 1995)."""
    gold_sets, system_sets = align(gold, system)
    recall_num, recall_den = _muc_side(gold_sets, system_sets)
    precision_num, precision_den = _muc_side(system_sets, gold_sets)
    return _prf(precision_num, precision_den, recall_num, recall_den)


def b_cubed(gold: Clustering, system: Clustering) -> Score:
    """B-cubed precision, recall and F1, every mention weighted equally (Bagga & Baldwin 1998)."""
    gold_sets, system_sets = align(gold, system)
    if not gold_sets:
        return (1.0, 1.0, 1.0)
    gold_of = {m: c for c in gold_sets for m in c}
    precision = recall = 0.0
    for s in system_sets:
        for m in s:
            shared = len(gold_of[m] & s)
            precision += shared / len(s)
            recall += shared / len(gold_of[m])
    n = len(gold_of)
    return (precision / n, recall / n, _f1(precision / n, recall / n))


def ceaf_e(gold: Clustering, system: Clustering) -> Score:
    """Entity-based CEAF (phi-4, Luo 2005) with the optimal one-to-one pairing of clusters."""
    gold_sets, system_sets = align(gold, system)
    if not gold_sets:
        return (1.0, 1.0, 1.0)
    total = 0.0
    # clusters that share no mention score 0 together: pair each connected group on its own
    for g_group, s_group in _connected(gold_sets, system_sets):
        weights = [[2 * len(g & s) / (len(g) + len(s)) for s in s_group] for g in g_group]
        total += _max_assignment(weights)
    precision, recall = total / len(system_sets), total / len(gold_sets)
    return (precision, recall, _f1(precision, recall))


def conll_f1(gold: Clustering, system: Clustering) -> Score:
    """The CoNLL score: mean precision, mean recall and mean F1 of MUC, B-cubed and CEAF-e."""
    scores = [muc(gold, system), b_cubed(gold, system), ceaf_e(gold, system)]
    return tuple(sum(s[i] for s in scores) / 3 for i in range(3))  # type: ignore[return-value]


def pairwise(gold: Clustering, system: Clustering) -> Score:
    """Precision, recall and F1 over the mention pairs each side puts in one cluster."""
    gold_sets, system_sets = align(gold, system)
    gold_pairs, system_pairs = _pairs(gold_sets), _pairs(system_sets)
    both = len(gold_pairs & system_pairs)
    return _prf(both, len(system_pairs), both, len(gold_pairs))


def scores(gold: Clustering, system: Clustering) -> dict[str, Score]:
    """Every measure by name: muc, b_cubed, ceaf_e, conll, pairwise."""
    return {"muc": muc(gold, system), "b_cubed": b_cubed(gold, system), "ceaf_e": ceaf_e(gold, system),
            "conll": conll_f1(gold, system), "pairwise": pairwise(gold, system)}


def _disjoint(clusters: Clustering, side: str) -> list[Cluster]:
    sets = [frozenset(c) for c in clusters if c]
    seen = Counter(m for c in sets for m in c)
    twice = [m for m, n in seen.items() if n > 1]
    if twice:
        raise ValueError(f"{side} puts mention {twice[0]!r} in {seen[twice[0]]} clusters; "
                         "a clustering must be a partition (each mention in one set)")
    return sets


def _sorted(keys: Iterable[Hashable]) -> list[Hashable]:
    # a stable order for mixed key types, so results never depend on set order
    return sorted(keys, key=repr)


def _muc_side(key: list[Cluster], response: list[Cluster]) -> tuple[int, int]:
    """Links of ``key`` kept by ``response`` and all links of ``key``: sum(|K| - parts), sum(|K| - 1)."""
    cluster_of = {m: i for i, c in enumerate(response) for m in c}
    kept = total = 0
    for k in key:
        parts = {cluster_of.get(m, ("alone", m)) for m in k}
        kept += len(k) - len(parts)
        total += len(k) - 1
    return kept, total


def _pairs(clusters: list[Cluster]) -> set[Cluster]:
    return {frozenset(p) for c in clusters for p in combinations(_sorted(c), 2)}


def _ratio(num: float, den: float, other_den: float) -> float:
    if den:
        return num / den
    return 1.0 if not other_den else 0.0


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> Score:
    precision, recall = _ratio(p_num, p_den, r_den), _ratio(r_num, r_den, p_den)
    return (precision, recall, _f1(precision, recall))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _connected(gold: list[Cluster], system: list[Cluster]) -> list[tuple[list[Cluster], list[Cluster]]]:
    """Groups of gold and system clusters linked by shared mentions (union-find over the clusters)."""
    parent = list(range(len(gold) + len(system)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    gold_of = {m: i for i, c in enumerate(gold) for m in c}
    for j, s in enumerate(system):
        for m in s:
            if m in gold_of:
                parent[find(len(gold) + j)] = find(gold_of[m])
    groups: dict[int, tuple[list[Cluster], list[Cluster]]] = defaultdict(lambda: ([], []))
    for i, g in enumerate(gold):
        groups[find(i)][0].append(g)
    for j, s in enumerate(system):
        groups[find(len(gold) + j)][1].append(s)
    return list(groups.values())


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest sum of weights over a one-to-one pairing of rows and columns (Kuhn-Munkres).

    The O(n^2 m) shortest augmenting path form of the Hungarian method, on costs -weight; rows are
    the shorter side. scipy's linear_sum_assignment gives the same sum but is not a dependency.
    """
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(col) for col in zip(*weights)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    row_of = [0] * (m + 1)          # row_of[j]: the row (1-based) paired with column j; 0 = none
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        min_to = [inf] * (m + 1)
        came_from = [0] * (m + 1)
        used = [False] * (m + 1)
        while row_of[j0]:
            used[j0] = True
            i0, delta, j1 = row_of[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < min_to[j]:
                        min_to[j], came_from[j] = reduced, j0
                    if min_to[j] < delta:
                        delta, j1 = min_to[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    min_to[j] -= delta
            j0 = j1
        while j0:
            j1 = came_from[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return sum(weights[row_of[j] - 1][j - 1] for j in range(1, m + 1) if row_of[j])
