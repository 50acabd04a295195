"""A WARC archive cut off is reported as truncated with the records recovered before the cut,
wherever the cut falls: inside a record (Content-Length), inside a gzip member's trailer (the
record itself whole), or between two records of one capture (request without its response).
A cut between two whole captures leaves no trace in the bytes (README, Known limits)."""
from __future__ import annotations

import gzip
import io
import zlib

import pytest

from newsevents.config import Settings
from newsevents.ingest import Document
from newsevents.ingest.archives import read_warc_bytes
from newsevents.ingest.limits import gzip_cut
from newsevents.model import Skip
from warc_samples import capture_warc_bytes, warc_bytes


def outcomes(data: bytes) -> list[tuple[str, str, str]]:
    return [(type(o).__name__, o.origin, getattr(o, "reason", "")) for o in read_warc_bytes(data, "a.warc.gz", Settings())]


def member_ends(data: bytes) -> list[int]:
    ends, pos = [], 0
    while pos < len(data):
        inflater = zlib.decompressobj(31)
        inflater.decompress(data[pos:])
        pos = len(data) - len(inflater.unused_data)
        ends.append(pos)
    return ends


def test_a_whole_archive_has_no_truncation():
    data, _ = capture_warc_bytes(3)
    assert outcomes(data) == [("Document", f"a.warc.gz#{n}", "") for n in (2, 4, 6)]
    assert gzip_cut(io.BytesIO(data)) is None


@pytest.mark.parametrize("cut", [1, 4, 8, 12])
def test_a_cut_in_the_last_gzip_member_is_truncation_even_when_its_record_is_whole(cut):
    data = warc_bytes(3)
    found = outcomes(data[:-cut])
    last = found[-1]
    assert last[0] == "Skip" and "truncated" in last[2], found
    # the records before the cut are kept; the one inside the cut member never as complete
    assert [o for o in found if o[0] == "Document"][:2] == [("Document", "a.warc.gz#1", ""),
                                                            ("Document", "a.warc.gz#2", "")]
    skip = [o for o in read_warc_bytes(data[:-cut], "a.warc.gz", Settings()) if isinstance(o, Skip)][-1]
    assert skip.failed


@pytest.mark.parametrize("gz", [True, False])
def test_a_cut_between_a_request_and_its_response_is_truncation(gz):
    data, ends = capture_warc_bytes(3, gz)
    found = outcomes(data[:ends[4]])      # the third capture's request is there, its response not
    assert found[:2] == [("Document", "a.warc.gz#2", ""), ("Document", "a.warc.gz#4", "")]
    kind, origin, reason = found[2]
    assert (kind, origin) == ("Skip", "a.warc.gz#6") and "ends between two records" in reason
    assert "no response record after its request, as 2 of 2 earlier captures have" in reason
    assert "2 documents recovered" in reason and len(found) == 3


def test_a_cut_between_whole_captures_keeps_every_record_before_it():
    data, ends = capture_warc_bytes(3)
    assert outcomes(data[:ends[3]]) == [("Document", "a.warc.gz#2", ""), ("Document", "a.warc.gz#4", "")]


def test_a_last_capture_that_is_no_beginning_of_the_shape_is_no_cut():
    # a crawler's last record may be a response with no request (or a resource): not a cut
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    data, _ = capture_warc_bytes(3)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.org/gone", "response",
                                                  payload=io.BytesIO(b"gone"), http_headers=headers))
    found = outcomes(data + buf.getvalue())
    assert [o[2] for o in found if o[0] == "Skip"] == ["HTTP 404 response, not a page"]


def test_an_archive_of_responses_only_asks_nothing_of_its_last_capture():
    # no request records: a capture is one response, so no shape says a record is missing
    data = warc_bytes(3)
    assert [o[0] for o in outcomes(data[:member_ends(data)[1]])] == ["Document", "Document"]


def test_gzip_cut_names_the_member_that_is_cut():
    members = [gzip.compress(f"member {i}\n".encode() * 1000) for i in range(3)]
    whole = b"".join(members)
    assert gzip_cut(io.BytesIO(whole)) is None
    assert gzip_cut(io.BytesIO(whole[:-3])) == len(members[0]) + len(members[1])
    assert gzip_cut(io.BytesIO(whole[:len(members[0]) + 5])) == len(members[0])
    assert gzip_cut(io.BytesIO(b"not gzip at all")) is None


def test_a_bomb_member_is_checked_in_bounded_memory():
    # 256 MB of zeros in 1 MB members: inflated CHUNK at a time, never held
    member = gzip.compress(b"\0" * (1 << 20))
    assert gzip_cut(io.BytesIO(member * 256)) is None
    assert gzip_cut(io.BytesIO(member * 256 + member[:-2])) == len(member) * 256


def test_documents_of_a_truncated_archive_are_documents():
    data, ends = capture_warc_bytes(3)
    items = list(read_warc_bytes(data[:ends[4]], "a.warc.gz", Settings()))
    assert [type(i) for i in items] == [Document, Document, Skip]
