"""Containers of many documents: JSON Lines, WARC/WET (warcio), RSS/Atom (feedparser).

Each record gets exactly one outcome (a Document to extract, or a Skip); records that are not
documents at all (WARC request, metadata, warcinfo, revisit records) are passed over silently.
Origins are ``path:LINE`` for JSON Lines and ``path#N`` (N counts records from 1) for WARC and
feeds. Nothing here extracts text from HTML: that is ``document_to_article``'s work, so that a
runner can do it in its workers.
"""
from __future__ import annotations

import gzip
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from newsevents.config import Settings
from newsevents.errors import InputError
from newsevents.ingest.limits import CappedGzip, bounded_lines, escape, gzip_cut, open_regular
from newsevents.model import Skip

_FEED_SNIFF = re.compile(rb"<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")
TEXT_FIELDS = ("text", "body", "content")
HTML_FIELDS = ("html", "raw_html")


def looks_like_feed(data: bytes) -> bool:
    """True for RSS, Atom or RDF feeds (looks at the first 2 KB)."""
    head = data[:2048].lstrip()
    return head.startswith(b"<") and bool(_FEED_SNIFF.search(head))


def looks_like_warc(data: bytes) -> bool:
    """True for WARC/ARC data, plain or gzipped."""
    head = data[:16]
    if data[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(data[:4096])).read(16)
        except (OSError, EOFError):
            head = b""
    return head.startswith((b"WARC/", b"filedesc://"))  # WARC, or the older ARC format


def looks_like_jsonl(data: bytes) -> bool:
    """True when the data starts with a JSON object on its first line."""
    return data.lstrip()[:1] in (b"{", b"[")


# ---------------------------------------------------------------- JSON Lines

def read_jsonl(path: str, settings: Settings, published: str | None = None) -> Iterator:
    """Records of a .jsonl/.ndjson file (optionally gzipped) or a .json file (object or array)."""
    if path.lower().endswith(".json"):
        records = _whole_json(path, settings)
        if records is not None:
            yield from _records(((f"{path}:{i}", rec) for i, rec in enumerate(records, start=1)),
                                settings, published)
            return
    with open_regular(path) as raw:
        # decompression is streamed and capped, and lines are read to max_bytes: a short file
        # whose one line inflates to gigabytes costs max_bytes of memory, not gigabytes
        stream = io.BufferedReader(CappedGzip(raw), 1 << 20) if path.lower().endswith(".gz") else raw
        number = 0
        try:
            for number, line in enumerate(bounded_lines(stream, settings.max_bytes), start=1):
                yield from read_jsonl_lines([line], path, settings, published, first=number)
        except (OSError, EOFError) as exc:  # a gzip cut off or corrupt after some lines
            yield Skip(f"{path}:{number + 1}", f"truncated or corrupt gzip after line {number}: "
                       f"{_first_line(exc)}", failed=True)


def _whole_json(path: str, settings: Settings) -> list | None:
    """A .json file that is one JSON value: its records; None when it is JSON Lines instead."""
    import os
    with open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size > settings.max_bytes:
            return None
        data = fh.read(settings.max_bytes + 1)
    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, list) else [value]


def read_jsonl_lines(lines: Iterable[bytes | int], origin: str, settings: Settings,
                     published: str | None = None, first: int = 1) -> Iterator:
    """One outcome per non-blank line; a line that is not a JSON object gives a Skip.

    A line may be given as its length alone (an int, from ``limits.bounded_lines``) when it was
    too long to read; ``first`` is the number of the first line.
    """
    def parsed():
        for number, line in enumerate(lines, start=first):
            where = f"{origin}:{number}"
            size = line if isinstance(line, int) else len(line)
            if size > settings.max_bytes:
                yield where, InputError(f"line too large ({size / 1e6:.1f} MB > max_bytes "
                                        f"{settings.max_bytes / 1e6:g} MB)")
                continue
            if not line.strip():
                continue
            try:
                yield where, json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield where, InputError(f"malformed JSON line: {str(exc).splitlines()[0]}")
            except RecursionError:
                yield where, InputError("malformed JSON line: nested too deeply")
    yield from _records(parsed(), settings, published)


def _records(items: Iterable[tuple[str, object]], settings: Settings,
             published: str | None) -> Iterator:
    from newsevents.ingest import Document

    for where, rec in items:
        try:
            if isinstance(rec, InputError):
                raise rec
            if not isinstance(rec, dict):
                raise InputError(f"record is a JSON {type(rec).__name__}, not an object")
            kind, body = _record_body(rec)
            record_date = _loose_date(rec.get("published") or rec.get("date"))
            date, source = (published, "user") if published else (record_date, "metadata")
            url = rec.get("url") if isinstance(rec.get("url"), str) else None
            title = rec.get("title") if isinstance(rec.get("title"), str) else None
            yield Document(where, text=body, kind=kind, url=url, published=date,
                           published_source=source, title=title)
        except InputError as exc:
            yield Skip(where, str(exc))
        except Exception as exc:  # noqa: BLE001 - one odd record never ends its file
            from newsevents.ingest import failure
            yield failure(where, exc)


def _record_body(rec: dict) -> tuple[str, str]:
    for name in HTML_FIELDS:
        if isinstance(rec.get(name), str) and rec[name].strip():
            return "html", rec[name]
    for name in TEXT_FIELDS:
        if isinstance(rec.get(name), str) and rec[name].strip():
            return "text", rec[name]
    raise InputError("record has no text or html field")


def _loose_date(value: object) -> str | None:
    """A record's date field as YYYY-MM-DD when it starts with one; anything else is ignored."""
    from newsevents.ingest.text import find_date
    if not isinstance(value, str):
        return None
    from newsevents.ingest import normalize_date
    m = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    try:
        return normalize_date(m.group(0)) if m else find_date(value)
    except InputError:
        return None


# ---------------------------------------------------------------- WARC / WET

def read_warc(path: str, settings: Settings, published: str | None = None) -> Iterator:
    """Response/resource records with HTML or text, and WET conversion records, of a WARC file."""
    with open_regular(path) as fh:
        if not looks_like_warc(fh.read(4096)):
            yield Skip(path, "not a WARC file (no WARC/ header at the start)")
            return
        fh.seek(0)
        yield from _warc_stream(fh, path, settings, published)


def read_warc_bytes(data: bytes, origin: str, settings: Settings,
                    published: str | None = None) -> Iterator:
    """Same as :func:`read_warc` for WARC data already in memory (stdin)."""
    yield from _warc_stream(io.BytesIO(data), origin, settings, published)


def _warc_stream(stream, origin: str, settings: Settings, published: str | None) -> Iterator:
    """Every record checked against its Content-Length: a record cut short (a truncated
    download) is a failure, never stored as complete; an archive that ends inside a record, or
    that cannot be read past some record, is reported with the number of records recovered.

    An archive cut between two records loses no byte of any record, so two more checks look for
    the cut: the last gzip member must end with its trailer, and the last capture (the records
    of one URL: request, response, metadata) must not stop partway through the shape nearly
    every earlier capture has. A cut between two whole captures leaves no trace.
    """
    number = documents = 0
    records = _quiet_iterator(stream)
    captures: list[tuple[str, list[str]]] = []    # consecutive records of one URL: their types in order
    try:
        for record in records:
            number += 1
            where = f"{origin}#{number}"
            _note_capture(captures, record)
            errors = records.err_count
            outcome = _warc_record(record, where, settings, published)
            missing = _drain(record, stream, settings)
            if missing:
                yield Skip(where, f"truncated WARC record: {missing} bytes short of its Content-Length "
                           f"(archive cut off; {number - 1} records recovered before it)", failed=True)
                return
            if records.err_count > errors:
                # warcio found no blank line where the record should end: its Content-Length is wrong
                outcome = Skip(where, "WARC record longer than its Content-Length (stray bytes after it)")
            if outcome is not None:
                documents += 1
                yield outcome
    except InputError as exc:
        yield Skip(origin if number == 0 else f"{origin}#{number}", str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - warcio raises many types on a cut or corrupt archive
        if number == 0 and not looks_like_warc(_head(stream)):
            yield Skip(origin, f"not a WARC file: {_first_line(exc)}")
        elif number == 0:  # it begins like a WARC file: cut off or corrupt
            yield Skip(origin, f"truncated or broken archive: no complete record: {_first_line(exc)}",
                       failed=True)
        else:
            yield Skip(f"{origin}#{number + 1}", f"truncated or broken archive after record {number} "
                       f"({documents} documents recovered): {_first_line(exc)}", failed=True)
        return
    unread = _unread_tail(stream, records.offset)
    # warcio does not check that the last gzip member is whole (its trailer may be cut off)
    cut = None if unread else gzip_cut(stream)
    missing = _cut_capture(captures)
    if unread:
        # warcio ends quietly when an archive stops inside a record's headers: count the bytes
        yield Skip(f"{origin}#{number + 1}", f"truncated archive: {unread} bytes after record {number} "
                   f"are not a complete record ({documents} documents recovered)", failed=True)
    elif cut is not None:
        yield Skip(f"{origin}#{number + 1}", f"truncated archive: the gzip member at byte {cut} ends "
                   f"without its trailer ({number} records read, {documents} documents recovered)", failed=True)
    elif missing:
        yield Skip(f"{origin}#{number + 1}", f"truncated archive: it ends between two records, {missing} "
                   f"({number} records read, {documents} documents recovered)", failed=True)
    elif documents == 0:
        yield Skip(origin, "WARC file holds no response, resource or conversion records")


# Records of a crawl that belong to one capture of a URL; warcinfo has no URL and stands apart.
_CAPTURE_TYPES = ("request", "response", "metadata", "revisit", "resource")
# Earlier captures needed, and the share of them that must be written alike, before the last
# capture is expected to follow their shape.
MIN_CAPTURES = 2
SHAPE_SHARE = 0.9


def _note_capture(captures: list[tuple[str, list[str]]], record) -> None:
    """Add a record to the capture it belongs to: consecutive records with one target URL."""
    kind = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI")
    if kind not in _CAPTURE_TYPES or not url:
        return
    if captures and captures[-1][0] == url:
        if captures[-1][1][-1] != kind:
            captures[-1][1].append(kind)
    else:
        captures.append((url, [kind]))


def _cut_capture(captures: list[tuple[str, list[str]]]) -> str | None:
    """Why the archive looks cut inside its last capture, or None.

    A crawler writes the records of a capture in one order (wget: request, response; Heritrix:
    response, request, metadata). When nearly every earlier capture has one shape and the last is
    a beginning of it, the archive stopped before the rest came. A last capture that is not such
    a beginning (a lone response, a resource record) says nothing.
    """
    earlier = [tuple(types) for _, types in captures[:-1]]
    if len(earlier) < MIN_CAPTURES:
        return None
    shape, alike = Counter(earlier).most_common(1)[0]
    last = tuple(captures[-1][1])
    if alike < SHAPE_SHARE * len(earlier) or len(last) >= len(shape) or shape[:len(last)] != last:
        return None
    return (f"its last capture has no {shape[len(last)]} record after its {last[-1]}, as {alike} of "
            f"{len(earlier)} earlier captures have")


def _head(stream) -> bytes:
    try:
        stream.seek(0)
        return stream.read(4096)
    except (OSError, ValueError):
        return b""


def _unread_tail(stream, offset: int) -> int:
    """Bytes of the archive after ``offset`` (the end of the last whole record) that are more
    than blank lines; 0 when every byte belongs to a record."""
    try:
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(offset)
        tail = stream.read(65536)
    except (OSError, ValueError):
        return 0
    if not tail.strip():
        return 0
    return size - offset


def _quiet_iterator(stream):
    """warcio's record iterator without its own messages: it writes a record's stray bytes and
    URLs straight to stderr, which would put input text (escape sequences) on the terminal. The
    same problems are reported here, escaped, as the record's outcome."""
    import logging

    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        INC_RECORD = ""     # warcio writes this (with the offending line) to stderr; err_count still counts

    logging.getLogger("warcio").setLevel(logging.ERROR)
    return QuietIterator(stream, arc2warc=True)


def _drain(record, stream, settings: Settings) -> int:
    """Read the rest of a record; the bytes its Content-Length promised that never came.

    Stops with InputError when a gzipped record inflates like a decompression bomb.
    """
    from newsevents.ingest.limits import INFLATION_FLOOR, MAX_INFLATION

    raw = record.raw_stream
    inflated = 0
    while True:
        chunk = raw.read(1 << 20)
        if not chunk:
            break
        inflated += len(chunk)
        if inflated > INFLATION_FLOOR and inflated > MAX_INFLATION * max(stream.tell(), 1):
            raise InputError(f"decompression bomb: a WARC record inflates past {inflated / 1e6:.0f} MB")
    return max(getattr(raw, "limit", 0) or 0, 0)


def _warc_record(record, where: str, settings: Settings, published: str | None):
    """A Document or Skip for a document record; None for records that are not documents."""
    from newsevents.ingest import Document, too_large

    kind = record.rec_type
    if kind not in ("response", "resource", "conversion"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if kind == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return Skip(where, f"HTTP {status} response, not a page")
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    mime = ctype.split(";")[0].strip().lower()
    charset = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    if kind == "conversion" or mime in ("text/plain", ""):
        doc_kind = "text" if kind == "conversion" or mime == "text/plain" else None
    elif mime in ("text/html", "application/xhtml+xml"):
        doc_kind = "html"
    else:
        return Skip(where, f"not an HTML or text page ({mime})")
    data = record.content_stream().read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        return Skip(where, too_large(len(data), settings))
    return Document(where, data=data, kind=doc_kind, url=url, published=published,
                    encoding=charset.group(1) if charset else None,
                    captured=record.rec_headers.get_header("WARC-Date"))


def _first_line(exc: BaseException) -> str:
    """An exception's message as one line of at most 200 characters (warcio quotes input in it)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return escape(text)[:200]


# ---------------------------------------------------------------- RSS / Atom

def read_feed(data: bytes, origin: str, settings: Settings,
              published: str | None = None) -> Iterator:
    """One outcome per feed entry: its full content (or summary) with link, title and date."""
    import feedparser
    from newsevents.ingest import Document

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "feed has no entries"
        if feed.bozo:
            reason = f"not a readable feed: {_first_line(feed.bozo_exception)}"
        yield Skip(origin, reason)
        return
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        try:
            text = _entry_text(entry)
            date, source = (published, "user") if published else (_entry_date(entry), "metadata")
            yield Document(where, text=text, kind="text", url=entry.get("link"), published=date,
                           published_source=source, title=entry.get("title"))
        except InputError as exc:
            yield Skip(where, str(exc))


def _entry_text(entry) -> str:
    """The longest of an entry's content and summary, as plain text with paragraph breaks."""
    candidates = [c for c in entry.get("content", []) if c.get("value")]
    if entry.get("summary"):
        candidates.append({"value": entry.summary, "type": entry.get("summary_detail", {}).get("type", "text/html")})
    if not candidates:
        raise InputError("feed entry has no content or summary")
    best = max(candidates, key=lambda c: len(c["value"]))
    value = best["value"]
    if "html" in (best.get("type") or "") or re.search(r"<[a-z][^>]*>", value, re.I):
        value = html_fragment_text(value)
    return value


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with one line per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types for junk markup; fall back to the raw text
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter("script", "style"):
        el.drop_tree()
    return root.text_content()


def _entry_date(entry) -> str | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None
