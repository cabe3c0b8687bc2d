"""Parse a researcher's search query into a small AST; no SQL here.

Syntax: words (all must match), "quoted phrases", `OR` between alternatives, `-word` or
`-"phrase"` to exclude, `word*` for a prefix. Words are split the way the full-text index splits
text (runs of letters and digits), so `o'neil` is the phrase "o neil". A word holding Chinese,
Japanese or Korean characters is a substring term (`Cjk`), matched anywhere inside the text.

Parsing is ours rather than the database's so that user text never reaches FTS5 MATCH or
to_tsquery unchecked: every malformed query becomes a `QueryError` with a one-line message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from store.cjk import has_cjk
from store.script import fold

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64


class QueryError(ValueError):
    """A malformed search query; `str(error)` is a one-line message fit to show the user."""


@dataclass(frozen=True)
class Phrase:
    """One word (a phrase of one token) or a quoted phrase; `prefix` marks a trailing `*`.

    `tokens` are what FTS5 and the highlighter use; `raw` is the text as typed, for
    PostgreSQL's own parser (it is only ever passed as a bound parameter).
    """

    tokens: tuple[str, ...]
    raw: str
    prefix: bool = False


@dataclass(frozen=True)
class Cjk:
    """A CJK substring, found anywhere in the text (CJK text has no spaces between words)."""

    text: str


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Phrase | Cjk | And | Or | Not

_TOKEN = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Lexer: a quoted phrase (possibly unclosed), or a bare run of anything but space and quote.
_LEX = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)(?P<close>"?)(?P<star>\*?)|(?P<bare>[^\s"]+)')


def tokens_of(text: str) -> list[str]:
    """Lower-cased letter/digit runs: the same split FTS5's unicode61 tokenizer makes."""
    return [t.lower() for t in _TOKEN.findall(text)]


def parse(query: str) -> Node | None:
    """The query's AST, or None for an empty query (filters only); QueryError if malformed."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query is too long ({len(query)} characters; the limit is {MAX_QUERY_CHARS})"
        )
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", query)).strip()
    if not text:
        return None
    items = _lex(text)
    node = _parse_or(items)
    if _count_leaves(node) > MAX_TERMS:
        raise QueryError(f"query has too many terms (the limit is {MAX_TERMS})")
    return _without_repeats(node)


def _without_repeats(node: Node) -> Node:
    """`a a` is `a`, `a OR a` is `a`: a repeated term changes nothing that matches, but the
    index tracks it once per repetition (`t* t* t*`: three matches at every word starting
    with t, which ranking and snippets then walk)."""
    if isinstance(node, Not):
        return Not(_without_repeats(node.child))
    if isinstance(node, And | Or):
        children = tuple(dict.fromkeys(_without_repeats(c) for c in node.children))
        return children[0] if len(children) == 1 else type(node)(children)
    return node


# Lexed items: ("OR", None) or ("TERM", (negated, node)).
_Item = tuple[str, "tuple[bool, Node] | None"]


def _lex(text: str) -> list[_Item]:
    items: list[_Item] = []
    for m in _LEX.finditer(text):
        if m.group("phrase") is not None:
            if not m.group("close"):
                raise QueryError('unbalanced quote: close the phrase with a second "')
            node = _phrase(m.group("phrase"), prefix=bool(m.group("star")))
            if node is None:
                raise QueryError(f'the phrase "{m.group("phrase")}" has no words to search for')
            items.append(("TERM", (bool(m.group("neg")), node)))
            continue
        bare = m.group("bare")
        if bare == "OR":
            items.append(("OR", None))
            continue
        negated = bare.startswith("-")
        word = bare.lstrip("-")
        prefix = word.endswith("*")
        word = word.rstrip("*")
        node = _phrase(word, prefix=prefix)
        if node is None:
            if bare == "-":
                raise QueryError("'-' must be followed by a word or phrase to exclude")
            if bare in ("*", "-*"):
                raise QueryError("'*' must follow the start of a word, as in xiao*")
            continue  # punctuation only ("--", ";"): ignored, like the index ignores it
        items.append(("TERM", (negated, node)))
    if not items:
        raise QueryError("the query has no words to search for")
    return items


def _phrase(text: str, *, prefix: bool) -> Node | None:
    """A word or phrase as a node: CJK parts become substring terms, the rest a phrase."""
    parts = tokens_of(text)
    if not parts:
        return None
    if not any(has_cjk(p) for p in parts):
        # raw keeps the text as typed: PostgreSQL parses it as it parsed the documents
        # ("HK$1.2" is the token 1.2 there, the tokens 1 and 2 in FTS5).
        return Phrase(tuple(parts), raw=" ".join(text.split()), prefix=prefix)
    nodes: list[Node] = []
    latin: list[str] = []
    for part in parts:
        if has_cjk(part):
            if latin:
                nodes.append(Phrase(tuple(latin), raw=" ".join(latin)))
                latin = []
            nodes.append(Cjk(fold(part)))  # the index holds folded runs (store.cjk)
        else:
            latin.append(part)
    if latin:
        nodes.append(Phrase(tuple(latin), raw=" ".join(latin), prefix=prefix))
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def _parse_or(items: list[_Item]) -> Node:
    groups: list[list[tuple[bool, Node]]] = [[]]
    for kind, value in items:
        if kind == "OR":
            if not groups[-1]:
                raise QueryError("OR needs a word or phrase on each side")
            groups.append([])
        else:
            assert value is not None
            groups[-1].append(value)
    if not groups[-1]:
        raise QueryError("OR needs a word or phrase on each side")
    alternatives = [_and(group) for group in groups]
    return alternatives[0] if len(alternatives) == 1 else Or(tuple(alternatives))


def _and(group: list[tuple[bool, Node]]) -> Node:
    positives = [node for negated, node in group if not negated]
    negatives = [Not(node) for negated, node in group if negated]
    if not positives:
        raise QueryError("a query cannot only exclude: add a word to search for before the -")
    children = tuple(positives + negatives)
    return children[0] if len(children) == 1 else And(children)


def _count_leaves(node: Node) -> int:
    if isinstance(node, Phrase | Cjk):
        return 1
    if isinstance(node, Not):
        return _count_leaves(node.child)
    return sum(_count_leaves(c) for c in node.children)


def positive_terms(node: Node | None) -> list[Node]:
    """Leaves that are not excluded: what a snippet should highlight."""
    if node is None:
        return []
    if isinstance(node, Phrase | Cjk):
        return [node]
    if isinstance(node, Not):
        return []
    return [leaf for child in node.children for leaf in positive_terms(child)]
