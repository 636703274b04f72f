"""`manage.py make_share_images`: draw the link-preview image of a quiz result for every role,
"Best fit: <role>", 1200 x 630, in the site's colours, with Pillow and the DejaVu fonts
(Debian's fonts-dejavu-core).

Writes static/images/results/<role id>.png for each role in the content and removes the image of
a role that is no longer there. Each PNG carries the fingerprint of what it shows
(quiz/share_images.py), which tests/quiz/test_share_images.py checks: run this again after
adding or renaming a role, or changing the site's title. The PNGs are committed.

Pillow is in the `tools` extra, not in the runtime lock: it is imported only when an image is
drawn, so loading this module (as `manage.py help` does) never needs it, and the web process
never imports it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from content_engine import store
from quiz.share_images import FINGERPRINT_KEY, FOLDER, fingerprint, image_name

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

FONTS = Path(os.environ.get("SHARE_IMAGE_FONTS", "/usr/share/fonts/truetype/dejavu"))
ICON = Path("icons") / "apple-touch-icon.png"  # the site's icon on its own square, in static/
WIDTH, HEIGHT = 1200, 630
MARGIN = 90
# The light theme's custom properties in static/css/site.css.
BACKGROUND, TEXT, MUTED, ACCENT = "#fdfcfa", "#1d1f24", "#4a4f59", "#0b5e6b"
NAME_SIZES = (96, 84, 72, 62)  # the role's name: the largest that fits in two lines
FOOTNOTE = "Which AI role fits you? Take the fit quiz and see."


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.exists():
        raise CommandError(
            f"{path} is missing: install Debian's fonts-dejavu-core, or point "
            "SHARE_IMAGE_FONTS at a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf."
        )
    return ImageFont.truetype(str(path), size)


def wrap(
    draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    """Greedy word wrap to `width` pixels as drawn in `face`."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=face) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def name_lines(draw: ImageDraw.ImageDraw, name: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The role's name in the largest size that fits the width in at most two lines."""
    width = WIDTH - 2 * MARGIN
    for size in NAME_SIZES:
        face = font(size, bold=True)
        lines = wrap(draw, name, face, width)
        if len(lines) <= 2 and all(draw.textlength(line, font=face) <= width for line in lines):
            return face, lines
    raise CommandError(f"the role name {name!r} does not fit the image in two lines: shorten it")


def rounded_icon(icon_path: Path, size: int) -> Image.Image:
    from PIL import Image, ImageDraw

    icon = Image.open(icon_path).convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=255)
    icon.putalpha(mask)
    return icon


def draw(site_title: str, role_name: str, *, static_dir: Path | None = None) -> Image.Image:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 23), fill=ACCENT)
    # The site, as its header shows it: icon and title.
    icon = rounded_icon((static_dir or default_static_dir()) / ICON, 96)
    image.paste(icon, (MARGIN, 78), icon)
    title = font(40, bold=True)
    pen.text((MARGIN + 96 + 28, 78 + 48), site_title, font=title, fill=TEXT, anchor="lm")
    # The result, centred between the header and the footnote.
    face, lines = name_lines(pen, role_name)
    label_size, gap, line_height = 44, 30, round(face.size * 1.12)
    cap = round(face.size * 0.73)  # DejaVu's capital height: the first line above its baseline
    block = label_size + gap + cap + line_height * (len(lines) - 1)
    top = 200 + (300 - block) // 2
    label = font(label_size)
    pen.text((MARGIN, top + label_size), "Best fit:", font=label, fill=MUTED, anchor="ls")
    for number, line in enumerate(lines):
        baseline = top + label_size + gap + cap + number * line_height
        pen.text((MARGIN, baseline), line, font=face, fill=TEXT, anchor="ls")
    pen.text((MARGIN, HEIGHT - 70), FOOTNOTE, font=font(30), fill=MUTED, anchor="ls")
    return image


def write(image: Image.Image, target: Path, stamp: str) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(FINGERPRINT_KEY, stamp)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", pnginfo=info, optimize=True)


def default_static_dir() -> Path:
    return Path(settings.BASE_DIR) / "static"


class Command(BaseCommand):
    help = 'Draw each role\'s "Best fit: <role>" link-preview image into static/images/results/.'
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--static-dir", type=Path, default=None, help="where static/ is (default: the site's)"
        )

    def handle(self, *args: object, static_dir: Path | None = None, **options: object) -> None:
        try:
            import PIL  # noqa: F401  (only to say what is missing before anything is drawn)
        except ImportError:
            raise CommandError(
                "Pillow is not installed: it is in the `tools` extra (make .venv/.installed-test)"
            ) from None
        static = static_dir or default_static_dir()
        content = store.get()
        title = content.site.title
        wanted = set()
        for role in content.roles:
            target = static / image_name(role.id)
            wanted.add(target)
            image = draw(title, role.name, static_dir=static)
            write(image, target, fingerprint(site_title=title, role_name=role.name))
            self.stdout.write(f"wrote {target}: Best fit: {role.name}")
        for stale in sorted(set((static / FOLDER).glob("*.png")) - wanted):
            stale.unlink()
            self.stdout.write(f"removed {stale}: no such role any more")
