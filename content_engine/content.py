"""`Content`: every validated collection, loaded once and never changed afterwards."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from pydantic import BaseModel

from .problems import Loc, Problem, nearest_line
from .schema import (
    Background,
    BackgroundsFile,
    Comparison,
    ComparisonsFile,
    ContentFile,
    FaqFile,
    Guide,
    Lens,
    LensesFile,
    QuizFile,
    Role,
    RolesFile,
    RouteFile,
    SiteFile,
    Skill,
    SkillsFile,
    Source,
    SourcesFile,
    Stage,
)


def source_numbers(sources_file: SourcesFile) -> dict[str, int]:
    """Each source id -> its number on every page: its place in sources.yaml, from 1."""
    return {source.id: number for number, source in enumerate(sources_file.sources, start=1)}


@dataclass(frozen=True)
class Content:
    site: SiteFile
    skills_file: SkillsFile
    backgrounds_file: BackgroundsFile
    roles_file: RolesFile
    route: RouteFile
    lenses_file: LensesFile
    faq: FaqFile
    comparisons_file: ComparisonsFile
    quiz: QuizFile
    sources_file: SourcesFile
    version: str
    guides: tuple[Guide, ...] = ()  # by title
    warnings: tuple[Problem, ...] = ()
    # file name -> (path as shown to editors, {location in file: line}); for later checks
    locations: dict[str, tuple[str, dict[Loc, int]]] = field(default_factory=dict, repr=False)

    def locate(self, file: str, loc: Loc) -> tuple[str, int]:
        path, lines = self.locations.get(file, (file, {}))
        return path, nearest_line(lines, loc)

    @property
    def skills(self) -> list[Skill]:
        return self.skills_file.skills

    @property
    def backgrounds(self) -> list[Background]:
        return self.backgrounds_file.backgrounds

    @property
    def roles(self) -> list[Role]:
        return self.roles_file.roles

    @property
    def stages(self) -> list[Stage]:
        return self.route.stages

    @property
    def lenses(self) -> list[Lens]:
        return self.lenses_file.lenses

    @property
    def comparisons(self) -> list[Comparison]:
        return self.comparisons_file.comparisons

    @property
    def sources(self) -> list[Source]:
        return self.sources_file.sources

    @property
    def files(self) -> tuple[ContentFile, ...]:
        """Every validated file model, each with its `reviewed` date."""
        return (
            self.site, self.skills_file, self.backgrounds_file, self.roles_file, self.route,
            self.lenses_file, self.faq, self.comparisons_file, self.quiz, self.sources_file,
        )  # fmt: skip

    @cached_property
    def last_reviewed(self) -> date:
        return max(f.reviewed for f in self.files)

    @cached_property
    def quiz_version(self) -> str:
        """Changes only when the quiz itself changes; stale quiz forms are detected with it."""
        dumped = json.dumps(self.quiz.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(dumped).hexdigest()[:12]

    @cached_property
    def skill_by_id(self) -> dict[str, Skill]:
        return {skill.id: skill for skill in self.skills}

    @cached_property
    def background_by_id(self) -> dict[str, Background]:
        return {background.id: background for background in self.backgrounds}

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    @cached_property
    def stage_by_id(self) -> dict[str, Stage]:
        return {stage.id: stage for stage in self.stages}

    @cached_property
    def stage_number(self) -> dict[str, int]:
        return {stage.id: number for number, stage in enumerate(self.stages, start=1)}

    @cached_property
    def guide_by_id(self) -> dict[str, Guide]:
        return {guide.id: guide for guide in self.guides}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def source_number(self) -> dict[str, int]:
        """Sources are numbered once for the whole site, in sources.yaml's order."""
        return source_numbers(self.sources_file)

    def as_json(self) -> dict[str, object]:
        """The public API document: every collection as validated, plus the version."""

        def dump(model: BaseModel) -> object:
            return model.model_dump(mode="json")

        return {
            "version": self.version,
            "site": dump(self.site),
            "skills": [dump(s) for s in self.skills],
            "backgrounds": [dump(b) for b in self.backgrounds],
            "roles": [dump(r) for r in self.roles],
            "stages": [dump(s) for s in self.stages],
            "pacing": [dump(p) for p in self.route.pacing],
            "lenses": [dump(lens) for lens in self.lenses],
            "faq": [dump(q) for q in self.faq.questions],
            "mistakes": [dump(m) for m in self.faq.mistakes],
            "comparisons": [dump(c) for c in self.comparisons],
            "quiz": dump(self.quiz),
            "guides": [dump(g) for g in self.guides],
            "sources": [dump(s) for s in self.sources],
        }
