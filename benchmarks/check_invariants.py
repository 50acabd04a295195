"""How often the coder's records break an invariant before ``invariants.finish_records`` repairs them.

Codes real articles (the VOA dev stories, and the article-extraction dev pages when given) the way
``pipeline.extract_articles`` does, but reads the records as ``code_article`` leaves them, and counts
each invariant they break; then checks that the finished records break none.

    python benchmarks/check_invariants.py                       # VOA dev stories
    python benchmarks/check_invariants.py --pages ../shared/data/article-extraction-dev/html
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

DATA = Path("../shared/data")


def voa_articles(path: Path):
    from newsevents.model import Article
    for line in path.read_text("utf-8").splitlines():
        story = json.loads(line)
        yield Article(text=story["text"], url=story.get("url"), title=story.get("title"),
                      published=story["published"][:10], published_source="metadata", origin=story["id"])


def page_articles(folder: Path):
    from newsevents.config import Settings
    from newsevents.ingest import Document, document_to_article, read_documents
    from newsevents.model import Article
    for doc in read_documents([str(folder)], Settings()):
        if isinstance(doc, Document):
            article = document_to_article(doc, Settings())
            if isinstance(article, Article):
                yield article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voa", default=str(DATA / "voa-dev" / "voa-dev.jsonl"))
    parser.add_argument("--pages", help="a folder of HTML pages to code as well")
    args = parser.parse_args()

    from newsevents.config import Settings
    from newsevents.extraction.events import prefilter
    from newsevents.extraction.sentences import candidate_sentences, split_sentences
    from newsevents.invariants import finish_records, violations
    from newsevents.nlp import load_pipeline
    from newsevents.pipeline import code_article, parse_candidates

    settings = Settings()
    nlp = load_pipeline(settings.spacy_model)
    triggers = prefilter()
    articles = list(voa_articles(Path(args.voa)))
    if args.pages:
        articles += list(page_articles(Path(args.pages)))
    broken: Counter = Counter()
    records = after = 0
    examples = []
    for article in articles:
        chosen = candidate_sentences(split_sentences(article.text), triggers)
        docs = parse_candidates(nlp, [s.text for s in chosen], settings)
        events = code_article(article, [(s, d) for s, d in zip(chosen, docs) if d is not None])
        records += len(events)
        for line in violations(article, events):
            what = re.sub(r"^\S+ ", "", line)
            broken[re.match(r"(date_end|date|count|evidence|id)", what)[0]] += 1
            examples.append(f"{article.origin}: {what}")
        after += len(violations(article, finish_records(article, events)))
    print(f"articles {len(articles)}, records {records}")
    for kind in ("date", "date_end", "count", "evidence", "id"):
        print(f"  broken before finishing, {kind}: {broken[kind]}")
    print(f"  broken after finishing: {after}")
    for line in examples[:20]:
        print(f"    {line}")


if __name__ == "__main__":
    main()
