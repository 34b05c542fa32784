#!/usr/bin/env python3
"""Structured data of a built paperpress site, read as a search engine reads it.

    python3 .ci/json-ld.py OUTPUT_DIR

Every paper page (papers/*/index.html) must carry exactly one
<script type="application/ld+json"> that parses as JSON, with "@context"
"https://schema.org", "@type" "ScholarlyArticle", a "headline", and only absolute
http(s) URLs (its "url", its authors' and its "sameAs"); no other page may carry
any. The HTML is read with Python's own html.parser. Prints a line per problem and
a summary; exits 1 if anything is wrong.
"""

import json
import sys
from html.parser import HTMLParser
from pathlib import Path


class JsonLd(HTMLParser):
    """Collects the text of each JSON-LD script element of a page."""

    def __init__(self):
        super().__init__()
        self.blocks = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def absolute(url):
    return isinstance(url, str) and (url.startswith("https://") or url.startswith("http://"))


def problems_of(article):
    if not isinstance(article, dict):
        return ["is not a JSON object"]
    found = []
    if article.get("@context") != "https://schema.org":
        found.append(f'"@context" is {article.get("@context")!r}')
    if article.get("@type") != "ScholarlyArticle":
        found.append(f'"@type" is {article.get("@type")!r}, expected "ScholarlyArticle"')
    if not isinstance(article.get("headline"), str) or not article["headline"]:
        found.append('no "headline"')
    urls = [article.get("url")]
    urls += [a.get("url") for a in article.get("author", []) if isinstance(a, dict)]
    urls += article.get("sameAs", [])
    found += [f"URL {u!r} is not absolute" for u in urls if not absolute(u)]
    return found


def main():
    if len(sys.argv) != 2:
        print("usage: python3 .ci/json-ld.py OUTPUT_DIR", file=sys.stderr)
        return 2
    root = Path(sys.argv[1])
    failures = []
    papers = 0
    for page in sorted(root.rglob("*.html")):
        rel = page.relative_to(root).as_posix()
        html = page.read_text(encoding="utf-8")
        parser = JsonLd()
        parser.feed(html)
        # A redirect (a refresh page) at an old address of a paper shows no paper.
        is_paper = (
            rel.startswith("papers/")
            and rel.endswith("/index.html")
            and 'http-equiv="refresh"' not in html
        )
        if not is_paper:
            if parser.blocks:
                failures.append(f"{rel}: JSON-LD on a page that is not a paper's")
            continue
        papers += 1
        if len(parser.blocks) != 1:
            failures.append(f"{rel}: {len(parser.blocks)} JSON-LD blocks, expected 1")
            continue
        try:
            article = json.loads(parser.blocks[0])
        except json.JSONDecodeError as e:
            failures.append(f"{rel}: JSON-LD does not parse: {e}")
            continue
        failures += [f"{rel}: {p}" for p in problems_of(article)]
    for f in failures:
        print(f)
    if papers == 0:
        print(f"json-ld: no paper pages under {root}", file=sys.stderr)
        return 1
    print(f"json-ld: {papers} paper pages, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
