"""Actors: who did it and to whom, as a country (ISO3) plus a sector (GOV, MIL, COP, ...).

``ActorResolver(article_text)`` is built once per article. It reads the text with regexes only
(no parse) to learn the people it introduces with a title or an appositive ("Kazakhstan's
President Kassym-Jomart Tokayev", "Karim Massimov, the head of the intelligence services") and
the country the story happens in. ``resolve(span)`` / ``resolve_text(text)`` then code one actor
phrase from the lexicons in codebooks/data, loaded and matched by resolve/actor_lexicon.py.

How a phrase is coded:
  1. The phrase is cut into word tokens and matched greedily, longest first, against one
     dictionary of names: organisations, country names, demonyms, capitals and seats of power
     (metonyms: "the Kremlin" -> RUS GOV, "the Pentagon" -> USA MIL), regions and role nouns.
  2. The *head* of the phrase is what comes before its first preposition or comma (for a spaCy
     span: up to its syntactic root), so "the president of Kazakhstan" is a president and
     "rebels in Darfur" are rebels.
  3. An organisation in the head decides (UN -> IGO; Hamas -> PSE REB). Otherwise the country is
     the first country word in the head, else anywhere in the phrase, else the country of a
     known person; the sector is the last role noun in the head, else any role noun, else the
     metonym's sector (a capital alone stands for its government).
  4. A domestic role with no country ("the authorities", "police") takes the article's country
     only when one country clearly dominates the article's mentions; otherwise it stays None.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache
from typing import Any, Iterable

from ..codebooks import load_lines, load_tsv
from ..model import STATE_NOTE, Actor
from ..codebooks.petrarch2 import agent_dictionary, key_words
from ..extraction.lexicon import lexicon as trigger_lexicon, people_nouns
from ..extraction.roles import dateline_end
from ..syntax import ACTOR_ENTS, antecedent, phrase
from .actor_lexicon import (
    _CUT_WORDS,
    _LEADING_SKIP,
    _NAME_PARTICLES,
    _find_known,
    _find_listed,
    _Listed,
    _lexicon,
    _Entry,
    _Match,
    _match_all,
    _one_edit,
    _Person,
    _tokens,
    place_nouns,
)

_APPOSITIVE = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+),\s+((?:the|a|an)\s+)?([^,.;:()\"]{3,90}?)(?=[,.;:)]|\s+(?:said|says|told)\b)")

# A name and the short form it is given: "the Baloch Liberation Army, or BLA", "Front (NUF)".
_SHORT_FORM = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|on|de)\s+)*){1,7}[A-Z][\w'’-]*)(?:,\s+or\s+|\s+\()([A-Z]{2,7})\b")

# The description first: "Kenya's foreign minister, Amina Mohamed, said".
_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)((?:[\w'’-]+\s+){0,5}[\w'’-]+),\s+((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+),")


class ActorResolver:
    """Codes actor phrases of one article; learns the article's people and main country first."""

    def __init__(self, text: str = "", published: str | date | None = None) -> None:
        # The day a dictionary person's role is read on: the event's date when resolve() is
        # given one, else the article's publication date.
        self._published_day = _day_number(published)
        self._day = self._published_day
        self._people: dict[str, _Person] = {}
        self._cache: dict[tuple[str, int | None, str | None, int | None], Actor | None] = {}
        self._text = text
        # People named so far, by surname: a lone "he" or "she" binds only when there is one.
        self._seen_people: dict[str, Actor] = {}
        self._people_at: dict[str, int] = {}      # learned person's surname -> first offset
        self.context_country: str | None = None
        self._organisations: list[_Entry] = []
        self._short_forms: dict[str, _Entry] = {}
        if text:
            words = [w for w, _, _ in _tokens(text)]
            matches, _ = _match_all(words)
            self.context_country = self._main_country(words, matches)
            self._organisations = _named_organisations(matches)
            self._learn_people(text)
            self._learn_short_forms(text)

    # --- learning from the article ---------------------------------------------------------

    def _remember(self, full_name: str, country: str | None, sector: str | None, rule: str) -> None:
        words = [w for w, _, _ in _tokens(full_name)]
        if not words:
            return
        person = _Person(" ".join(words), country, sector, rule)
        self._people_at.setdefault(words[-1].lower(), self._text.find(full_name))
        keys = {" ".join(words).lower(), words[-1].lower()}
        if len(words) >= 3 and words[-2].lower() in _NAME_PARTICLES:
            keys.add(" ".join(words[-2:]).lower())
        for key in keys:
            old = self._people.get(key)
            if old is None or old.name == person.name:
                # Keep the first full description; a later mention adds what the first lacked.
                if old is not None:
                    person = _Person(old.name, old.country or country, old.sector or sector, old.rule)
                self._people[key] = person
            elif old.name != person.name and key == words[-1].lower():
                self._people[key] = _Person("", None, None, "ambiguous")  # two people share a surname

    def _learn_people(self, text: str) -> None:
        lex = _lexicon()
        for m in lex.titles_pattern.finditer(text):
            name_words = [w for w, _, _ in _tokens(m.group(2))]
            # The name ends before a word that is itself a known lexicon entry ("President Putin Monday").
            keep = []
            for w in name_words:
                n, entries = lex.lookup([w], 0)
                if n and any(e.kind != "role" or not w[:1].isupper() for e in entries):
                    break
                if n and keep:
                    break
                keep.append(w)
            if not keep or (len(keep) == 1 and keep[0].lower() in _NAME_PARTICLES):
                continue
            # The words right before the title say whose official it is ("Kazakhstan's President",
            # "Kremlin spokesman", "Russian General"): the longest run the lexicon fully covers.
            clause_start = max(text.rfind(c, 0, m.start()) for c in ".;:,\n(\"") + 1
            before = [w for w, _, _ in _tokens(text[max(clause_start, m.start() - 60):m.start()])]
            prefix = ""
            for k in range(min(4, len(before)), 0, -1):
                covered, loose = _match_all(before[-k:])
                if not loose and any(c.entry.kind != "role" for c in covered):
                    prefix = " ".join(before[-k:])
                    break
            # No article-country guess here: "President Bush" in a story about Moscow is not Russian.
            described = self._code_phrase(prefix + " " + m.group(1), None, use_people=False,
                                          use_context=False)
            title_sector = described.sector
            self._remember(" ".join(keep), described.country, title_sector,
                           f"person:title:{m.group(1).lower()}")
        for m in _APPOSITIVE.finditer(text):
            name, desc = m.group(1), m.group(3)
            if not m.group(2) and desc.split()[0].lower() in _NOT_DESCRIPTION:
                continue    # "X, are barred from travel to the United States": a verb, not a description
            words = [w for w, _, _ in _tokens(name)]
            matches, _ = _match_all(words)
            if matches:   # a place or organisation, not a person ("In Almaty, the largest city")
                continue
            described = self._code_phrase(desc, None, use_people=False)
            if described.sector or described.country:
                # The descriptor's own country, or the article's when its role is domestic.
                self._remember(name, described.country, described.sector, "person:appositive")
        for m in _APPOSITIVE_BEFORE.finditer(text):
            desc, name = m.group(1), m.group(2)
            matches, _ = _match_all([w for w, _, _ in _tokens(name)])
            if matches:
                continue
            described = self._code_phrase(desc, None, use_people=False, use_context=False)
            # only a description that names an office or group and whose it is
            if described.sector and described.country and "role:" in (described.rule or ""):
                self._remember(name, described.country, described.sector, "person:appositive")

    def _learn_short_forms(self, text: str) -> None:
        """Short forms the article defines for a name ("the Baloch Liberation Army, or BLA", "the
        National Unity Front (NUF)"): a later "BLA" is coded as the full name is, when the full
        name codes to an organisation or a group of a country and the letters are its initials."""
        for m in _SHORT_FORM.finditer(text):
            full, short = m.group(1), m.group(2)
            if short in self._short_forms:
                continue
            n, _ = _lexicon().lookup([short], 0)
            if n:
                continue        # a short form the lexicon knows already ("ECOWAS", "UN")
            words = [w for w, _, _ in _tokens(full)]
            start = _initials_start(words, short)
            if start is None:
                continue
            name = " ".join(words[start:])
            coded = self._code_phrase(name, None, use_people=True, use_context=False)
            if coded.sector is None or not (coded.country or coded.sector in ("IGO", "NGO")):
                continue
            self._short_forms[short] = _Entry("org", f"{short}={name}", coded.country, coded.sector,
                                              coded.name if _names_itself(coded) else name)

    def _main_country(self, words: list[str], matches: list[_Match]) -> str | None:
        """The article's country when one clearly dominates its country mentions (else None)."""
        counts: Counter[str] = Counter()
        for mt in matches:
            if mt.entry.kind == "demonym" and mt.start > 0 and words[mt.start - 1].lower() == "ethnic":
                continue    # "ethnic Albanians in Serbia" say nothing of Albania
            # A national organisation ("UNITA", "Hamas") places the story as its country's name does.
            if mt.entry.kind in ("country", "demonym", "capital", "seat", "region", "org") and mt.entry.country:
                weight = 2 if mt.start > 0 and words[mt.start - 1].lower() == "in" else 1
                counts[mt.entry.country] += weight
        if not counts:
            return None
        ranked = counts.most_common(2)
        top, top_n = ranked[0]
        second_n = ranked[1][1] if len(ranked) > 1 else 0
        return top if top_n >= 2 * second_n and top_n >= 1 and (second_n == 0 or top_n >= 2) else None

    # --- resolving one phrase --------------------------------------------------------------

    def resolve_target(self, span: Any, source: Actor | None, on: str | date | None = None) -> Actor | None:
        """Code the target slot's phrase: as ``resolve``, but empty when it names the source again
        ("U.S. tariffs" imposed by the U.S., "books banned by the Taliban" as the Taliban's
        target): an actor does not act on itself, so the phrase names no second party."""
        found = self.resolve(span, on=on)
        if found is None:
            return None
        if (found.rule or "").startswith(_PLACE_OF) and source is not None and found.country == source.country:
            return None     # "sent troops to Mexico's northern border": its own ground, no one acted on
        if source is not None and same_actor(found, source):
            return None
        return found

    def resolve(self, span: Any, on: str | date | None = None, things: bool = False) -> Actor | None:
        """Code a spaCy Span (e.g. the subject's subtree); its syntactic root marks the head.

        ``on``: the event's date, on which a listed person's role is read (default: the article's
        publication date). None when the phrase names a thing, not an actor ("the offer", "the
        unrest", "firecrackers"): no entity label, no actor noun and no actor attached to it;
        with ``things`` such a phrase is returned uncoded instead, marked "thing" in its rule
        (the object an event is done to: "attacked a convoy").

        A lone "he"/"she" takes the person last resolved in the article; a head noun with a named
        appositive ("one of his allies, Karim Massimov") adds what the name knows; a domestic role
        placed by the sentence ("security forces in Guinea") takes that place's country.
        """
        self._day = _day_number(on) or self._published_day
        if isinstance(span, str):
            return self.resolve_text(span)
        cut = dateline_end(span[0])
        if span.start < cut < span.end:
            span = span.doc[cut:span.end]       # "MOGADISHU - Gunmen": the dateline is no part of it
        root = span.root
        if root.pos_ == "ADP" or root.dep_ in ("agent", "prep"):
            objs = [c for c in root.children if c.dep_ == "pobj"]
            root = objs[0] if objs else root
        if len(span) == 1 and root.lower_ in _PERSON_PRONOUNS:
            found = self._pronoun(span)
            keep = found.name is not None or things or root.lower_ in _SUBJECT_PRONOUNS
            return found if keep else None
        if len(span) == 1 and root.pos_ == "PRON" and root.lower_ not in _SUBJECT_PRONOUNS:
            # syntax.phrase found no antecedent in the sentence: "barring them", "its call" name
            # nobody the record can use, and an object or possessor may mean several parties
            return Actor(text=span.text, rule="pronoun:no antecedent") if things else None
        if _is_place_noun(root):
            # "attacked several villages": where, not who. A place the phrase itself ties to a
            # state ("shell Iraqi towns", "a village in western Cambodia") stands for that state,
            # as CAMEO codes a place target; the article's country is no such tie.
            held = self._code_phrase(span.text, None, use_people=False, use_context=False)
            held = held if held.country else (self._attached(root, span, _LOCATIVE_ORDER) or held)
            if held.country:
                # a populated place stands for its people (CVL), as CAMEO codes it
                return Actor(text=span.text, country=held.country, sector=held.sector,
                             rule=f"{_PLACE_OF}:{held.rule}")
            return Actor(text=span.text, rule="place, not an actor") if things else None
        head_end = root.idx + len(root.text) - span.start_char
        # Compound and flat name parts after the root ("President Tokayev" has root Tokayev) stay in the head.
        where = _locative(root, span)
        key = (span.text, head_end, where, self._day)
        if key not in self._cache:
            # An event done to someone names that someone in its "of" phrase or as a person
            # possessor ("the arrest of Khalil", "Mhlanga's arrest"): the one arrested neither does
            # the event the phrase is a slot of nor is its target ("condemned Mhlanga's arrest"
            # accuses whoever arrested him). Its head and other modifiers still code it ("two
            # Israeli air raids"), and so does a "by" phrase.
            event_noun = _event_noun(root)
            text = span.text[:head_end] if event_noun else span.text
            if event_noun and any(c.dep_ == "poss" and (c.ent_type_ == "PERSON" or c.pos_ == "PRON")
                                  for c in root.children):
                text = span.text[root.idx - span.start_char:head_end]
            actor = self._code_phrase(text, head_end, locative=where)
            # "One of Macron's closest advisers, Pierre Dubois": the appositive may hang on the
            # "of" object of a quantity head
            holders = [root] + ([o for p in root.children if p.dep_ == "prep" and p.lower_ == "of"
                                 for o in p.children if o.dep_ == "pobj"] if root.pos_ == "NUM" else [])
            named = [c for h in holders for c in h.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                     and span.start <= c.i < span.end]
            if named and root.pos_ != "PROPN":
                tokens = list(named[0].subtree)
                appos = span.doc[tokens[0].i:tokens[-1].i + 1]
                inner = self.resolve(appos)
                # The appositive names the head's referent: "One of Nazarbayev's allies, Karim
                # Massimov" is Massimov, whatever name the possessor inside the head gave. An
                # appositive that is no actor (a thing, an unresolved pronoun) names nothing.
                if inner is not None:
                    actor = _merge(actor, inner, named=inner.name or appos.text)
            if actor.name is None and actor.country is None and root.pos_ == "NOUN":
                actor = self._described_organisation(root, span) or actor
            if actor.country is None and actor.sector is not None and root.pos_ == "NOUN":
                actor = self._owner_pronoun(root, actor)     # a group, not a thing ("their plan")
            if actor.country is None and actor.sector is None and root.pos_ == "NOUN" and not _acronym(root.text):
                actor = (self._attached(root, span) or self._thing_holder(root, span)
                         or (None if event_noun else self._inner(root, span)) or actor)
            if actor.name is None and actor.country is None and actor.sector is None and (
                    _is_thing(root) or event_noun or root.pos_ in _NOT_NOMINAL):
                actor = None    # a thing, or a clause or modifier the parse took for the phrase ("claims")
            self._cache[key] = actor
        found = self._cache[key]
        if found is None:
            return Actor(text=span.text, rule="thing, not an actor") if things else None
        return self._note(found)

    def resolve_text(self, text: str) -> Actor:
        """Code a plain-text actor phrase; its head is what precedes the first preposition or comma."""
        if text.strip().lower() in _PERSON_PRONOUNS:
            return self._pronoun(text)
        key = (text, None, None, self._day)
        if key not in self._cache:
            self._cache[key] = self._code_phrase(text, None)
        return self._note(self._cache[key])

    def _attached(self, root: Any, span: Any, order: tuple[str, ...] | None = None) -> Actor | None:
        """The actor a thing is tied to, for a phrase that names no actor itself: "violations by
        Algerian security forces", "admittance to Ghanaians", "a state of siege in Haiti"."""
        preps = {c.lower_: c for c in root.children
                 if c.dep_ in ("prep", "agent") and not span.start <= c.i < span.end}
        # A thing's place below a state is where it is, not whose ("townships in Yangon", "a hotel
        # in Beledweyne"); a whole state stands for its country, as CAMEO codes it ("sanctions in
        # Iran"); people placed somewhere are that place's ("striking miners in Chile").
        placed = root.pos_ != "VERB" and not _is_thing(root)
        for word in order or _ATTACHED_PREPS:
            prep = preps.get(word)
            objs = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
            if not objs or objs[0].ent_type_ in ("DATE", "TIME"):
                continue
            obj = objs[0]
            lo, hi = _noun_phrase(obj)
            text = span.doc[lo:hi].text
            if word in _PLACE_PREPS and not placed and not _names_a_state(text):
                continue
            # "in Chile" is a place, not its government: keep the preposition for the coder.
            lead = f"{word} " if word in _PLACE_PREPS else ""
            head_end = len(lead) + obj.idx + len(obj.text) - span.doc[lo].idx
            found = self._code_phrase(lead + text, head_end)
            if found.country or found.sector in ("IGO", "NGO"):
                found.text = text
                found.rule = f"attached:{word};{found.rule}"
                return found
        return None

    def _thing_holder(self, root: Any, span: Any) -> Actor | None:
        """The actor behind a thing chosen as a role ("sought refuge in Germany", "a curfew imposed
        in Sudan", "rejected Iraq's proposal for a cease-fire"): the thing's participle clause, the
        noun it completes, then the verb that governs it and that verb's coordinated verbs."""
        for c in root.children:
            if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN":
                found = self._attached(c, span, _HOLDER_PREPS)
                if found is not None:
                    return found
        node = root
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "NOUN":
            owner = node.head.head     # "Iraq's proposal for a cease-fire", "Israeli changes to the deal"
            poss = [c for c in owner.children if (c.dep_ == "poss" and c.pos_ != "PRON") or (
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))]
            if poss:
                lo, hi = _noun_phrase(poss[0])
                found = self._code_phrase(span.doc[lo:hi].text.removesuffix("'s").strip(), None)
                if found.country or found.sector in ("IGO", "NGO"):
                    found.rule = f"owner;{found.rule}"
                    return found
            found = self._attached(owner, span, _HOLDER_PREPS)
            if found is not None:
                return found
            node = owner
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
            verb = node.head.head       # "fired shells at targets in Jericho"
        elif node.dep_ not in ("dobj", "nsubjpass") or node.head.pos_ != "VERB":
            return None
        else:
            verb = node.head
        verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            verbs.append(verb.head)
        # A passive subject's "by" phrase is the one acting on it, not its holder.
        preps = tuple(p for p in _HOLDER_PREPS if p != "by") if node.dep_ == "nsubjpass" else _HOLDER_PREPS
        for v in verbs:
            found = self._attached(v, span, preps)
            if found is not None:
                found.rule = f"verb:{found.rule}"
                return found
        return None

    def _described_organisation(self, root: Any, span: Any) -> Actor | None:
        """"The military alliance" in a story that names one alliance-like body, the CSTO: that
        body. Only a definite description, and only when the article names exactly one
        organisation of the sectors its noun can stand for (codebooks/data/org_descriptions.tsv)."""
        sectors = _org_descriptions().get(root.lemma_.lower()) or _org_descriptions().get(root.lower_)
        if not sectors or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                  for c in root.children):
            return None
        candidates = {e.name: e for e in self._organisations if e.sector in sectors}
        if len(candidates) != 1:
            return None
        org = next(iter(candidates.values()))
        return Actor(text=span.text, name=org.name, country=org.country, sector=org.sector,
                     rule=f"described:{root.lower_}={org.name}")

    def _owner_pronoun(self, root: Any, actor: Actor) -> Actor:
        """"their forces", "its army": the country of the pronoun's antecedent in the sentence."""
        for c in root.children:
            if c.dep_ == "poss" and c.pos_ == "PRON":
                ant = antecedent(c)
                if ant is not None and ant.i != root.i:
                    owner = self.resolve(phrase(ant))
                    if owner is not None and owner.country:
                        rule = ";".join(r for r in (actor.rule, f"owner:{c.lower_}={ant.text}") if r)
                        return Actor(text=actor.text, name=actor.name or owner.name, country=owner.country,
                                     sector=actor.sector or owner.sector, rule=rule)
        return actor

    def _inner(self, root: Any, span: Any) -> Actor | None:
        """The first actor named deeper inside a thing's phrase, in word order: "a formula for
        ending its dispute with its EC partners", "mediation efforts between rival militias in
        Tripoli"; a place inside it is where, not who ("targets in Jericho")."""
        seen = 0
        stack = [c for c in root.children if c.dep_ in _INNER_DEPS and not span.start <= c.i < span.end]
        stack.sort(key=lambda t: t.i, reverse=True)
        while stack and seen < 6:
            tok = stack.pop()
            if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("DATE", "TIME", "MONEY"):
                seen += 1
                lo, hi = _noun_phrase(tok)
                prep = tok.head.lower_ if tok.dep_ == "pobj" else ""
                if prep in _PLACE_PREPS and not _names_a_state(span.doc[lo:hi].text):
                    continue    # "targets in Jericho": a place is where, not who
                head_end = tok.idx + len(tok.text) - span.doc[lo].idx
                found = self._code_phrase(span.doc[lo:hi].text, head_end)
                if found.country or found.sector in ("IGO", "NGO"):
                    found.text = span.doc[lo:hi].text
                    found.rule = f"inner;{found.rule}"
                    return found
            kids = [c for c in tok.children if c.dep_ in _INNER_DEPS]
            stack.extend(sorted(kids, key=lambda t: t.i, reverse=True))
        return None

    def _note(self, actor: Actor) -> Actor:
        """Remember the named people resolved: the candidates for a later "he" or "she"."""
        if actor.name and actor.rule and ("person" in actor.rule or "petrarch2 countries" in actor.rule):
            self._seen_people.setdefault(actor.name.split()[-1].lower(), actor)
        return actor

    def _pronoun(self, span: Any) -> Actor:
        """A "he" or "she" with no antecedent in its own sentence (syntax.phrase found none): the
        one person the article has named before it, when there is exactly one; else unresolved.

        Candidates: people named in the parsed text before the pronoun (spaCy PERSON entities),
        people the article introduces with a title or appositive before the pronoun's sentence,
        and named people already resolved."""
        text = span if isinstance(span, str) else span.text
        candidates: dict[str, Any] = {k: v for k, v in self._seen_people.items()}
        if not isinstance(span, str):
            where = self._text.find(span.sent.text) if self._text else -1
            where = len(self._text) if where < 0 else where
            for surname, at in self._people_at.items():
                person = self._people.get(surname)
                if 0 <= at < where and person is not None and person.name:
                    candidates.setdefault(surname, person.name)
            for ent in span.doc.ents:
                if ent.label_ == "PERSON" and ent.end <= span.start:
                    candidates.setdefault(ent.text.split()[-1].lower().removesuffix("'s"), ent.text)
        if len(candidates) != 1:
            rule = "pronoun:ambiguous" if candidates else "pronoun:no antecedent"
            return Actor(text=text.strip(), rule=rule)
        found = next(iter(candidates.values()))
        person = found if isinstance(found, Actor) else self.resolve_text(found)
        return Actor(text=text.strip(), name=person.name or found, country=person.country,
                     sector=person.sector, rule=f"pronoun:{person.name or found};{person.rule}")

    def _code_phrase(self, text: str, head_end: int | None, use_people: bool = True,
                     use_context: bool = True, locative: str | None = None) -> Actor:
        toks = _tokens(text)
        while toks and toks[0][0].lower() in _LEADING_SKIP:
            toks = toks[1:]
        words = [w for w, _, _ in toks]
        actor = Actor(text=text.strip())
        if not words:
            return actor
        matches, loose = _match_all(words)
        head = self._head_size(words, toks, matches, head_end)
        found = self._person(words, loose, [m for m in matches if m.entry.kind == "role"]) if use_people else None
        person, person_at, person_end = found if found is not None else (None, len(words), len(words))
        if person is not None and person.rule.startswith("petrarch2") and person_end - person_at > 1:
            # A dictionary name's own words code nothing apart: "World Uyghur Congress" is an NGO,
            # not the US Congress; "the Central Bank of Nigeria" is not Nigeria's government.
            matches = [m for m in matches if m.end <= person_at or m.start >= person_end]
        in_head = [m for m in matches if m.start < head]
        notes: list[str] = []

        org = next((m.entry for m in in_head if m.entry.kind == "org"), None)
        places = [m for m in matches if m.entry.kind != "org" and m.entry.kind != "role" and m.entry.country]
        roles = [m for m in matches if m.entry.kind == "role"]
        head_roles = [m for m in roles if m.start < head]
        head_places = [m for m in places if m.start < head]

        named_head = person is not None and person_at < head and bool(
            person.country or person.sector in ("IGO", "NGO"))
        if org is None and not head_roles and not head_places and person is None:
            org = next((m.entry for m in matches if m.entry.kind == "org"), None)
        if org is None and head_roles and not head_places and not named_head:
            org = _of_organisation(words, head, matches)   # "officials of the World Health Organization"
        if org is None and person is None:
            # a short form the article defined ("BLA" after "the Baloch Liberation Army, or BLA")
            org = next((self._short_forms[words[i]] for i in loose if i < head and words[i] in self._short_forms), None)

        if org is not None:
            actor.name, actor.country, actor.sector = org.name, org.country, org.sector
            notes.append(f"org:{org.surface}")
            if org.country is None and org.sector in ("IGO", "NGO"):
                actor.rule = ";".join(notes)
                return actor
        # "ethnic Albanians" are not Albania's: an ethnic demonym names people, not a state.
        ethnic = {m.start for m in places if m.entry.kind == "demonym" and m.start > 0
                  and words[m.start - 1].lower() == "ethnic"}
        state_places = [m for m in places if m.start not in ethnic]
        head_state = [m for m in head_places if m.start not in ethnic]
        # A known person heading the phrase outranks places in its trailing words ("Kofi Annan,
        # UN secretary-general"; "Putin's visit to France"): those describe, they do not code.
        # "Turkey's rival Greece", "the U.S. ally Israel": the head's own name codes the phrase, a
        # possessor or modifier before it only describes it
        own = [m for m in head_state if m.end == head and m.entry.kind in ("country", "capital")]
        head_state = own + [m for m in head_state if m not in own]
        place = (head_state or ([] if named_head else state_places) or [None])[0]
        if place is not None and place.entry.plural:
            # "the Albanians of southern Serbia": a people is coded by where it lives when told
            home = [m for m in places if m.start >= place.end and m.entry.kind != "demonym"
                    and {"of", "in"} & {w.lower() for w in words[max(0, m.start - 2):m.start]}]
            place = home[0] if home else place
        if place is not None and actor.country is None:
            actor.country, actor.name = place.entry.country, actor.name or place.entry.name
            notes.append(f"{_KIND_RULE[place.entry.kind]}:{place.entry.surface}")
        role = _pick_role(head_roles, [] if named_head else roles)
        if role is not None and actor.sector is None:
            actor.sector = role.entry.sector
            notes.append(f"role:{role.entry.surface}")
        if role is None and actor.sector is None and org is None and person is None:
            agent = _head_agent(words[:head])
            if agent is not None:      # "tactical units", "a prosecuting attorney"
                actor.sector = agent.sector
                notes.append(f"petrarch2 agent:{agent.phrase} [{agent.code}]")
        if actor.sector is None and org is None and (ethnic or any(
                m.entry.plural for m in head_places or places)):
            actor.sector = "CVL"   # "Palestinians", "ethnic Albanians": the people themselves
            notes.append("people")
        if person is not None:
            actor.name = person.name or actor.name
            actor.country = actor.country or person.country
            actor.sector = actor.sector or person.sector
            notes.append(person.rule)
        locative_word = words[0].lower() in ("in", "at", "near", "inside", "outside")
        if (actor.sector is None and place is not None and place.entry.sector and not locative_word
                and len(words) <= place.end + 1):
            actor.sector = place.entry.sector   # a capital or seat standing alone: its government
        if (actor.sector is None and org is None and person is None and place is not None and not locative_word
                and place.entry.kind == "country" and place.start == 0 and place.end == len(words)):
            # A state named alone acts through its government ("Ukraine is committed", "sanctions
            # on Iran"): the coding guide's state actor, coded GOV as the VOA gold codes it.
            actor.sector = "GOV"
            notes.append(STATE_NOTE)
        domestic = (role is not None and role.entry.domestic) or (role is None and bool(ethnic))
        if any(w.lower() in _international_words() for w in words[:head]):
            domestic = False    # "international media rights organizations" belong to no one state
        # A person the article titles but no list places ("President Dos Santos" in a story about
        # Angola) is coded like an unnamed holder of the title; a listed person keeps their own.
        unnamed = person is None or not person.name or person.country is None
        if actor.country is None and org is None and domestic and locative and unnamed:
            # "security forces in Guinea": the place they act in. The country is a field of its
            # own; an unnamed group is not named after it ("Gunmen" stay "Gunmen", not "Somalia")
            actor.country = locative
            notes.append(f"locative:{locative}")
        if (actor.country is None and org is None and domestic
                and use_context and self.context_country and unnamed):
            actor.country = self.context_country        # as above: the country, not a name
            notes.append(f"context:{self.context_country}")
        grouping = _grouping_of_states(words[head - 1]) if head else False
        if (grouping and org is None and person is None and place is not None
                and place.entry.kind == "demonym" and actor.country == place.entry.country):
            # "a Russian-led alliance", "the Saudi-led coalition": the adjective says who leads
            # an international body; the body is not that state.
            actor.country, actor.name, actor.sector = None, None, "IGO"
            notes.append(f"grouping of states:{words[head - 1].lower()}")
        if (org is None and person is None and role is not None and role in head_roles
                and actor.name is not None and actor.name == _lexicon().countries.get(actor.country or "")):
            # "Somali gunmen", "Kremlin spokesman": holders of a role, not the state that a word
            # before them names; the country stays a field of its own
            actor.name = None
        actor.rule = ";".join(notes) or None
        return actor

    def _head_size(self, words: list[str], toks: list[tuple[str, int, bool]], matches: list[_Match],
                   head_end: int | None) -> int:
        """How many leading tokens form the phrase's head."""
        if head_end is not None:
            n = sum(1 for _, off, _ in toks if off < head_end)
            return n or len(words)
        covered = {i for m in matches for i in range(m.start, m.end)}
        for i, w in enumerate(words):
            if i > 0 and i not in covered and w.lower() in _CUT_WORDS:
                return i
        return len(words)

    def _person(self, words: list[str], loose: list[int],
                roles: list[_Match]) -> tuple[_Person, int, int] | None:
        """A person the phrase names, and where (first word, end): learned from the article, well
        known (people.tsv), a Phoenix dictionary entry, or capitalised words right after a title."""
        caps = [i for i in loose if words[i][:1].isupper()]
        known = _find_known(words)
        listed = _find_listed(words, self._day, frozenset(caps))
        if listed is not None and not any(listed.start <= i < listed.end for i in caps):
            listed = None       # only lexicon words (a country, a role): the lexicon codes them
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                if all(j in caps for j in range(i, i + size)):
                    found = self._people.get(" ".join(words[i:i + size]).lower())
                    if found is not None and found.name:
                        rule = found.rule + ":known"
                        if (listed is not None and not found.country and listed.country
                                and found.sector not in ("IGO", "NGO")
                                and (known is None or known[1].country == listed.country)):
                            # a title gave the office; the dictionary knows whose it is
                            return _Person(found.name, listed.country, found.sector or listed.sector,
                                           f"{rule};{_listed_rule(listed)}"), i, i + size
                        if known is not None and not found.country and _same_person(found, known[1]):
                            # a title gave the office; the people list knows whose it is
                            kp = known[1]
                            return _Person(found.name, kp.country, found.sector or kp.sector,
                                           rule + ";person:list"), i, i + size
                        return _Person(found.name, found.country, found.sector, rule), i, i + size
        if listed is not None and known is not None and (
                listed.country != known[1].country or self._day is None):
            # The people list, by full name or its own alias, knows better; and with no date to
            # read a dictionary role on, the list's defining role beats the file's default.
            listed = None
        if listed is not None and listed.code is not None:
            return _Person(_listed_name(listed), listed.country, listed.sector,
                           _listed_rule(listed)), listed.start, listed.end
        if known is not None:
            i, kp = known
            return _Person(kp.name, kp.country, kp.sector, "person:list"), i, i + 1
        if listed is not None:      # no code held on the day: a former office, the country stays
            return _Person(_listed_name(listed), listed.country, None, _listed_rule(listed)), listed.start, listed.end
        title = next((r for r in roles if r.entry.title), None)
        if title is not None and caps:
            after = [i for i in caps if i >= title.end]
            if after and after[0] == title.end:
                run = [after[0]]
                for i in after[1:]:
                    if i == run[-1] + 1:
                        run.append(i)
                return _Person(" ".join(words[i] for i in run), None, None, "person:title"), run[0], run[-1] + 1
        return None


def _initials_start(words: list[str], short: str) -> int | None:
    """Where a name starts whose words' initials spell ``short`` (small words such as "of" and
    "and" may be skipped or count): "Baloch Liberation Army" for BLA; None when none does."""
    letters = short.lower()
    for start in range(len(words)):
        if not words[start][:1].isupper() or words[start][:1].lower() != letters[0]:
            continue
        k = 0
        for w in words[start:]:
            if k < len(letters) and w[:1].lower() == letters[k]:
                k += 1
            elif w[:1].isupper():
                break       # a capitalised word the short form skips: not its name
        if k == len(letters):
            return start
    return None


def _names_itself(actor: Actor) -> bool:
    """Whether a coded phrase has a name of its own (an organisation or a listed group), not only
    its country's."""
    return bool(actor.name) and actor.name != _lexicon().countries.get(actor.country or "")


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two coded phrases name one actor: the same name, or the same words when neither
    is named ("the Taliban" and "Taliban", "U.S." twice). Two parties of one country with
    different sectors ("Iraqi forces", "Iraqi militias") stay two, and so do two unnamed groups
    whose name is only their country's ("militants" fighting "rival militants")."""
    if _own_name(a) and _own_name(b):
        return a.name.lower() == b.name.lower() and a.sector == b.sector
    words_a, words_b = _content_words(a.text), _content_words(b.text)
    return bool(words_a) and words_a == words_b


def _own_name(actor: Actor) -> bool:
    """Whether an actor's name is its own (a person, an organisation, a state named alone or by
    its capital), not only the country an unnamed group was placed in."""
    if not actor.name:
        return False
    notes = (actor.rule or "").split(";")
    return (actor.name != _lexicon().countries.get(actor.country or "") or STATE_NOTE in notes
            or any(n.startswith("metonym:") for n in notes))


def _content_words(text: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w, _, _ in _tokens(text or "") if w.lower() not in _LEADING_SKIP
                     and w.lower() not in ("'s", "’s"))


def _of_organisation(words: list[str], head: int, matches: list[_Match]) -> _Entry | None:
    """The organisation a role head belongs to when its "of" phrase names one right away
    ("troops of the African Union", "officials of the WHO"): the holders are that body's."""
    if head >= len(words) or words[head].lower() != "of":
        return None
    at = head + 1 + (head + 1 < len(words) and words[head + 1].lower() == "the")
    return next((m.entry for m in matches if m.start == at and m.entry.kind == "org"), None)


def _day_number(when: str | date | None) -> int | None:
    """2015-03-02 (a date or its ISO text) -> 20150302; None when absent or unreadable."""
    text = when.isoformat() if isinstance(when, date) else (when or "")
    digits = text[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdecimal() else None


def _names_a_state(text: str) -> bool:
    """Whether a place phrase is a country's name and nothing more ("Syria", "the United States"),
    not a place inside one ("Yangon", "Pakistan's Balochistan province")."""
    words = [w for w, _, _ in _tokens(text)]
    while words and words[0].lower() in _LEADING_SKIP:
        words = words[1:]
    matches, _ = _match_all(words)
    return len(matches) == 1 and matches[0].entry.kind == "country" and (matches[0].start, matches[0].end) == (0, len(words))


def _is_thing(root: Any) -> bool:
    """Whether a phrase's head names a thing, not an actor: a noun with no actor entity label
    (person, organisation, place, nationality) that no actor lexicon knows as a role or group
    noun (roles.tsv, the Phoenix agents, person nouns counted as people)."""
    if root.pos_ not in ("NOUN", "PROPN") or root.ent_type_ in ACTOR_ENTS:
        return False
    if _acronym(root.text):
        return False                # "IS", "BLA": an abbreviated name the recogniser did not tag
    if root.pos_ == "PROPN" and root.ent_type_ == "":
        # an unknown name: perhaps someone, not a thing; a designation with a digit ("the
        # S-400s", "F-35s") names a model of a machine (names with digits, G7, are listed orgs)
        return any(ch.isdigit() for ch in root.text) and not _actor_noun(root.lower_)
    return not _actor_noun(root.lemma_.lower()) and not _actor_noun(root.lower_)


def _is_place_noun(root: Any) -> bool:
    """Whether a phrase's head is a common noun of a place ("villages", "the border"), not the
    name of a group or an organisation (actor_place_nouns.txt)."""
    return root.pos_ == "NOUN" and root.ent_type_ not in ACTOR_ENTS and root.lemma_.lower() in place_nouns()


def _event_noun(root: Any) -> bool:
    """Whether a phrase's head is a noun the trigger lexicon codes as an event done to someone
    ("arrest", "deportation", "killing", "release") and no role, organisation or Phoenix agent
    names a group by it (a count noun such as "arrests" counts people, but the arrest is still
    an event). Its "of" phrase is then the one it is done to; the "of" phrase of other event
    nouns may be who acts ("the withdrawal of troops", "talks between X and Y") and is kept."""
    lemma = root.lemma_.lower()
    rows = trigger_lexicon().entries.get((lemma, "N"), ()) if root.pos_ == "NOUN" else ()
    if root.ent_type_ in ACTOR_ENTS or not any(r.type in _DONE_TO_TYPES for r in rows):
        return False
    n, entries = _lexicon().lookup([lemma], 0)
    if n and any(e.kind in ("role", "org") for e in entries):
        return False
    keys = key_words(lemma)
    n, entries = agent_dictionary().match(keys, 0) if keys else (0, [])
    return not (n == len(keys) and any(e.sector for e in entries))


def _acronym(word: str) -> bool:
    """An all-capital word of two letters or more ("IS", "BLA", "MINUSCA"): a name, not a noun."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and word.isalpha()


@lru_cache(maxsize=8192)
def _actor_noun(word: str) -> bool:
    if not word:
        return False
    if word in _person_nouns() or word in people_nouns():
        return True     # the coder's nouns of people: "the three nations", "owners of food stalls"
    n, entries = _lexicon().lookup([word], 0)
    if n and any(e.kind in ("role", "org", "demonym", "country", "capital", "seat") for e in entries):
        return True
    keys = key_words(word)
    if not keys:
        return False
    # A Phoenix agent without one of our sectors ("HOSPITAL" HLH, a place) names no actor.
    n, entries = agent_dictionary().match(keys, 0)
    return n == len(keys) and any(e.sector for e in entries)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("count_person_nouns.tsv"))


def _listed_rule(listed: _Listed) -> str:
    """How `explain` names the dictionary entry: "petrarch2 actors: ANGELA MERKEL [DEUGOV 20051122-]"."""
    return f"petrarch2 {listed.entry.source.lower()} actors: {listed.entry.label(listed.code)}"


def _listed_name(listed: _Listed) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w
                    for w in listed.entry.name.replace("_", " ").split())


def _same_person(learned: _Person, known: _Person) -> bool:
    """Whether a name learned from the article and a listed one share their last word."""
    a, b = learned.name.lower().split(), known.name.lower().split()
    return not a or not b or a[-1] in b or (len(a[-1]) >= 6 and _one_edit(a[-1], b[-1]))


def _named_organisations(matches: list[_Match]) -> list[_Entry]:
    """The organisations an article names, each once, in order of first mention."""
    seen: dict[str | None, _Entry] = {}
    for mt in matches:
        if mt.entry.kind == "org" and mt.entry.name not in seen:
            seen[mt.entry.name] = mt.entry
    return list(seen.values())


def _grouping_of_states(noun: str) -> bool:
    """Whether a head noun names a grouping of states (org_descriptions.tsv of_states)."""
    low = noun.lower()
    return low in _groupings() or (low.endswith("s") and low[:-1] in _groupings())


@lru_cache(maxsize=1)
def _international_words() -> frozenset[str]:
    """Modifiers of a body beyond any one state (actor_scope_international.txt)."""
    return frozenset(load_lines("actor_scope_international.txt"))


@lru_cache(maxsize=1)
def _groupings() -> frozenset[str]:
    return frozenset(r["noun"] for r in load_tsv("org_descriptions.tsv") if r.get("of_states") == "1")


@lru_cache(maxsize=1)
def _org_descriptions() -> dict[str, frozenset[str]]:
    return {r["noun"]: frozenset(r["sectors"].split(";")) for r in load_tsv("org_descriptions.tsv")}


def _merge(outer: Actor, inner: Actor, named: str) -> Actor:
    """A head noun's coding completed by its named appositive's, which gives the name."""
    rule = ";".join(r for r in (outer.rule, inner.rule and f"appos:{inner.rule}") if r) or None
    # A state in apposition is the referent itself ("another key Egyptian ally, France"): the
    # head's modifiers describe whose ally it is, the state is whose the phrase is.
    state = STATE_NOTE in (inner.rule or "").split(";") and inner.country
    return Actor(text=outer.text, name=named, country=inner.country if state else outer.country or inner.country,
                 sector=outer.sector or inner.sector, rule=rule)


# Prepositions that tie a thing to an actor, most telling first ("violations by", "ties with").
_ATTACHED_PREPS = ("by", "from", "against", "with", "to", "toward", "towards", "on", "over", "in",
                   "into", "at", "inside", "near", "for")
# Dependents searched, in word order, for an actor inside a thing's phrase.
_INNER_DEPS = frozenset({"prep", "pobj", "pcomp", "dobj", "conj", "compound", "amod", "poss"})
# Prepositions of a verb or clause that tie its thing to an actor or a place ("refuge in Germany").
_HOLDER_PREPS = ("by", "from", "to", "with", "against", "toward", "towards", "in", "into", "inside")
# Prepositions that tie a place to the state it lies in ("a village in western Cambodia").
_LOCATIVE_ORDER = ("in", "inside", "near")
# Prepositions that place an unnamed group: "security forces in Guinea", "police across Kenya".
_LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout"})
# Prepositions whose object is where something is or goes ("in Yangon", "at the border").
_PLACE_PREPS = _LOCATIVE_PREPS | {"at", "into", "near"}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# PLOVER types whose event noun takes the one it is done to in its "of" phrase ("the arrest of",
# "the killing of", "the expulsion of", "the release of").
_DONE_TO_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "CONCEDE"})
# Heads that name no one unless the lexicon codes the words: verbs, adjectives, adverbs.
_NOT_NOMINAL = frozenset({"VERB", "AUX", "ADJ", "ADV"})
# First words that make "Name, ..." a clause, not an appositive: auxiliaries, relatives, speech verbs.
_NOT_DESCRIPTION = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
                              "would", "can", "could", "may", "might", "must", "should", "did", "does",
                              "do", "who", "whose", "which", "that", "said", "says", "told", "added"})
# Pronouns kept when unresolved: "He said" names one person, whom the coding guide writes as the
# actor's verbatim phrase; an object or possessive pronoun, "they" or "it" may mean any party.
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
# The rule of a place phrase coded as the state it names ("Iraqi towns").
_PLACE_OF = "place of a state"


def _noun_phrase(tok: Any) -> tuple[int, int]:
    """Token range of a noun with its modifiers, without relative or participial clauses."""
    keep = [tok]
    stack = [tok]
    while stack:
        for c in stack.pop().children:
            if c.dep_ not in ("relcl", "acl", "advcl", "punct", "appos", "prep") or (
                    c.dep_ == "prep" and c.lower_ == "of"):
                keep.append(c)
                stack.append(c)
    return min(t.i for t in keep), max(t.i for t in keep) + 1


def _locative(root: Any, span: Any) -> str | None:
    """The country of a place the sentence puts the actor in, when it lies outside the span."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE_PREPS or span.start <= prep.i < span.end:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = [w for w, _, _ in _tokens(" ".join(t.text for t in obj.subtree))]
            matches, _ = _match_all(words)
            for m in matches:
                if m.entry.kind in ("country", "capital", "region", "seat") and m.entry.country:
                    return m.entry.country
    return None


def _head_agent(head: list[str]) -> Any:
    """The Phoenix agent the head's last words name ("ARMY_UNIT", "PROSECUTING_ATTORNEY"), the
    longest first; None when no agent phrase ends on the head noun."""
    keys = key_words(" ".join(head))
    for j in range(len(keys)):
        n, entries = agent_dictionary().match(keys, j)
        if n and j + n == len(keys) and entries[0].sector:
            return entries[0]
    return None


def _pick_role(head_roles: list[_Match], roles: list[_Match]) -> _Match | None:
    """The role that gives the sector: the head's last, or a group noun for a holder ("rebel leader")."""
    pool = head_roles or roles
    if not pool:
        return None
    role = pool[-1]
    if role.entry.inherits:
        before = [m for m in head_roles if m.end <= role.start and not m.entry.inherits]
        after = [m for m in roles if m.start >= role.end and not m.entry.inherits]
        if before:
            return before[-1]
        if after:
            return after[0]
    return role


_KIND_RULE = {"country": "country", "demonym": "demonym", "capital": "metonym", "seat": "metonym",
              "region": "region"}


def resolve_actors(text: str, phrases: Iterable[str]) -> list[Actor]:
    """Convenience: code several actor phrases of one article."""
    resolver = ActorResolver(text)
    return [resolver.resolve_text(p) for p in phrases]
