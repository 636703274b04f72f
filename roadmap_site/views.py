"""Site-wide pages: home, lenses, comparisons, FAQ, robots.txt and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from content_engine import store

from .page_cache import content_page
from .rendering import crumb, render_page


@require_GET
@content_page
def home(request: HttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "home.html",
        {"content": content, "first_stage": content.stages[0]},
        title=content.site.tagline,
        description=content.site.description,
        section="home",
    )


@require_GET
@content_page
def lenses(request: HttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "lenses.html",
        {"lenses_file": content.lenses_file, "lenses": content.lenses},
        title="What the room expects of you",
        description="The eight functions around an AI engineer: what each expects of you, "
        "leans on you for, and what earns or loses their trust.",
        section="lenses",
        breadcrumbs=[crumb("Lenses", "/lenses/")],
    )


@require_GET
@content_page
def comparisons(request: HttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "comparisons.html",
        {"comparisons": content.comparisons},
        title="Software engineer vs AI engineer vs ML engineer",
        description="How the work changes, dimension by dimension: software engineer against "
        "AI engineer, and AI engineer against ML engineer.",
        section="compare",
        breadcrumbs=[crumb("Compare", "/compare/")],
    )


@require_GET
@content_page
def faq(request: HttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "faq.html",
        {"questions": content.faq.questions, "mistakes": content.faq.mistakes},
        title="Questions and common mistakes",
        description="Straight answers for engineers moving into AI engineering, and the "
        "mistakes that slow the move down.",
        section="faq",
        breadcrumbs=[crumb("FAQ", "/faq/")],
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /quiz/result/\nDisallow: /admin/\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_page(request, "404.html", {}, title="Page not found", status=404)
