"""Read a ratings file (MovieLens ``u.data`` or ``ratings.csv``) and cut the lesson's crosstab.

Formats are detected from the first non-empty line: ``u.data`` is tab-separated
``user item rating timestamp`` with no header; ``ratings.csv`` has the header
``userId,movieId,rating,...``. Every problem raises :class:`SheetsolverError`
naming the file and line, so ``build`` fails before writing anything.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import SheetsolverError


@dataclass
class Crosstab:
    """The most active users x most rated movies; ``ratings[i, j]`` is NaN where unrated."""
    users: list[int]
    movies: list[int]
    ratings: np.ndarray
    source: str
    n_ratings_total: int

    def observed(self) -> list[tuple[int, int, float]]:
        """(user id, movie id, rating) of every rated cell, users then movies ascending."""
        return [(u, m, float(self.ratings[i, j])) for i, u in enumerate(self.users)
                for j, m in enumerate(self.movies) if not math.isnan(self.ratings[i, j])]


def _detect(first: str, path: str) -> tuple[str, int, int, int]:
    """(separator, user column, movie column, rating column); raises for unknown formats."""
    if "\t" in first:
        return "\t", 0, 1, 2
    if "," in first:
        head = [h.strip().strip('"') for h in first.split(",")]
        low = [h.lower() for h in head]
        if "userid" in low and "movieid" in low and "rating" in low:
            return ",", low.index("userid"), low.index("movieid"), low.index("rating")
        raise SheetsolverError("CSV ratings need a header with userId, movieId and rating "
                               f"(found {first.strip()[:60]!r})", file=path, cell="line 1")
    raise SheetsolverError("unrecognised ratings format: expected MovieLens u.data (tab-separated "
                           "user item rating timestamp) or ratings.csv (header userId,movieId,rating)",
                           file=path, cell="line 1")


def read_ratings(path) -> tuple[list[tuple[int, int, float]], str]:
    """All (user, movie, rating) triples of the file and the detected format name."""
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SheetsolverError("ratings file not found", file=path) from None
    except (OSError, UnicodeDecodeError) as e:
        raise SheetsolverError(f"cannot read ratings file: {e}", file=path) from None
    lines = text.splitlines()
    first_i = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first_i is None:
        raise SheetsolverError("ratings file is empty", file=path)
    sep, ui, mi, ri = _detect(lines[first_i], path)
    fmt = "u.data" if sep == "\t" else "ratings.csv"
    start = first_i + (1 if sep == "," else 0)
    out, seen = [], {}
    need = max(ui, mi, ri) + 1
    for n, ln in enumerate(lines[start:], start=start + 1):
        if not ln.strip():
            continue
        f = ln.split(sep)
        if len(f) < need:
            raise SheetsolverError(f"expected at least {need} fields, found {len(f)}: {ln.strip()[:60]!r}",
                                   file=path, cell=f"line {n}")
        try:
            u, m = int(f[ui]), int(f[mi])
        except ValueError:
            raise SheetsolverError(f"user and movie ids must be integers: {ln.strip()[:60]!r}",
                                   file=path, cell=f"line {n}") from None
        try:
            r = float(f[ri])
        except ValueError:
            r = math.nan
        if not math.isfinite(r):
            raise SheetsolverError(f"rating {f[ri].strip()!r} is not a number", file=path,
                                   cell=f"line {n}")
        if (u, m) in seen:
            raise SheetsolverError(f"user {u} rates movie {m} twice (first on line {seen[(u, m)]})",
                                   file=path, cell=f"line {n}")
        seen[(u, m)] = n
        out.append((u, m, r))
    if not out:
        raise SheetsolverError("ratings file has a header but no ratings", file=path)
    return out, fmt


def top_crosstab(path, n_users: int = 15, n_movies: int = 15) -> Crosstab:
    """The lesson's cut: the `n_users` users with most ratings and the `n_movies` most rated
    movies (ties broken by smaller id), crosstab sorted by id."""
    if n_users < 1 or n_movies < 1:
        raise SheetsolverError(f"need at least one user and one movie (asked {n_users} x {n_movies})")
    triples, _ = read_ratings(path)
    uc = Counter(u for u, _, _ in triples)
    mc = Counter(m for _, m, _ in triples)
    if len(uc) < n_users:
        raise SheetsolverError(f"only {len(uc)} users in the file, fewer than the {n_users} asked "
                               "(use --users)", file=str(path))
    if len(mc) < n_movies:
        raise SheetsolverError(f"only {len(mc)} movies in the file, fewer than the {n_movies} asked "
                               "(use --movies)", file=str(path))
    users = sorted(sorted(uc, key=lambda u: (-uc[u], u))[:n_users])
    movies = sorted(sorted(mc, key=lambda m: (-mc[m], m))[:n_movies])
    ui = {u: i for i, u in enumerate(users)}
    mi = {m: j for j, m in enumerate(movies)}
    grid = np.full((n_users, n_movies), np.nan)
    for u, m, r in triples:
        if u in ui and m in mi:
            grid[ui[u], mi[m]] = r
    if np.isnan(grid).all():
        raise SheetsolverError("the most active users rated none of the most rated movies",
                               file=str(path))
    return Crosstab(users, movies, grid, str(path), len(triples))
