"""Mentions built as event records (no parse) for the merging tests: reports of a few events by
several outlets, told in different words, dates and counts, and their traps."""
from __future__ import annotations

from newsevents.model import Actor, Article, Count, Event, Evidence, Place, Source

NAIROBI = dict(name="Nairobi", country="KEN", admin1="30", lat=-1.28333, lon=36.81667, geonames_id=184745,
               precision="city")
MOMBASA = dict(name="Mombasa", country="KEN", admin1="19", lat=-4.05466, lon=39.66359, geonames_id=186301,
               precision="city")
ALMATY = dict(name="Almaty", country="KAZ", admin1="02", lat=43.25, lon=76.91, geonames_id=1526384, precision="city")


def article(text: str, site: str, published: str) -> Article:
    return Article(text=text, url=f"https://{site}/{abs(hash(text)) % 10**8}", site=site, published=published,
                   title=text[:30])


def mention(art: Article, type_: str, sentence: str, date: str | None = None, precision: str | None = "day",
            date_end: str | None = None, actor1: Actor | None = None, actor2: Actor | None = None,
            place: dict | None = None, counts: dict[str, tuple[int, int | None]] | None = None,
            status: str = "occurred", confidence: float = 0.6) -> Event:
    """One article's record of an event; its sentence is found in the article's text."""
    start = art.text.index(sentence)
    event = Event(type=type_, status=status, actor1=actor1, actor2=actor2, date=date,
                  date_end=date_end or date, date_precision=precision if date else "reported",
                  location=Place(place["name"], **place) if place else None,
                  counts={k: Count(k, lo, hi, f"{lo}") for k, (lo, hi) in (counts or {}).items()},
                  evidence=Evidence(sentence, start, start + len(sentence), sentence.split()[0], start),
                  confidence=confidence, source=Source(art.id, art.url, art.title, art.site, art.published))
    if date is None:
        event.date, event.date_end = art.published, None
    event.assign_id()
    return event


def police(country: str = "KEN") -> Actor:
    return Actor("police", name="Kenya" if country == "KEN" else None, country=country, sector="COP",
                 rule="role:police")


def security_forces(country: str = "KEN") -> Actor:
    return Actor("security forces", country=country, sector="MIL", rule="role:security forces")


def protesters(country: str = "KEN") -> Actor:
    return Actor("protesters", country=country, sector="CVL", rule="role:protesters")


def corpus() -> list[tuple[Article, list[Event]]]:
    """Six articles by four outlets: one arrest told three ways, its traps, a march, and an
    unnamed arrest elsewhere on the same day."""
    out = []
    a = article("Police arrested 40 protesters in Nairobi on Saturday during a march over fuel prices. "
                "Protesters also marched in Mombasa.", "a.example", "2023-03-13")
    out.append((a, [mention(a, "COERCE", "Police arrested 40 protesters in Nairobi on Saturday during a march over "
                                         "fuel prices.", "2023-03-11", actor1=police(), actor2=protesters(),
                            place=NAIROBI, counts={"detained": (40, 40)}),
                    mention(a, "PROTEST", "Protesters also marched in Mombasa.", "2023-03-11",
                            actor1=protesters(), place=MOMBASA)]))
    b = article("Kenyan security forces detained dozens of demonstrators in Nairobi last week over fuel prices, "
                "a rights group said.", "b.example", "2023-03-15")
    out.append((b, [mention(b, "COERCE", b.text, "2023-03-06", "week", "2023-03-12", actor1=security_forces(),
                            actor2=protesters(), place=NAIROBI, counts={"detained": (24, None)})]))
    c = article("At least 52 people were arrested in Nairobi, the police said on Sunday.", "c.example", "2023-03-12")
    out.append((c, [mention(c, "COERCE", c.text, None, actor1=police(), place=NAIROBI,
                            counts={"detained": (52, None)}, status="claimed")]))
    # the trap: the same actors and place, a week later, is another arrest
    d = article("Police arrested 30 protesters in Nairobi on Saturday as fuel protests resumed.", "a.example",
                "2023-03-20")
    out.append((d, [mention(d, "COERCE", d.text, "2023-03-18", actor1=police(), actor2=protesters(),
                            place=NAIROBI, counts={"detained": (30, 30)})]))
    # two unnamed arrests somewhere on one day, told in unrelated words: two events
    e = article("A journalist was detained at a checkpoint on Friday.", "d.example", "2023-03-11")
    out.append((e, [mention(e, "COERCE", e.text, "2023-03-10")]))
    f = article("Two teachers were arrested over a school exam leak on Friday.", "c.example", "2023-03-11")
    out.append((f, [mention(f, "COERCE", f.text, "2023-03-10")]))
    return out
