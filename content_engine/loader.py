"""Load a content directory: read YAML, validate against the schema, check references.

`load_content()` either returns one immutable `Content` or raises `ContentError` listing
every problem as `path:line: field.path: message`. It never runs per request.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .content import Content, source_numbers
from .guides import DIRECTORY, read_guide, render_body
from .problems import ContentError, Loc, Problem, format_loc
from .references import check_references, uncited_sources
from .schema import (
    FILES,
    BackgroundsFile,
    ComparisonsFile,
    ContentFile,
    FaqFile,
    Guide,
    GuideFrontMatter,
    LensesFile,
    QuizFile,
    RolesFile,
    RouteFile,
    SiteFile,
    SkillsFile,
    SourcesFile,
)
from .yaml_source import SourceFile, read_yaml

STALE_AFTER = timedelta(days=180)
SOURCES = "sources.yaml"


def _display(directory: Path, name: str) -> str:
    """Paths relative to the working directory when possible: what an editor can click on.

    The file itself is not resolved: a symbolic link is named where the editor sees it."""
    path = directory.resolve() / name
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _message(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        field = error["loc"][-1]
        allowed = _fields_at(model, error["loc"][:-1])
        close = difflib.get_close_matches(str(field), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"is not a known field{hint}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else kind


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names of the fields allowed at `loc`, to suggest a fix for a typo."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [
            a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        if not candidates:
            return []
        current = candidates[0]
    return list(current.model_fields)


def _validate[M: BaseModel](
    source: SourceFile, model: type[M], context: dict[str, object] | None = None
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(
                Problem(source.path, source.line_of(loc), format_loc(loc), _message(error, model))
            )
        return None, problems


def _load_guides(
    directory: Path, numbers: dict[str, int] | None, today: date
) -> tuple[list[Guide], dict[str, SourceFile], list[Problem], list[Problem]]:
    """Every guide in `directory`/guides, by title, with the front matter of each (for the
    reference checks' line numbers), its problems and its warnings. No directory, no guides."""
    folder = directory / DIRECTORY
    guides: list[Guide] = []
    read: dict[str, SourceFile] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if not folder.is_dir():
        return guides, read, problems, warnings
    for path in sorted(folder.iterdir()):
        name = f"{DIRECTORY}/{path.name}"
        display = _display(directory, name)
        if path.suffix != ".md" or not (path.is_file() or path.is_symlink()):
            message = "is not a guide this site reads (a guide is a .md file); it is ignored"
            warnings.append(Problem(display, 1, "(file)", message, "warning"))
            continue
        guide_file, found = read_guide(path, display, root=directory)
        problems += found
        if guide_file is None or found:
            continue
        read[name] = guide_file.source
        front, invalid = _validate(guide_file.source, GuideFrontMatter)
        body = render_body(guide_file, numbers)
        problems += invalid + (body if isinstance(body, list) else [])
        if front is None or isinstance(body, list):
            continue
        if front.id != path.stem:
            line = guide_file.source.line_of(("id",))
            message = f"is '{front.id}' but the file is {path.name}; name the file {front.id}.md"
            problems.append(Problem(display, line, "id", message))
            continue
        guides.append(Guide(**dict(front), body=body))
        warnings += _freshness(guide_file.source, front.reviewed, today)
    guides.sort(key=lambda guide: guide.title.casefold())
    return guides, read, problems, warnings


def _freshness(source: SourceFile, reviewed: date, today: date) -> list[Problem]:
    age = today - reviewed
    if age <= STALE_AFTER:
        return []
    message = f"last reviewed {age.days} days ago; please re-read it and update `reviewed`"
    return [Problem(source.path, source.line_of(("reviewed",)), "reviewed", message, "warning")]


def _validated[F: ContentFile](models: dict[str, ContentFile], name: str, kind: type[F]) -> F:
    """The model validated from file `name`, as the type `FILES` gives for that name."""
    model = models[name]
    if not isinstance(model, kind):
        raise TypeError(f"{name} validated as {type(model).__name__}, not {kind.__name__}")
    return model


def load_content(directory: Path | str, *, today: date | None = None) -> Content:
    directory = Path(directory)
    today = today or date.today()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    sources: dict[str, SourceFile] = {}
    models: dict[str, ContentFile] = {}

    if not directory.is_dir():
        raise ContentError([Problem(str(directory), 1, "(directory)", "does not exist")])
    # sources.yaml first: every Markdown field may cite its sources by number.
    context: dict[str, object] = {}
    for name in sorted(FILES, key=lambda name: name != SOURCES):
        path = directory / name
        display = _display(directory, name)
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display, 1, "(file)", "is missing"))
            continue
        source, read_problems = read_yaml(path, display, root=directory)
        sources[name] = source
        if read_problems:
            problems += read_problems
            continue
        model, invalid = _validate(source, FILES[name], context)
        problems += invalid
        if model is not None:
            models[name] = model
            warnings += _freshness(source, model.reviewed, today)
        if isinstance(model, SourcesFile):
            context["sources"] = source_numbers(model)
    numbers = context.get("sources")
    guides, guide_sources, guide_problems, guide_warnings = _load_guides(
        directory, numbers if isinstance(numbers, dict) else None, today
    )
    problems += guide_problems
    warnings += guide_warnings
    for extra in sorted(directory.glob("*.y*ml")):
        if extra.name not in FILES:
            known = ", ".join(FILES)
            message = f"is not a content file this site reads (expected one of: {known})"
            warnings.append(
                Problem(_display(directory, extra.name), 1, "(file)", message, "warning")
            )

    if problems:
        raise ContentError(problems + warnings)

    # Every file is present and valid here (a missing or invalid one added a problem): build
    # the typed Content, then check the references between its collections.
    digest = hashlib.sha256()
    sources.update(guide_sources)
    for name in (*FILES, *guide_sources):
        digest.update(name.encode() + b"\0" + sources[name].raw + b"\0")
    content = Content(
        site=_validated(models, "site.yaml", SiteFile),
        skills_file=_validated(models, "skills.yaml", SkillsFile),
        backgrounds_file=_validated(models, "backgrounds.yaml", BackgroundsFile),
        roles_file=_validated(models, "roles.yaml", RolesFile),
        route=_validated(models, "route.yaml", RouteFile),
        lenses_file=_validated(models, "lenses.yaml", LensesFile),
        faq=_validated(models, "faq.yaml", FaqFile),
        comparisons_file=_validated(models, "comparisons.yaml", ComparisonsFile),
        quiz=_validated(models, "quiz.yaml", QuizFile),
        sources_file=_validated(models, SOURCES, SourcesFile),
        guides=tuple(guides),
        version=digest.hexdigest()[:12],
        warnings=tuple(sorted(warnings)),
        locations={name: (source.path, source.lines) for name, source in sources.items()},
    )
    for name, loc, message in check_references(content):
        source = sources[name]
        problems.append(Problem(source.path, source.line_of(loc), format_loc(loc), message))
    if problems:
        raise ContentError(problems + warnings)
    for name, loc, message in uncited_sources(content):
        source = sources[name]
        line = source.line_of(loc)
        warnings.append(Problem(source.path, line, format_loc(loc), message, "warning"))
    return replace(content, warnings=tuple(sorted(warnings)))
