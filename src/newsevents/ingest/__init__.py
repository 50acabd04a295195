"""Ingest: bytes, files, folders and archives in; one Article or Skip out per input.

Ingest runs in two phases so that engines can put the expensive one in their workers:

    read_documents   cheap, in the reading process: file bytes or container record payloads
                     with what is known of them (origin, kind, url, dates, title, charset)
    document_to_article  expensive, anywhere: decoding, trafilatura, cleaning, language check

Public API:
    read_inputs(paths, settings, published=None, url=None) -> Iterator[Article | Skip]
    read_documents(paths, settings, published=None, url=None) -> Iterator[Document | Skip]
    document_to_article(doc, settings) -> Article | Skip
    article_from_bytes(data, origin, settings, published=None, url=None, kind=None) -> Article
"""
from __future__ import annotations

import glob
import hashlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from charset_normalizer import from_bytes

from newsevents.config import Settings
from newsevents.errors import InputError
from newsevents.ingest.fetch import Fetcher, is_url, read_url
from newsevents.ingest.html import declared_charset, extract_html, looks_like_html
from newsevents.ingest.language import detect_language
from newsevents.ingest.published import choose_published
from newsevents.ingest.limits import escape, open_regular
from newsevents.ingest.text import clean_text, date_from_url
from newsevents.model import Article, Skip

__all__ = ["read_inputs", "read_documents", "document_to_article", "Document", "article_from_bytes",
           "article_from_text", "normalize_date", "input_key"]

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXTENSIONS = (".txt", ".text", ".md")
JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz")
WARC_EXTENSIONS = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc", ".arc.gz")
FEED_EXTENSIONS = (".rss", ".atom", ".xml")
_GLOB_CHARS = re.compile(r"[*?\[]")
# Text with more than this share of control characters is a binary file that happened to decode.
MAX_CONTROL_SHARE = 0.01
# Publication dates outside these years are refused (given) or ignored (found in a page): date
# arithmetic near year 1 or 9999 overflows, and no news article is dated there.
FIRST_YEAR, LAST_YEAR = 1800, 2199
# Only the head of a page is sniffed for NUL bytes; a text file has none anywhere near its start.
SNIFF_BYTES = 8192


@dataclass
class Document:
    """One input document before extraction: raw bytes (or text already decoded) plus what is
    known of it from outside. Cheap to make and to send to another process."""

    origin: str
    data: bytes | None = None       # raw bytes of a file or archive record payload
    text: str | None = None         # already-decoded text (JSON Lines fields, feed entries)
    kind: str | None = None         # "html", "text", or None to sniff the content
    url: str | None = None
    published: str | None = None    # YYYY-MM-DD given with the input (user or record metadata)
    published_source: str = "user"
    title: str | None = None
    encoding: str | None = None     # charset declared outside the document (HTTP header)
    captured: str | None = None     # web archive capture date (WARC-Date)


def document_to_article(doc: Document, settings: Settings) -> Article | Skip:
    """The expensive phase for one document: decode, extract the main text, clean, check language.

    Returns:
        The Article; a rejection Skip for an InputError (empty, binary, no text, ...); a failure
        Skip (``failed=True``) for any other error, so that one input never ends a run.
    """
    try:
        if doc.data is not None:
            article = article_from_bytes(doc.data, doc.origin, settings, doc.published, doc.url, doc.kind,
                                         encoding=doc.encoding, title=doc.title,
                                         published_source=doc.published_source)
        else:
            article = article_from_text(doc.text or "", doc.origin, settings, doc.published, doc.url,
                                        doc.kind or "text", doc.title, doc.published_source)
    except InputError as exc:
        return _skip(doc.origin, str(exc))
    except Exception as exc:  # noqa: BLE001 - any error is this input's failure, not the run's
        return failure(doc.origin, exc)
    article.captured = doc.captured
    return article


def input_key(item: Document | Skip) -> str:
    """What an ingest run resumes on: the same input under another path spelling, a symlink or
    inside an archive gets the same key.

    A document is keyed on its content (``sha1:`` of its bytes or text, without a BOM and
    surrounding whitespace); an input that never became a document (missing, too large, not a
    WARC) on its resolved path (``path:``), record suffix kept.
    """
    if isinstance(item, Document):
        raw = item.data if item.data is not None else (item.text or "").encode("utf-8")
        raw = raw.removeprefix(b"\xef\xbb\xbf").strip()
        return "sha1:" + hashlib.sha1(raw).hexdigest()
    return "path:" + resolved_origin(item.origin)


_RECORD_SUFFIX = re.compile(r"^(?P<file>.+?)(?P<record>[:#]\d+)$")


def resolved_origin(origin: str) -> str:
    """An origin with its file part resolved (``./pages/a.html``, a symlink to it -> one path)."""
    if origin == "-" or not origin:
        return origin
    if os.path.exists(origin):
        return os.path.realpath(origin)
    m = _RECORD_SUFFIX.match(origin)
    if m and os.path.exists(m["file"]):
        return os.path.realpath(m["file"]) + m["record"]
    return origin


def normalize_date(value: str | None) -> str | None:
    """A user-given date as ISO YYYY-MM-DD (a longer ISO datetime is cut), or InputError."""
    if value is None or value == "":
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        raise InputError(f"published date must look like YYYY-MM-DD, got {value!r}")
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise InputError(f"published date {value!r} is not a calendar date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(f"published date {value!r} is out of range (years {FIRST_YEAR}-{LAST_YEAR})")
    return day.isoformat()


def _in_range(value: str | None) -> str | None:
    """A date found in a page, or None when it is outside the years news can have."""
    return value if value and value[:4].isdecimal() and FIRST_YEAR <= int(value[:4]) <= LAST_YEAR else None


def _norm(value: str) -> str:
    return " ".join(value.lower().split())


def too_large(size: int, settings: Settings) -> str:
    return f"too large ({size / 1e6:.1f} MB > max_bytes {settings.max_bytes / 1e6:g} MB)"


def decode(data: bytes, hint: str | None = None, html: bool = False) -> str:
    """Bytes to text: a BOM, UTF-8, the declared or given charset, then charset-normalizer.

    Raises InputError("binary file, not text") when nothing decodes it into text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("binary file, not text") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary file, not text")
    try:
        return _check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    for name in (hint, declared_charset(data) if html else None):
        if name:
            try:
                return _check_text(data.decode(name))
            except (LookupError, UnicodeDecodeError):
                pass
    western = _mostly_ascii_western(data)
    if western is not None:
        return western
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("binary file, not text")
    try:
        return _check_text(data.decode(best.encoding))
    except (LookupError, UnicodeDecodeError):
        raise InputError("binary file, not text") from None


# Characters a Western European (cp1252) page uses beyond ASCII: accented Latin letters and
# typographic punctuation. Anything else means the guess is wrong.
_WESTERN = re.compile(r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013\u2014\u2018-\u201e\u2022\u2026\u20ac]")


def _mostly_ascii_western(data: bytes) -> str | None:
    """English text with a few accented names in cp1252/latin-1, the commonest legacy encoding of
    English news; statistical detectors misread such short non-ASCII runs (as Baltic, say)."""
    high = sum(1 for b in data[:200_000] if b >= 0x80)
    if not high or high > 0.05 * min(len(data), 200_000):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    odd = [ch for ch in text[:200_000] if ord(ch) >= 0x80 and not _WESTERN.match(ch)]
    accented = [ch for ch in text[:200_000] if ord(ch) >= 0x80 and ch.isalpha()]
    if odd or not accented or any(ch in "\u00b2\u00b3\u00b9\u00bc\u00bd\u00be" for ch in text[:200_000]):
        return None
    return _check_text(text)


def _check_text(text: str) -> str:
    sample = text[:SNIFF_BYTES]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v" or ch == "\ufffd")
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise InputError("binary file, not text")
    return text


def article_from_bytes(data: bytes, origin: str, settings: Settings, published: str | None = None,
                       url: str | None = None, kind: str | None = None,
                       encoding: str | None = None, title: str | None = None,
                       published_source: str = "user") -> Article:
    """One document's bytes to a clean Article.

    Args:
        data: the raw bytes (HTML or plain text).
        origin: where it came from (file path, path:line, path#record); kept on the Article.
        settings: uses max_bytes and min_chars.
        published: a date that overrides any found in the document (YYYY-MM-DD).
        url: the document's address, if known.
        kind: "html" or "text"; None sniffs the content.
        encoding: a charset declared outside the document (HTTP header), tried after UTF-8.
        title: a headline known from outside (feed entry, JSON record); wins over one found.
        published_source: what to call a given ``published`` date ("user", or "metadata" for
            dates that came with a record rather than from the person running the tool).
    Raises:
        InputError: empty, too large, binary, no article text, or not English.
    """
    if not data or not data.strip():
        raise InputError("empty input")
    if len(data) > settings.max_bytes:
        raise InputError(too_large(len(data), settings))
    if kind is None:
        kind = "html" if looks_like_html(data) else "text"
    text = decode(data, encoding, html=kind == "html")
    return article_from_text(text, origin, settings, published, url, kind, title, published_source)


def article_from_text(text: str, origin: str, settings: Settings, published: str | None = None,
                      url: str | None = None, kind: str = "text", title: str | None = None,
                      published_source: str = "user") -> Article:
    """Like :func:`article_from_bytes` for text that is already decoded."""
    if not text.strip():
        raise InputError("empty input")
    published = normalize_date(published)
    fields: dict = {"url": url, "origin": origin}
    if kind == "html":
        page = extract_html(text, url, settings.article_seconds)
        if page is None:
            raise InputError("no article text found in the page")
        body = page.text
        fields.update(title=page.title, author=page.author, site=page.site, url=page.url or url,
                      dropped=page.dropped)
        found = {"metadata": page.date, "url": page.url_date, "dateline": page.dateline}
    else:
        cleaned = clean_text(text)
        body = cleaned.text
        if title and cleaned.title and _norm(cleaned.title) != _norm(title):
            # the given headline wins; a different first line was a subheading: keep it in the body
            body = cleaned.title + "\n\n" + body
        fields.update(title=cleaned.title, author=cleaned.author, dropped=cleaned.dropped)
        found = {"metadata": None, "url": date_from_url(url), "dateline": cleaned.date}
    if title:
        fields["title"] = " ".join(title.split())
    if len(body) < settings.min_chars:
        raise InputError(f"no article text ({len(body)} characters < min_chars {settings.min_chars})")
    language = detect_language(body)
    if language not in ("en", None):
        raise InputError(f"not English (looks like {language})")
    # one precedence for every kind of input (ingest/published.py): a date given with the input
    # is the person's ("user") or the record's own metadata, which comes before the page's; a date
    # found in a page outside the years news can have is ignored
    given = published if published_source == "user" else None
    record = published if published_source != "user" else None
    date_found, source = choose_published(given, (record, _in_range(found["metadata"])),
                                          _in_range(found["url"]), _in_range(found["dateline"]))
    return Article(text=body, published=date_found, published_source=source,
                   language="en", **fields)


def read_inputs(paths: list[str], settings: Settings, published: str | None = None,
                url: str | None = None) -> Iterator[Article | Skip]:
    """Stream Articles and Skips from files, folders (recursive), globs or "-" (stdin).

    Every input file gets exactly one outcome, and every record of a container (JSON Lines,
    WARC/WET, RSS/Atom) one of its own. Hidden files and folders (".name") inside a folder
    are not inputs. Nothing is read whole into memory except single documents under max_bytes.
    This is :func:`read_documents` followed by :func:`document_to_article`.

    Args:
        paths: what to read.
        settings: limits (max_bytes, min_chars).
        published: a publication date (YYYY-MM-DD) that overrides any found.
        url: the URL of the document (meant for a single input).
    Yields:
        Article or Skip(origin, one-line reason).
    """
    for item in read_documents(paths, settings, published, url):
        yield document_to_article(item, settings) if isinstance(item, Document) else item


def read_documents(paths: list[str], settings: Settings, published: str | None = None,
                   url: str | None = None) -> Iterator[Document | Skip]:
    """The cheap phase of :func:`read_inputs`: one Document or Skip per input, in input order.

    Reads bytes and splits containers into records, but extracts nothing; a Skip here is an
    input that cannot be a document at all (missing, unreadable, too large, not a WARC, ...).
    Raises InputError when ``published`` is not a date.
    """
    published = normalize_date(published)
    fetcher = None
    for spec in paths:
        if is_url(spec):    # a page, sitemap or feed on the web, fetched politely (ingest/fetch.py)
            fetcher = fetcher or Fetcher()
            yield from _isolated(spec, _read_url(spec, fetcher, settings, published))
            continue
        for item in _isolated(spec, _read_spec(spec, settings, published, url)):
            # origins are stored and printed: a file name's escape sequences and bytes that are
            # not UTF-8 become visible escapes (the same on every run, so resuming still works)
            item.origin = escape(item.origin)
            yield item


def _read_spec(spec: str, settings: Settings, published: str | None, url: str | None) -> Iterator:
    if spec == "-":
        yield from _read_stdin(settings, published, url)
        return
    if _GLOB_CHARS.search(spec) and not os.path.exists(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield _skip(spec, "no file matches this pattern")
        for match in matches:
            yield from _read_path(match, settings, published, url)
        return
    yield from _read_path(spec, settings, published, url)


def _isolated(spec: str, items: Iterator) -> Iterator:
    """The items of one path; an error while reading it becomes a failure of the input it was
    reading, after whatever came before it, and the run goes on with the next path."""
    last = spec
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - isolate the input, keep the run going
            yield failure(spec if last == spec else f"{spec} (after {last})", exc)
            return
        last = item.origin
        yield item


def failure(origin: str, exc: BaseException, what: str = "failed") -> Skip:
    """The recorded failure of one input: an error of ours or of the environment, in one line."""
    text = " ".join(str(exc).split()) or "no message"
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    name = type(exc).__name__
    return Skip(origin, f"{what}: {name}: {text}"[:300], failed=True)


def _read_url(spec: str, fetcher: Fetcher, settings: Settings, published: str | None) -> Iterator:
    from newsevents.ingest.archives import read_feed
    for item in read_url(spec, fetcher):
        if isinstance(item, Skip):
            yield item
            continue
        kind, page = item
        if kind == "feed":
            yield from read_feed(page.data, page.url, settings, published)
            continue
        yield Document(origin=page.url, data=page.data, url=page.url, published=published,
                       kind="html" if "html" in page.content_type else None, encoding=page.charset,
                       captured=page.fetched)


def input_files(paths: list[str]) -> Iterator[str]:
    """The files ``read_documents`` would open, in the same order ("-" and missing paths as given)."""
    for spec in paths:
        if spec != "-" and _GLOB_CHARS.search(spec) and not os.path.exists(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            yield from (f for m in matches for f in _files_under(m)) if matches else [spec]
        else:
            yield from _files_under(spec)


class UnreadableFolder(str):
    """A folder os.walk could not list (its path), with the reason: its files must not vanish."""

    reason = ""


def _files_under(path: str) -> Iterator[str]:
    if os.path.isdir(path):
        errors: list[OSError] = []   # os.walk reports a folder it cannot list here, and goes on
        for root, dirs, files in os.walk(path, onerror=errors.append):
            yield from _unreadable(errors, root)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(root, name)
        yield from _unreadable(errors, path)
    else:
        yield path


def _unreadable(errors: list[OSError], where: str) -> Iterator[UnreadableFolder]:
    while errors:
        exc = errors.pop(0)
        folder = UnreadableFolder(exc.filename or where)
        folder.reason = exc.strerror or str(exc)
        yield folder


def is_container(path: str) -> bool:
    """True for files that may hold many documents (JSON Lines, WARC/WET, feeds)."""
    return path == "-" or is_url(path) or path.lower().endswith(WARC_EXTENSIONS + JSONL_EXTENSIONS + FEED_EXTENSIONS)


def _skip(origin: str, reason: str) -> Skip:
    return Skip(origin=origin, reason=reason)


def _read_path(path: str, settings: Settings, published: str | None, url: str | None) -> Iterator:
    if not (os.path.isdir(path) or os.path.exists(path)):
        reason = "no such file or directory"
        try:
            os.stat(path)
        except OSError as exc:  # a symlink loop or a folder we may not enter is not "missing"
            if exc.strerror and exc.errno != 2:
                yield Skip(path, f"cannot read: {exc.strerror}", failed=True)
                return
        yield _skip(path, reason)
        return
    for name in _files_under(path):
        if isinstance(name, UnreadableFolder):
            yield Skip(str(name), f"cannot read folder: {name.reason}", failed=True)
        else:
            yield from read_file(name, settings, published, url)


def read_file(path: str, settings: Settings, published: str | None = None,
              url: str | None = None) -> Iterator[Document | Skip]:
    """The documents of one file (one for a page, one per record for a container); an error
    while reading it is recorded as its failure after the records read before it."""
    yield from _isolated(path, _read_file(path, settings, published, url))


def _read_file(path: str, settings: Settings, published: str | None, url: str | None) -> Iterator:
    from newsevents.ingest import archives

    lower = path.lower()
    try:
        if lower.endswith(WARC_EXTENSIONS):
            yield from archives.read_warc(path, settings, published)
            return
        if lower.endswith(JSONL_EXTENSIONS):
            yield from archives.read_jsonl(path, settings, published)
            return
        with open_regular(path) as fh:
            # check the size before reading: a 50 MB page is rejected without loading it
            size = os.fstat(fh.fileno()).st_size
            if size > settings.max_bytes:
                yield _skip(path, too_large(size, settings))
                return
            data = fh.read(settings.max_bytes + 1)
    except InputError as exc:
        yield _skip(path, str(exc))
        return
    except OSError as exc:
        yield Skip(path, f"cannot read: {exc.strerror or exc}", failed=True)
        return
    if len(data) > settings.max_bytes:  # grew between the size check and the read
        yield _skip(path, too_large(len(data), settings))
        return
    if lower.endswith(FEED_EXTENSIONS) and archives.looks_like_feed(data):
        yield from archives.read_feed(data, path, settings, published)
        return
    kind = "html" if lower.endswith(HTML_EXTENSIONS) else None
    yield Document(path, data=data, kind=kind, url=url, published=published)


def _read_stdin(settings: Settings, published: str | None, url: str | None) -> Iterator:
    from newsevents.ingest import archives

    stream = sys.stdin.buffer
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        yield _skip("-", too_large(len(data), settings) + " (stdin)")
        return
    if archives.looks_like_warc(data):
        yield from archives.read_warc_bytes(data, "-", settings, published)
    elif archives.looks_like_feed(data):
        yield from archives.read_feed(data, "-", settings, published)
    elif archives.looks_like_jsonl(data):
        yield from archives.read_jsonl_lines(data.splitlines(keepends=True), "-", settings, published)
    else:
        yield Document("-", data=data, url=url, published=published)
