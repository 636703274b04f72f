"""A quiz result's link preview: every role has its own "Best fit: <role>" image, drawn for the
role's current name; the result page names it, absolutely, with words for it; and a result whose
role has no current image shares the site's default preview rather than a missing file."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from PIL import Image

from content_engine.content import Content
from quiz import share_images
from quiz.management.commands import make_share_images as command
from quiz.models import QuizSubmission
from quiz.share_images import COMMAND, FINGERPRINT_KEY, FOLDER, fingerprint, image_name

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "static"
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def stamp_of(path: Path) -> str | None:
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (1200, 630), path
        text: dict[str, str] = getattr(image, "text", {})
        return text.get(FINGERPRINT_KEY)


def test_every_role_has_a_current_share_image(content: Content):
    stale = []
    for role in content.roles:
        path = STATIC / image_name(role.id)
        wanted = fingerprint(site_title=content.site.title, role_name=role.name)
        if not path.exists():
            stale.append(f"{role.id}: no image at static/{image_name(role.id)}")
        elif stamp_of(path) != wanted:
            stale.append(f"{role.id}: the image does not show “{role.name}” as it is now")
    assert not stale, "Share images are out of date; run " + COMMAND + "\n" + "\n".join(stale)


def test_no_image_is_left_for_a_role_that_has_gone(content: Content):
    kept = {f"{role.id}.png" for role in content.roles}
    left = sorted(p.name for p in (STATIC / FOLDER).glob("*.png") if p.name not in kept)
    assert not left, f"images for roles that are gone: {left}; run {COMMAND}"


def test_an_image_is_out_of_date_when_its_role_is_renamed_or_the_site_retitled():
    before = fingerprint(site_title="Site", role_name="AI engineer")
    assert fingerprint(site_title="Site", role_name="AI engineer") == before
    assert fingerprint(site_title="Site", role_name="AI engineers") != before
    assert fingerprint(site_title="Site 2", role_name="AI engineer") != before


def meta(page: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    assert found, f"no {key} on the page"
    return html.unescape(found.group(1))


def take_quiz(client: Client, content: Content) -> tuple[str, QuizSubmission]:
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    response = client.post("/quiz/", answers)
    assert response.status_code == 303
    return response["Location"], QuizSubmission.objects.get()


def test_a_result_page_shares_its_best_fit(client: Client, content: Content):
    url, submission = take_quiz(client, content)
    best = content.role_by_id[submission.best_role]
    page = client.get(url).content.decode()
    image = meta(page, "og:image")
    assert image == f"{settings.SITE_URL}{settings.STATIC_URL}{image_name(best.id)}"
    assert finders.find(image_name(best.id))
    assert meta(page, "og:title") == f"Best fit: {best.name}"
    assert meta(page, "og:image:alt").startswith(f"Best fit: {best.name}.")
    assert meta(page, "twitter:card") == "summary_large_image"


def test_other_pages_keep_the_default_preview(client: Client):
    page = client.get("/roles/").content.decode()
    assert meta(page, "og:image").endswith("/static/images/og-default.png")
    assert "Best fit" not in meta(page, "og:image:alt")


def test_a_result_for_a_renamed_role_shares_the_default_preview(client: Client, content: Content):
    url, submission = take_quiz(client, content)
    snapshot = submission.result
    snapshot["best"]["name"] = "A role since renamed"
    QuizSubmission.objects.filter(pk=submission.pk).update(result=snapshot)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert meta(page, "og:image").endswith("/static/images/og-default.png")
    assert meta(page, "og:title") == "Best fit: A role since renamed"


def test_a_result_whose_image_is_missing_shares_the_default_preview(
    client: Client, content: Content, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(share_images, "_exists", lambda name: False)
    url, _ = take_quiz(client, content)
    response = client.get(url)
    assert response.status_code == 200
    assert meta(response.content.decode(), "og:image").endswith("/static/images/og-default.png")


needs_fonts = pytest.mark.skipif(
    not (FONTS / "DejaVuSans-Bold.ttf").exists(), reason="no DejaVu fonts"
)


@needs_fonts
def test_the_command_draws_a_stamped_image_and_refuses_a_name_that_cannot_fit(tmp_path: Path):
    target = tmp_path / "role.png"
    command.write(command.draw("Site", "Retrieval and search engineer"), target, "abc")
    assert stamp_of(target) == "abc"
    with Image.open(target) as image:  # the name is drawn: dark text well inside the picture
        assert min(image.convert("L").crop((90, 250, 1110, 500)).tobytes()) < 60
    with pytest.raises(CommandError, match="does not fit"):
        command.draw("Site", "An extraordinarily long role name that no preview could hold")


@needs_fonts
def test_the_command_draws_every_role_and_removes_a_gone_ones_image(
    tmp_path: Path, content: Content
):
    static = tmp_path / "static"
    (static / "icons").mkdir(parents=True)
    shutil.copy(STATIC / "icons" / "apple-touch-icon.png", static / "icons")
    gone = static / FOLDER / "no-such-role.png"
    gone.parent.mkdir(parents=True)
    gone.write_bytes(b"")
    out = io.StringIO()
    call_command("make_share_images", static_dir=static, stdout=out)
    for role in content.roles:
        wanted = fingerprint(site_title=content.site.title, role_name=role.name)
        assert stamp_of(static / image_name(role.id)) == wanted
    assert not gone.exists() and "no such role any more" in out.getvalue()
