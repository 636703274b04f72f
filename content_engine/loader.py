"""Load a content directory: read YAML, validate against the schema, check references.

`load_content()` either returns one immutable `Content` or raises `ContentError` listing
every problem as `path:line: field.path: message`. It never runs per request.
"""

from __future__ import annotations

import difflib
import hashlib
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .content import Content
from .problems import ContentError, Loc, Problem, format_loc
from .references import check_references
from .schema import (
    FILES,
    BackgroundsFile,
    ComparisonsFile,
    ContentFile,
    FaqFile,
    LensesFile,
    QuizFile,
    RolesFile,
    RouteFile,
    SiteFile,
    SkillsFile,
)
from .yaml_source import SourceFile, read_yaml

STALE_AFTER = timedelta(days=180)


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


def _validate(source: SourceFile, name: str) -> tuple[ContentFile | None, list[Problem]]:
    model = FILES[name]
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(
                Problem(source.path, source.line_of(loc), format_loc(loc), _message(error, model))
            )
        return None, problems


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
    for name in FILES:
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
        model, invalid = _validate(source, name)
        problems += invalid
        if model is not None:
            models[name] = model
            warnings += _freshness(source, model.reviewed, today)
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
    for name in FILES:
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
        version=digest.hexdigest()[:12],
        warnings=tuple(sorted(warnings)),
        locations={name: (source.path, source.lines) for name, source in sources.items()},
    )
    for name, loc, message in check_references(content):
        source = sources[name]
        problems.append(Problem(source.path, source.line_of(loc), format_loc(loc), message))
    if problems:
        raise ContentError(problems + warnings)
    return content
