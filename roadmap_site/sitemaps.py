"""sitemap.xml: every page a reader can reach, generated from the content."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from content_engine import store


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        content = store.get()
        return [
            "/",
            "/route/",
            *(f"/route/{stage.id}/" for stage in content.stages),
            "/skills/",
            *(f"/skills/?background={b.id}" for b in content.backgrounds),
            *(f"/skills/?skill={s.id}" for s in content.skills),
            "/roles/",
            *(f"/roles/{role.id}/" for role in content.roles),
            "/lenses/",
            "/compare/",
            "/faq/",
            "/quiz/",
        ]

    def location(self, item: str) -> str:
        return item

    def lastmod(self, item: str):
        return store.get().site.reviewed
