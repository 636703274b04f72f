"""Draw the link-preview image of a quiz result for every role: "Best fit: <role>", 1200 x 630,
in the site's colours, with Pillow and the DejaVu fonts (Debian's fonts-dejavu-core).

    .venv/bin/python scripts/make_share_images.py

Writes static/images/results/<role id>.png for each role in content/roles.yaml and removes the
image of a role that is no longer there. Each PNG carries the fingerprint of what it shows
(quiz/share_images.py), which tests/quiz/test_share_images.py checks: run this again after
adding or renaming a role, or changing the site's title. The PNGs are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadmap_site.settings")

from content_engine.loader import load_content  # noqa: E402  (after the path is set)
from quiz.share_images import (  # noqa: E402
    FINGERPRINT_KEY,
    FOLDER,
    fingerprint,
    image_name,
)

FONTS = Path(os.environ.get("SHARE_IMAGE_FONTS", "/usr/share/fonts/truetype/dejavu"))
STATIC = ROOT / "static"
ICON = STATIC / "icons" / "apple-touch-icon.png"  # the site's icon on its own square
WIDTH, HEIGHT = 1200, 630
MARGIN = 90
# The light theme's custom properties in static/css/site.css.
BACKGROUND, TEXT, MUTED, ACCENT = "#fdfcfa", "#1d1f24", "#4a4f59", "#0b5e6b"
NAME_SIZES = (96, 84, 72, 62)  # the role's name: the largest that fits in two lines
FOOTNOTE = "Which AI role fits you? Take the fit quiz and see."


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.exists():
        raise SystemExit(
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
    raise SystemExit(f"the role name {name!r} does not fit the image in two lines: shorten it")


def rounded_icon(size: int) -> Image.Image:
    icon = Image.open(ICON).convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=255)
    icon.putalpha(mask)
    return icon


def draw(site_title: str, role_name: str) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 23), fill=ACCENT)
    # The site, as its header shows it: icon and title.
    icon = rounded_icon(96)
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
    info = PngInfo()
    info.add_text(FINGERPRINT_KEY, stamp)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", pnginfo=info, optimize=True)


def main() -> None:
    content = load_content(ROOT / "content")
    title = content.site.title
    folder = STATIC / FOLDER
    wanted = set()
    for role in content.roles:
        target = STATIC / image_name(role.id)
        wanted.add(target)
        write(draw(title, role.name), target, fingerprint(site_title=title, role_name=role.name))
        print(f"wrote {target.relative_to(ROOT)}: Best fit: {role.name}")
    for stale in sorted(set(folder.glob("*.png")) - wanted):
        stale.unlink()
        print(f"removed {stale.relative_to(ROOT)}: no such role any more")


if __name__ == "__main__":
    main()
