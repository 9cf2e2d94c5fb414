"""Readable names of the projects of ``data/events.csv`` for charts and tables.

A project's name comes from the themes' own name tables (North Korea, ASEAN); any other project
id is turned into words, spelt as the events' own titles and descriptions spell them (so
"power-of-siberia-2" reads "Power of Siberia 2"). Nothing is added that the data do not hold.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .charts_north_korea import PROJECT_NAMES as NORTH_KOREA_NAMES
from .claims.asean import SHORT_NAMES as ASEAN_NAMES

#: The themes' name tables, in the order they are read.
NAMES = {**NORTH_KOREA_NAMES, **ASEAN_NAMES}
_WORD = re.compile(r"[A-Za-z0-9]+")


def spellings(events: pd.DataFrame, entities: pd.DataFrame | None = None) -> dict[str, str]:
    """How the data spell each word (lower case -> written form): entity codes in capitals, then the
    most frequent form of the word inside a sentence (not its first word) of the events' titles
    and descriptions, then the words of the entities' names."""
    counts: Counter[str] = Counter()
    for prose in pd.concat([events["title"], events["description"]]).dropna():
        for sentence in re.split(r"(?<=[.;:!?])\s+", str(prose)):
            counts.update(_WORD.findall(sentence)[1:])
    found: dict[str, str] = {}
    for word, _ in counts.most_common():  # most frequent form first
        found.setdefault(word.lower(), word)
    if entities is not None:
        for name in entities["name"].dropna():
            for word in _WORD.findall(str(name)):
                found.setdefault(word.lower(), word)
        found.update({str(code).lower(): str(code) for code in entities["code"] if _WORD.fullmatch(str(code))})
    return found


def _spell(word: str, spelt: dict[str, str]) -> str:
    """A word as the data spell it; a short word they never write is taken for an abbreviation."""
    if word.lower() in spelt:
        return spelt[word.lower()]
    return word.upper() if word.isalpha() and len(word) <= 4 else word


def readable(project: str, titles=(), spelt: dict[str, str] | None = None) -> str:
    """A project id in words: its words as one of the project's event ``titles`` writes them together
    (hyphens kept), else each word as ``spelt`` (:func:`spellings`) writes it (a word of up to four
    letters it lacks in capitals, as an abbreviation); first letter capital.

    >>> readable("power-of-siberia-2", ["Gazprom ships gas via Power of Siberia 2"])
    'Power of Siberia 2'
    >>> readable("eaeu-iran-fta", [], {"eaeu": "EAEU", "iran": "Iran"})
    'EAEU Iran FTA'
    """
    words = project.split("-")
    together = re.compile(r"\b" + r"[\s-]+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    for title in titles:
        match = together.search(str(title))
        if match:
            name = match.group(0)
            break
    else:
        name = " ".join(_spell(word, spelt or {}) for word in words)
    return name[:1].upper() + name[1:]


def project_names(events: pd.DataFrame, entities: pd.DataFrame | None = None) -> dict[str, str]:
    """Every project of ``events`` (project id -> readable name): :data:`NAMES` first, then
    :func:`readable` from the project's own event titles and the data's spellings."""
    spelt = spellings(events, entities)
    titles = events.groupby("project")["title"].agg(list)
    return {project: NAMES.get(project) or readable(project, titles[project], spelt) for project in titles.index}
