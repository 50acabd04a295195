"""End-to-end ingest throughput and memory: HTML pages -> events stored, per engine.

Usage:
    PYTHONPATH=src python benchmarks/bench_ingest.py [--pages DIR] [--n 182] [--engines local,pool,ray]
    PYTHONPATH=src python benchmarks/bench_ingest.py --profile      # where the time goes per article
    PYTHONPATH=src python benchmarks/bench_ingest.py --long [--n 20000]   # memory over a long pool run

Reads the article-extraction dev pages (91 real news pages) and repeats the list to reach --n
inputs (each repeat is a distinct file, so every input is read, extracted and coded; repeated
texts are counted "already stored" by the database, which costs the same work). Prints the
machine (CPUs, model, load average) with every figure: on a shared machine the load matters.
Targets (issue 6): >= 10 articles/s per core end to end; 2 workers >= 1.7 x 1 worker; Ray on
2 CPUs within 25% of the pool; peak RSS per worker <= 1 GB; memory flat over 20,000 articles.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-dev" / "html"


def machine() -> str:
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs, {model}, load average {load}"


def corpus(pages: Path, n: int, folder: Path) -> list[str]:
    """A folder of ``n`` inputs cycling through ``pages``, each copy made distinct by a trailing
    HTML comment: ingest resumes on content (``ingest.input_key``), so an identical copy would not
    be read again, while a distinct one is extracted and coded like a new page."""
    sources = sorted(p for p in pages.iterdir() if p.suffix in (".html", ".htm"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = sources[i % len(sources)]
        copy = folder / f"{i:06d}-{src.name}"
        if not copy.exists():
            copy.write_bytes(src.read_bytes() + f"\n<!-- benchmark copy {i} -->\n".encode())
    return [str(folder)]


# ------------------------------------------------------------------ memory sampling

def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class MemorySampler(threading.Thread):
    """Samples this process's and its descendants' RSS; keeps each process's peak (VmHWM)."""

    def __init__(self, every: float = 1.0):
        super().__init__(daemon=True)
        self.every, self.stop = every, threading.Event()
        self.peak: dict[int, int] = {}
        self.samples: list[tuple[float, int, int]] = []  # (seconds, parent RSS kB, largest worker RSS kB)
        self.started_at = time.perf_counter()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(self.every):
            kids = _descendants(me)
            for pid in [me, *kids]:
                self.peak[pid] = max(self.peak.get(pid, 0), _rss_kb(pid, "VmHWM"))
            worker = max((_rss_kb(p) for p in kids), default=0)
            self.samples.append((time.perf_counter() - self.started_at, _rss_kb(me), worker))

    def finish(self) -> None:
        self.stop.set()
        self.join()

    def peak_worker_mb(self) -> float:
        me = os.getpid()
        return max((v for pid, v in self.peak.items() if pid != me), default=0) / 1024


# ------------------------------------------------------------------ throughput

def warm_up() -> None:
    """Load the spaCy pipeline, lexicons and gazetteer once, so the local figure is steady state
    (a long ingest pays this once; pool and Ray workers load their own copies inside the timing)."""
    from newsevents.model import Article
    from newsevents.pipeline import extract_article
    extract_article(Article(text="Police in Nairobi detained 40 protesters on Monday, officials said."))


def run_engine(engine: str, paths: list[str], workers: int, tmp: Path) -> dict:
    from newsevents.config import Settings
    from newsevents.runners import get_runner
    from newsevents.store import Store

    db = tmp / f"{engine}-{workers}.duckdb"
    if engine == "local":
        warm_up()
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    with Store(db) as store:
        summary = get_runner(engine)(paths, store, Settings(), workers=workers, progress=False,
                                     out=str(tmp / f"{engine}-parquet"))
    seconds = time.perf_counter() - started
    sampler.finish()
    return {"engine": engine, "workers": workers, "inputs": summary.read, "stored": summary.stored,
            "events": summary.events, "seconds": seconds, "rate": summary.read / seconds,
            "peak_worker_mb": sampler.peak_worker_mb(),
            "peak_parent_mb": sampler.peak.get(os.getpid(), 0) / 1024}


def throughput(args) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        paths = corpus(Path(args.pages), args.n, tmp / "pages")
        print(f"machine: {machine()}")
        print(f"corpus: {args.n} inputs cycling {len(os.listdir(args.pages))} pages of {args.pages}")
        rows = []
        for engine in args.engines.split(","):
            workers = 1 if engine == "local" else args.workers
            row = run_engine(engine, paths, workers, tmp)
            rows.append(row)
            print(f"  {engine:5s} workers={workers}: {row['inputs']} inputs in {row['seconds']:.1f}s = "
                  f"{row['rate']:.2f} articles/s ({row['stored']} stored, {row['events']} events); "
                  f"peak RSS worker {row['peak_worker_mb']:.0f} MB, parent {row['peak_parent_mb']:.0f} MB; "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
        rate = {r["engine"]: r["rate"] for r in rows}
        if "local" in rate and "pool" in rate:
            print(f"pool/local speed-up: {rate['pool'] / rate['local']:.2f} (target >= 1.7)")
        if "pool" in rate and "ray" in rate:
            print(f"ray/pool: {rate['ray'] / rate['pool']:.2f} (target >= 0.75)")
        if "local" in rate:
            print(f"per core end to end: {rate['local']:.2f} articles/s (target >= 10)")


def long_run(args) -> None:
    """Memory over a long pool run: RSS of the parent and the largest worker, sampled."""
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmpdir:
        tmp = Path(tmpdir)
        paths = corpus(Path(args.pages), args.n, tmp / "pages")
        print(f"machine: {machine()}")
        sampler = MemorySampler(every=args.every)
        sampler.start()
        row = run_engine("pool", paths, args.workers, tmp)
        sampler.finish()
        print(f"pool workers={args.workers}: {row['inputs']} inputs in {row['seconds']:.0f}s "
              f"({row['rate']:.2f}/s); peak RSS worker {row['peak_worker_mb']:.0f} MB")
        samples = sampler.samples
        step = max(1, len(samples) // 20)
        print("  seconds  parent_MB  largest_worker_MB")
        for t, parent, worker in samples[::step]:
            print(f"  {t:7.0f}  {parent / 1024:9.0f}  {worker / 1024:17.0f}")
        if len(samples) >= 4:
            q = len(samples) // 4
            first = sum(s[2] for s in samples[q:2 * q]) / q / 1024
            last = sum(s[2] for s in samples[-q:]) / q / 1024
            print(f"largest worker RSS, 2nd quarter {first:.0f} MB -> last quarter {last:.0f} MB "
                  f"({last - first:+.0f} MB)")


# ------------------------------------------------------------------ profile

def profile(args) -> None:
    """Seconds per article in each stage, one process, after a warm-up."""
    from newsevents.config import Settings
    from newsevents.extraction.sentences import candidate_sentences, split_sentences
    from newsevents.extraction.events import prefilter
    from newsevents.ingest import Document, document_to_article, read_documents
    from newsevents.model import Article
    from newsevents.nlp import load_pipeline
    from newsevents.pipeline import code_article

    settings = Settings()
    nlp = load_pipeline(settings.spacy_model)
    triggers = prefilter()
    docs = [d for d in read_documents([args.pages], settings) if isinstance(d, Document)][: args.n]
    print(f"machine: {machine()}")
    times = dict.fromkeys(("read", "extract (trafilatura, clean, language)", "sentence split + prefilter",
                           "spaCy parse (candidates)", "coding (events, actors, dates, places)"), 0.0)
    components = dict.fromkeys(nlp.pipe_names, 0.0)
    n_articles = all_tokens = parsed_tokens = n_sents = n_cand = 0
    code_article(Article(text="Police detained 40 protesters in the capital on Monday."),
                 [])  # loads lexicons lazily before timing
    for doc in docs:
        t0 = time.perf_counter()
        article = document_to_article(doc, settings)
        t1 = time.perf_counter()
        times["extract (trafilatura, clean, language)"] += t1 - t0
        if not isinstance(article, Article):
            continue
        n_articles += 1
        sentences = split_sentences(article.text)
        chosen = candidate_sentences(sentences, triggers)
        t2 = time.perf_counter()
        times["sentence split + prefilter"] += t2 - t1
        parsed = []
        for s in chosen:  # component by component, to see which ones cost
            d = nlp.make_doc(s.text)
            for name, proc in nlp.pipeline:
                c = time.perf_counter()
                d = proc(d)
                components[name] += time.perf_counter() - c
            parsed.append((s, d))
        t3 = time.perf_counter()
        times["spaCy parse (candidates)"] += t3 - t2
        code_article(article, parsed)
        times["coding (events, actors, dates, places)"] += time.perf_counter() - t3
        n_sents += len(sentences)
        n_cand += len(chosen)
        all_tokens += sum(len(s.text.split()) for s in sentences)
        parsed_tokens += sum(len(s.text.split()) for s in chosen)
    # the pipeline parses with nlp.pipe in batches; the loop above runs components one doc at a
    # time to split the cost between them, which is slower: time the batched parse too
    texts = [s.text for d in docs for a in [document_to_article(d, settings)] if isinstance(a, Article)
             for s in candidate_sentences(split_sentences(a.text), triggers)]
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    times["spaCy parse (candidates)"] = time.perf_counter() - t
    total = sum(times.values())
    print(f"{n_articles} articles ({len(docs)} pages): {total / max(n_articles, 1) * 1000:.0f} ms per article "
          f"= {n_articles / total:.2f} articles/s on one core (without the database)")
    print(f"sentences {n_sents}, candidates parsed {n_cand} ({n_cand / max(n_sents, 1):.0%}); "
          f"words {all_tokens}, parsed {parsed_tokens} ({parsed_tokens / max(all_tokens, 1):.0%})")
    for name, secs in times.items():
        print(f"  {name:42s} {secs / max(n_articles, 1) * 1000:7.1f} ms/article  {secs / total:5.0%}")
    spacy_total = sum(components.values()) or 1.0
    print("  spaCy components (share of the parse, timed one sentence at a time):")
    for name, secs in components.items():
        print(f"    {name:20s} {secs / max(n_articles, 1) * 1000:7.1f} ms/article  {secs / spacy_total:5.0%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default=str(PAGES), help="folder of HTML pages")
    parser.add_argument("--n", type=int, default=None, help="inputs (default 182; 20000 with --long)")
    parser.add_argument("--engines", default="local,pool,ray")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="time each stage per article")
    parser.add_argument("--long", action="store_true", help="sample memory over a long pool run")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between samples (--long)")
    args = parser.parse_args(argv)
    if not Path(args.pages).is_dir():
        print(f"skipped: no pages at {args.pages} (the shared dev data is absent)")
        return 0
    if args.profile:
        args.n = args.n or 91
        profile(args)
    elif args.long:
        args.n = args.n or 20000
        long_run(args)
    else:
        args.n = args.n or 182
        throughput(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
