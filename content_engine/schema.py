"""The content schema: one pydantic model per content file, and the models inside them.

These models are the single source of truth for what an editor may write. `make schemas`
turns them into the JSON Schemas under `schemas/` that editors' YAML extensions read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from .richtext import RichText, render, unsafe_markup

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MARKDOWN_MAX = 3000

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=60),
    Field(description="Lower-case letters, digits and single hyphens, used in URLs."),
]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=160)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=700)]
Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$", max_length=300)]
Level = Literal["junior", "mid", "senior", "staff", "principal"]
LEVELS: tuple[str, ...] = ("junior", "mid", "senior", "staff", "principal")


def source_numbers(info: ValidationInfo) -> Mapping[str, int] | None:
    """The numbered sources a `[^id]` marker may cite: the loader passes them as validation
    context once sources.yaml is valid. None: markers are left as written."""
    context = info.context
    numbers = context.get("sources") if isinstance(context, dict) else None
    return numbers if isinstance(numbers, Mapping) else None


def _markdown(value: object, info: ValidationInfo) -> RichText:
    if isinstance(value, RichText):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty Markdown string")
    if len(value) > MARKDOWN_MAX:
        raise ValueError(f"is {len(value)} characters long; the limit is {MARKDOWN_MAX}")
    unsafe = unsafe_markup(value)
    if unsafe:
        raise ValueError(f"contains {unsafe}; markup that can run code is not allowed")
    return render(value.strip(), sources=source_numbers(info))


Markdown = Annotated[
    RichText,
    PlainValidator(_markdown),
    PlainSerializer(lambda text: text.source, return_type=str),
    WithJsonSchema({"type": "string", "maxLength": MARKDOWN_MAX, "description": "Markdown"}),
]


class Strict(BaseModel):
    """Unknown fields are errors (they are usually typos), and loaded content never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class ContentFile(Strict):
    """A whole content file: each one records when an editor last re-read it."""

    reviewed: date


class Resource(Strict):
    title: Short
    url: Url
    type: Literal["docs", "spec", "course", "book", "paper", "video", "article", "repo", "tool"]


T = TypeVar("T")
NonEmpty = Annotated[list[T], Field(min_length=1)]  # a list an editor may not leave empty
Resources = Annotated[list[Resource], Field(min_length=2, max_length=5)]


# --- skills.yaml -----------------------------------------------------------------------------
class Skill(Strict):
    id: Slug
    name: Short
    summary: Markdown = Field(description="What it is, in two sentences.")
    why_it_matters: Markdown
    good_looks_like: Markdown
    common_failure: Markdown
    resources: Resources

    @property
    def short_name(self) -> str:
        """The name where space is tight (cards, charts): the words before any colon."""
        return self.name.split(":", 1)[0].strip()


class SkillsFile(ContentFile):
    skills: NonEmpty[Skill]


# --- backgrounds.yaml ------------------------------------------------------------------------
class Transfer(Strict):
    already: Short = Field(description="You already do this...")
    becomes: Text = Field(description="...in an AI product it becomes this.")
    strength: Literal["strong", "partial", "new"]
    skills: list[Slug] = Field(
        default_factory=list,
        max_length=4,
        description="Skill ids this transfer carries into; a plan compresses the stages teaching "
        "them (docs/plan.md).",
    )
    gap: Text = Field(description="What is left to learn for this transfer to hold.")


class Background(Strict):
    id: Slug
    name: Short
    summary: Markdown
    transfers: list[Transfer] = Field(min_length=6)
    new_skills: list[Slug] = Field(min_length=1, description="Skill ids that are new to you.")
    suited_roles: list[Slug] = Field(min_length=1, description="Role ids, best first.")


class BackgroundsFile(ContentFile):
    backgrounds: NonEmpty[Background]


# --- roles.yaml ------------------------------------------------------------------------------
class Seniority(Strict):
    lowest: Level
    highest: Level
    how_it_changes: Markdown

    @property
    def span(self) -> str:
        """The range as every page writes it: "Junior to staff"."""
        return f"{self.lowest.capitalize()} to {self.highest}"


class Neighbour(Strict):
    role: Slug
    difference: Markdown


class Role(Strict):
    id: Slug
    name: Short
    counterpart: Short = Field(description="The software-lifecycle role it mirrors.")
    summary: Text
    owns: Markdown
    day_in_the_work: Markdown
    seniority: Seniority
    key_skills: list[Slug] = Field(min_length=5, max_length=5)
    backgrounds: NonEmpty[Slug]
    nearest_neighbour: Neighbour
    key_stages: NonEmpty[Slug]
    needs_deep_ml: bool
    traits: dict[Slug, Annotated[int, Field(ge=0, le=5)]] = Field(
        description="Quiz trait id to how central it is to the role, 0 to 5."
    )


class RolesFile(ContentFile):
    roles: list[Role] = Field(min_length=2)


# --- route.yaml ------------------------------------------------------------------------------
ItemId = Annotated[
    Slug,
    Field(
        description="A stable id, unique in route.yaml. Plans store it to remember what is done: "
        "reword the text freely, but keep the id."
    ),
]


class Deliverable(Strict):
    id: ItemId
    title: Short
    description: Markdown


class Criterion(Strict):
    """One "done when" criterion: a checkbox in a plan, remembered by its id."""

    id: ItemId
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _needs_an_id(cls, value: object) -> object:
        if isinstance(value, str):
            raise ValueError(
                "needs an id: write it as `- id: a-short-slug` with the sentence under `text:` "
                "(plans remember progress by the id)"
            )
        return value


class Stage(Strict):
    id: Slug
    title: Short
    optional: bool = Field(
        default=False,
        description="Left out of a personal plan unless the person's role leans on it or they "
        "add it.",
    )
    goal: Text
    why: Markdown
    skills: NonEmpty[Slug]
    deliverable: Deliverable
    hours: int = Field(ge=1, le=500, description="Focused hours this stage usually takes.")
    resources: Resources
    mistakes: NonEmpty[Text]
    done_when: NonEmpty[Criterion]


class Pace(Strict):
    id: Slug
    name: Short
    hours_per_week: int = Field(ge=1, le=80)
    summary: Text


class RouteFile(ContentFile):
    intro: Markdown
    pacing: NonEmpty[Pace]
    stages: NonEmpty[Stage]


# --- lenses.yaml -----------------------------------------------------------------------------
class LevelPoint(Strict):
    level: Level
    text: Text


class Lens(Strict):
    id: Slug
    function: Short
    focus: Short
    expects: Text
    leans_on_you_for: Text
    earns_trust: Text
    loses_it_when: Text
    with_seniority: list[LevelPoint] = Field(
        min_length=2,
        max_length=5,
        description="How the bar rises as you grow senior: one short point per level, lowest "
        "first.",
    )
    roles: list[Slug] = Field(
        default_factory=list,
        max_length=6,
        description="Role ids that work most closely with this function, linked from the lens.",
    )
    stages: list[Slug] = Field(
        default_factory=list,
        max_length=4,
        description="Route stage ids that prepare you for what this function expects.",
    )


class LensesFile(ContentFile):
    intro: Markdown
    lenses: NonEmpty[Lens]


# --- faq.yaml --------------------------------------------------------------------------------
class FaqEntry(Strict):
    id: Slug
    question: Short
    answer: Markdown


class Mistake(Strict):
    id: Slug
    mistake: Short
    why_it_hurts: Text
    instead: Text


class FaqFile(ContentFile):
    questions: NonEmpty[FaqEntry]
    mistakes: NonEmpty[Mistake]


# --- comparisons.yaml ------------------------------------------------------------------------
class Dimension(Strict):
    name: Short
    left: Text
    right: Text


class Comparison(Strict):
    id: Slug
    title: Short
    left: Short
    right: Short
    summary: Markdown
    dimensions: list[Dimension] = Field(min_length=3)


class ComparisonsFile(ContentFile):
    comparisons: NonEmpty[Comparison]


# --- site.yaml -------------------------------------------------------------------------------
class AddedSkill(Strict):
    title: Short
    skill: Slug = Field(description="The skill the title links to on the home page.")


class PageCopy(Strict):
    title: Short = Field(description="The page's heading and the start of its browser title.")
    label: Short = Field(description="The page's name in the main navigation and breadcrumbs.")
    description: Short = Field(description="One sentence for search results and link previews.")


class SectionPages(Strict):
    """The first page of each section of the site, in navigation order."""

    route: PageCopy
    skills: PageCopy
    roles: PageCopy
    lenses: PageCopy
    comparisons: PageCopy
    faq: PageCopy
    guides: PageCopy
    quiz: PageCopy
    plan: PageCopy


class SiteFile(ContentFile):
    title: Short
    tagline: Short
    description: Short = Field(description="One sentence for search results and link previews.")
    pages: SectionPages
    headline: Short = Field(
        description="The home page's main heading: what the site helps you do, not its name."
    )
    premise: Markdown
    carries_over: list[Short] = Field(
        min_length=5,
        description="What carries over, as the home page lists it; the guide "
        "what-carries-over.md explains each point.",
    )
    you_add: list[AddedSkill] = Field(
        min_length=8, description="What you add, as the home page lists it, each a skill's link."
    )


# --- quiz.yaml -------------------------------------------------------------------------------
class Trait(Strict):
    id: Slug
    name: Short
    description: Text


# An answer stays short enough that a question's options and its Continue button fit about a
# screen and a half of a phone.
OptionLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class Option(Strict):
    id: Slug
    label: OptionLabel
    weights: dict[Slug, Annotated[int, Field(ge=0, le=3)]] = Field(
        min_length=1, description="Trait id to how much choosing this option says, 1 to 3."
    )
    reason: Text = Field(
        description=(
            "One sentence, true of this answer whichever role it points to: what choosing it "
            "says about the work the person likes. The result page quotes it beside the answer."
        )
    )


class Question(Strict):
    id: Slug
    prompt: Short
    hint: Text | None = None
    options: list[Option] = Field(min_length=3, max_length=8)


class QuizFile(ContentFile):
    intro: Markdown
    traits: list[Trait] = Field(min_length=2, max_length=10)
    questions: list[Question] = Field(min_length=1, max_length=20)
    archetypes: dict[Slug, dict[Slug, Slug]] = Field(
        description="Role id to a full answer set (question id to option id) that must pick it."
    )


# --- sources.yaml ----------------------------------------------------------------------------
class Source(Strict):
    """A published work a claim in the content is credited to, cited as `[^id]`."""

    id: Slug
    title: Short = Field(description="The title as its publisher gives it.")
    publisher: Short = Field(description="The site, company or press that published it.")
    author: Short | None = Field(default=None, description="Who wrote it, when it says.")
    year: int | None = Field(
        default=None, ge=1900, le=2100, description="The year it was published, when it says."
    )
    url: Url | None = Field(default=None, description="Where to read it, when it is public.")


class SourcesFile(ContentFile):
    sources: NonEmpty[Source]


# --- guides/*.md -----------------------------------------------------------------------------
GUIDE_MAX = 24_000  # characters of Markdown in a guide's body


class GuideFrontMatter(Strict):
    """The YAML between the `---` lines at the top of content/guides/<id>.md."""

    id: Slug = Field(description="The guide's address, /guides/<id>/; the file is <id>.md.")
    title: Short
    summary: Text = Field(description="One or two sentences for the list of guides and search.")
    reviewed: date
    roles: list[Slug] = Field(
        default_factory=list, max_length=8, description="Role ids the guide is about."
    )
    stages: list[Slug] = Field(
        default_factory=list, max_length=8, description="Route stage ids the guide leads to."
    )
    skills: list[Slug] = Field(
        default_factory=list, max_length=12, description="Skill ids the guide leads to."
    )


class Guide(GuideFrontMatter):
    """A guide as the site shows it: the front matter and the rendered body."""

    body: Markdown


# The content directory: file name -> model. Order is the order problems are reported in.
FILES: dict[str, type[ContentFile]] = {
    "site.yaml": SiteFile,
    "skills.yaml": SkillsFile,
    "backgrounds.yaml": BackgroundsFile,
    "roles.yaml": RolesFile,
    "route.yaml": RouteFile,
    "lenses.yaml": LensesFile,
    "faq.yaml": FaqFile,
    "comparisons.yaml": ComparisonsFile,
    "quiz.yaml": QuizFile,
    "sources.yaml": SourcesFile,
}
