"""Load a scenario file: read, merge `extends`, convert, check, and freeze, or report every problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from game.model import Problem, Scenario, ScenarioError
from game.safe_read import Refused, read_regular
from game.scenario import cache
from game.scenario.convert import BAD, IDENT, Converter, Loc, at, quote, replaced, suggest

if TYPE_CHECKING:
    from game.scenario.yamlread import YMap

# The YAML reader and the lint (with yaml, rapidfuzz and the letter reader they bring) are imported
# when a scenario is really read: a start that finds it in the cache never needs them.

_FORMAT = 1
MAX_BYTES = 2 << 20
"""A scenario file's largest size (the campaign is a quarter of a megabyte)."""
_CHILD_KEYS = {"extends", "redirect"}


def load(path: str | Path, *, check: bool = True) -> Scenario:
    """Load and check the scenario at `path`; raise `ScenarioError` listing every problem.

    With a cache installed (`cache.install`, done by the command line), a checked scenario whose
    files have not changed since it was last loaded comes from the cache."""
    path = Path(path)
    if not check or cache.installed() is None:
        return _load(path, check)
    known = cache.fetch(path)
    if known is not None:
        return known
    with cache.recording() as reads:
        scenario = _load(path, check)
    cache.keep(path, reads, scenario)
    return scenario


def _load(path: Path, check: bool) -> Scenario:
    problems: list[Problem] = []
    chain: list[Path] = []
    raw = _read_merged(path, problems, seen=(), chain=chain)
    if raw is None or problems and _fatal(problems):
        raise ScenarioError(sorted(set(problems)))
    scenario = _convert(raw, path, problems, tuple(str(p) for p in chain))
    if scenario is not None and raw.file != str(path):  # built on another scenario
        scenario = _pruned(scenario)
    if scenario is not None and check:
        from game.scenario.lint import lint

        problems.extend(lint(scenario))
    if problems:
        raise ScenarioError(sorted(set(problems)))
    assert scenario is not None
    return scenario


def problems_in(path: str | Path) -> list[Problem]:
    """Every problem in the scenario at `path` (empty when it is sound)."""
    try:
        load(path)
    except ScenarioError as err:
        return err.problems
    return []


def _fatal(problems: list[Problem]) -> bool:
    return any("not valid YAML" in p.message or "empty" in p.message for p in problems)


def _read(path: Path, problems: list[Problem]) -> Any:
    name = str(path)
    try:
        raw = read_regular(path, MAX_BYTES, "scenario file")
        cache.note(path, raw)
        text = raw.decode("utf-8")
    except Refused as err:
        cache.note(path, None)
        message = "no such file" if not path.exists() and not path.is_symlink() else str(err)
        problems.append(Problem(name, 1, 1, message))
        return None
    except UnicodeDecodeError as err:
        problems.append(Problem(name, 1, 1, f"cannot read the file: not UTF-8 text (byte {err.start})"))
        return None
    from game.scenario.yamlread import read_yaml

    data, found = read_yaml(text, name)
    problems.extend(found)
    if data is not None and not isinstance(data, Mapping):
        problems.append(Problem(name, 1, 1, "a scenario file should be a mapping of keys at the top"))
        return None
    return data


def _read_merged(path: Path, problems: list[Problem], seen: tuple[Path, ...], chain: list[Path]) -> Any:
    """Read `path`; when it `extends` another scenario, lay it over that one.

    `chain` gets each file read, the scenario's own first: the only place `extends` is resolved.
    """
    chain.append(path.resolve())
    data = _read(path, problems)
    if data is None or "extends" not in data:
        return data
    base_name = data["extends"]
    loc: Loc = (str(path), *data.key_pos["extends"])
    if not _plain_name(base_name):
        problems.append(
            Problem(
                *loc,
                f"extends {quote(base_name)}: name a scenario beside this file or a bundled one, "
                "by its file name alone (no folders)",
            )
        )
        return None
    base_path = _resolve_base(base_name, path)
    if base_path is None or base_path.resolve() in seen:
        why = "extends itself" if base_path else f"extends {quote(base_name)}, which is not found"
        if base_path is None:
            why += suggest(base_name.removesuffix(".yaml"), _scenarios_beside(path))
        problems.append(Problem(*loc, f"the scenario {why}"))
        return None
    base = _read_merged(base_path, problems, seen + (path.resolve(),), chain)
    if base is None:
        return None
    return _overlay(base, data, problems, loc)


def _plain_name(name: Any) -> bool:
    """A file name with no folder in it: what `extends` may name."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= 200
        and not name.startswith(".")
        and not any(c in name for c in "/\\:\0")
    )


def _bundled_dir() -> Path:
    from game.scenario.catalog import scenario_dir  # catalog loads scenarios with this module

    return scenario_dir()


def _resolve_base(name: str, path: Path) -> Path | None:
    """The scenario `name` extends: a file beside `path`, else a bundled one."""
    for folder in (path.parent, _bundled_dir()):
        for candidate in (folder / name, folder / f"{name}.yaml"):
            if candidate.is_file():
                return candidate
            cache.note(candidate, None)  # a file made here later would be the one extended
    return None


def _scenarios_beside(path: Path) -> set[str]:
    """The names `extends` could take from `path`: the scenarios beside it and the bundled ones."""
    folders = (path.parent, _bundled_dir())
    return {f.stem for folder in folders for f in folder.glob("*.yaml") if f.resolve() != path.resolve()}


def _notes_path(notes: str, path: Path) -> Path | None:
    """Where a source's notes are: inside the scenario's folder or the bundled seeds, else None."""
    if not notes or Path(notes).is_absolute() or "\0" in notes:
        return None
    target = (path.parent / notes).resolve()
    roots = (path.parent.resolve(), (_bundled_dir().parent / "seeds").resolve())
    return target if any(target.is_relative_to(root) for root in roots) else None


def _overlay(base: YMap, child: YMap, problems: list[Problem], loc: tuple) -> YMap:
    """The child's keys replace the base's; its endings come first; `redirect` reroutes edges."""
    from game.scenario.yamlread import YList, YMap

    merged = YMap(base)
    merged.file, merged.pos = base.file, base.pos
    merged.key_pos, merged.val_pos = dict(base.key_pos), dict(base.val_pos)
    merged.key_file = {key: base.file_of(key) for key in base}
    for key, value in child.items():
        if key in _CHILD_KEYS or key == "retired":
            continue
        if key == "endings" and isinstance(value, list) and isinstance(base.get("endings"), list):
            mine, theirs = cast(YList, value), cast(YList, base["endings"])  # the reader makes every list
            ids = {e.get("id") for e in mine if isinstance(e, Mapping)}
            kept = [e for e in theirs if not (isinstance(e, Mapping) and e.get("id") in ids)]
            joined = YList(mine + kept)
            joined.file, joined.pos = child.file, mine.pos
            kept_at = [i for i, e in enumerate(theirs) if not (isinstance(e, Mapping) and e.get("id") in ids)]
            joined.item_pos = mine.item_pos + [theirs.item_pos[i] for i in kept_at]
            joined.item_file = [mine.file_of(i) for i in range(len(mine))]
            joined.item_file += [theirs.file_of(i) for i in kept_at]
            value = joined
        merged[key] = value
        merged.key_pos[key], merged.val_pos[key] = child.key_pos[key], child.val_pos[key]
        merged.key_file[key] = child.file_of(key)
    redirect = child.get("redirect") or YMap()
    if not isinstance(redirect, YMap):
        problems.append(
            Problem(child.file, *child.val_pos["redirect"], "redirect should map phase ids to targets")
        )
        return merged
    phase_ids = [str(p.get("id")) for p in merged.get("phases") or [] if isinstance(p, Mapping)]
    for old in redirect:
        if old not in phase_ids:
            kpos = redirect.key_pos[old]
            problems.append(
                Problem(
                    child.file,
                    *kpos,
                    f"redirect names no phase {old!r}{suggest(str(old), phase_ids)}",
                )
            )
    merged["phases"] = _redirected(merged.get("phases"), redirect)
    return merged


def _redirected(phases: Any, redirect: Mapping) -> Any:
    if not redirect or not isinstance(phases, list):
        return phases
    for phase in phases:
        for edge in (phase.get("transitions") or []) if isinstance(phase, Mapping) else []:
            if isinstance(edge, dict) and edge.get("to") in redirect:
                edge["to"] = redirect[edge["to"]]
    return phases


def _convert(raw: YMap, path: Path, problems: list[Problem], files: tuple[str, ...]) -> Scenario | None:
    from game.scenario.yamlread import YMap

    conv = Converter()
    file = raw.file or str(path)
    fmt = raw.get("format", _FORMAT)
    if fmt != _FORMAT:
        where = (file, *raw.val_pos.get("format", (1, 1)))
        why = f"format {quote(fmt)} is not supported; this game reads format {_FORMAT}"
        problems.append(Problem(*where, why))
        return None
    body = YMap({k: v for k, v in raw.items() if k not in _CHILD_KEYS})
    body.file, body.pos, body.key_pos, body.val_pos = file, raw.pos, raw.key_pos, raw.val_pos
    body.key_file = raw.key_file
    scenario = conv.obj(body, Scenario, (file, 1, 1), "the scenario")
    problems.extend(conv.problems)
    if scenario is BAD:
        return None
    phases = tuple(_with_calendar(p) for p in scenario.phases)
    citations = _citations(scenario, path, problems)
    return replaced(scenario, phases=phases, citations=citations, path=str(path), files=files)


def _pruned(s: Scenario) -> Scenario:
    """A scenario built on another keeps only the phases and endings its start can reach."""
    if s.start.phase not in {p.id for p in s.phases}:
        return s
    from game.scenario.lint import reachable

    keep = reachable(s)
    dropped = [p for p in s.phases if p.id not in keep]
    return replaced(
        s,
        phases=tuple(p for p in s.phases if p.id in keep),
        endings=tuple(e for e in s.endings if e.id in keep),
        objectives=tuple(c for c in s.objectives if c.chapter in keep),
        retired=frozenset(
            [d.id for p in dropped for ds in p.decisions.values() for d in ds]
            + [e.id for p in dropped for e in p.events]
        ),
    )


def _with_calendar(phase: Any) -> Any:
    if phase.calendar:
        return phase
    days, step = (phase.dates.end - phase.dates.start).days, max(phase.step, 1)
    calendar = tuple(phase.dates.start + dt.timedelta(days=d) for d in range(0, days + 1, step))
    return replaced(phase, calendar=calendar)


def _citations(scenario: Scenario, path: Path, problems: list[Problem]) -> frozenset[str]:
    """Source ids, and `<source>.<fact>` for every fact in a source's seeds notes (each found beside
    the file that names it, which for a scenario built on another may be the other's)."""
    ids = {s.id for s in scenario.sources}
    for source in scenario.sources:
        if not source.notes:
            continue
        loc = at(source, "notes")
        notes_path = _notes_path(source.notes, Path(loc[0]) if loc[0] != "?" else path)
        if notes_path is None:
            problems.append(
                Problem(
                    *loc,
                    f"notes {quote(source.notes)} should be a file in the scenario's folder "
                    "or in the bundled seeds/",
                )
            )
            continue
        if notes_path.is_file():
            data = _read(notes_path, [])
        else:
            data = None
            cache.note(notes_path, None)
        if not isinstance(data, Mapping) or not isinstance(data.get("facts"), list):
            problems.append(
                Problem(*loc, f"notes {quote(source.notes)} are missing or have no list of facts")
            )
            continue
        for fact in data["facts"]:
            if isinstance(fact, Mapping) and isinstance(fact.get("id"), str) and IDENT.match(fact["id"]):
                ids.add(f"{source.id}.{fact['id']}")
    return frozenset(ids)
