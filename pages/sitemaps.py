"""sitemap.xml: every page a reader can reach, generated from the content."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content_engine import store
from webkit.links import site_origin

if TYPE_CHECKING:
    # Type names only: django.contrib.sites is not installed, so its model cannot be imported.
    from django.contrib.sites.models import Site
    from django.contrib.sites.requests import RequestSite

    _PathSitemap = Sitemap[str]  # items are URL paths
else:  # generic only in django-stubs: subscripting it at runtime raises TypeError
    _PathSitemap = Sitemap


class PagesSitemap(_PathSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        content = store.get()
        skills = reverse("pages:skills")
        return [
            reverse("pages:home"),
            reverse("pages:route"),
            *(reverse("pages:stage", args=[stage.id]) for stage in content.stages),
            skills,
            *(f"{skills}?background={b.id}" for b in content.backgrounds),
            *(f"{skills}?skill={s.id}" for s in content.skills),
            reverse("roles:list"),
            *(reverse("roles:detail", args=[role.id]) for role in content.roles),
            reverse("pages:lenses"),
            reverse("pages:comparisons"),
            reverse("pages:faq"),
            reverse("pages:guides"),
            *(reverse("pages:guide", args=[guide.id]) for guide in content.guides),
            reverse("quiz:start"),
        ]

    def location(self, item: str) -> str:
        return item

    # The addresses come from SITE_URL, never from the request's Host header.
    def get_protocol(self, protocol: str | None = None) -> str:
        return site_origin()[0]

    def get_domain(self, site: Site | RequestSite | None = None) -> str:
        return site_origin()[1]

    def lastmod(self, item: str) -> date:
        """A guide's own review date; site.yaml's for every other page."""
        content = store.get()
        guides = {reverse("pages:guide", args=[g.id]): g.reviewed for g in content.guides}
        return guides.get(item, content.site.reviewed)
