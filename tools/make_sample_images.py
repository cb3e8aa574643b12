"""Draw the flat illustrations of the sample issue (content/2021-03/images/).

Run from the repository root:  .venv/bin/python tools/make_sample_images.py
Every picture is drawn from shapes and the Nanum fonts, then saved as an
optimised palette PNG so each file stays well under 150 KB.
"""

from __future__ import annotations

import calendar
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "content" / "2021-03" / "images"
FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
SCALE = 2  # draw at double size, then downsample: smooth edges without antialiasing support

GREEN_DARK = (27, 94, 32)
GREEN = (46, 125, 50)
GREEN_MID = (102, 187, 106)
GREEN_LIGHT = (200, 230, 201)
CREAM = (250, 248, 240)
WHITE = (255, 255, 255)
INK = (33, 33, 33)
GREY = (120, 120, 120)
ORANGE = (239, 108, 0)
BLUE = (30, 136, 229)


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    name = "NanumSquareB.ttf" if bold else "NanumSquareR.ttf"
    path = FONT_DIR / name
    if not path.exists():
        path = FONT_DIR / ("NanumGothicBold.ttf" if bold else "NanumGothic.ttf")
    return ImageFont.truetype(str(path), size * SCALE)


class Canvas:
    """A drawing surface in logical pixels; saved downsampled and palette-optimised."""

    def __init__(self, w: int, h: int, bg: tuple[int, int, int]):
        self.w, self.h = w, h
        self.im = Image.new("RGB", (w * SCALE, h * SCALE), bg)
        self.d = ImageDraw.Draw(self.im)

    @staticmethod
    def s(*v: float) -> list[float]:
        return [x * SCALE for x in v]

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill, r: float = 0,
             outline=None, width: int = 0) -> None:
        self.d.rounded_rectangle(self.s(x0, y0, x1, y1), radius=r * SCALE, fill=fill,
                                 outline=outline, width=width * SCALE)

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill, outline=None,
                width: int = 0) -> None:
        self.d.ellipse(self.s(x0, y0, x1, y1), fill=fill, outline=outline, width=width * SCALE)

    def poly(self, pts: list[tuple[float, float]], fill) -> None:
        self.d.polygon([(x * SCALE, y * SCALE) for x, y in pts], fill=fill)

    def line(self, pts: list[tuple[float, float]], fill, width: int) -> None:
        self.d.line([(x * SCALE, y * SCALE) for x, y in pts], fill=fill, width=width * SCALE,
                    joint="curve")

    def arc(self, box: tuple[float, float, float, float], start: float, end: float, fill,
            width: int) -> None:
        self.d.arc(self.s(*box), start, end, fill=fill, width=width * SCALE)

    def text(self, xy: tuple[float, float], s: str, size: int, fill, anchor: str = "la",
             bold: bool = True) -> None:
        self.d.text((xy[0] * SCALE, xy[1] * SCALE), s, font=font(size, bold), fill=fill,
                    anchor=anchor)

    def save(self, name: str, colors: int = 64) -> Path:
        small = self.im.resize((self.w, self.h), Image.LANCZOS)
        pal = small.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / name
        pal.save(path, optimize=True)
        return path


def leaf(c: Canvas, cx: float, cy: float, length: float, angle: float, fill, vein) -> None:
    """A pointed leaf: two circular arcs meeting at the tips, with a midrib."""
    pts = []
    half = length / 2
    bulge = length * 0.32
    for i in range(41):
        t = -1 + 2 * i / 40
        pts.append((t * half, bulge * (1 - t * t)))
    for i in range(41):
        t = 1 - 2 * i / 40
        pts.append((t * half, -bulge * (1 - t * t)))
    a = math.radians(angle)
    rot = [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
           for x, y in pts]
    c.poly(rot, fill)
    tip1 = (cx - half * math.cos(a) * 1.12, cy - half * math.sin(a) * 1.12)
    tip2 = (cx + half * math.cos(a) * 0.85, cy + half * math.sin(a) * 0.85)
    c.line([tip1, tip2], vein, 6)


def cover() -> Path:
    c = Canvas(1200, 1600, GREEN)
    c.rect(0, 1180, 1200, 1600, GREEN_DARK)
    c.ellipse(620, 260, 1120, 760, GREEN_MID)
    leaf(c, 860, 520, 460, -40, GREEN_LIGHT, GREEN)
    leaf(c, 640, 760, 300, -140, (165, 214, 167), GREEN)
    c.line([(560, 1180), (600, 960), (700, 820)], GREEN_LIGHT, 12)
    c.text((90, 150), "Green", 170, WHITE)
    c.text((90, 340), "서구", 170, WHITE)
    c.text((96, 560), "인천광역시 서구 구정소식지", 44, GREEN_LIGHT, bold=False)
    c.text((90, 1240), "2021년 3월호", 72, WHITE)
    c.text((90, 1350), "제301호 · 봄을 여는 서구 소식", 44, GREEN_LIGHT, bold=False)
    return c.save("cover.png")


def wifi() -> Path:
    c = Canvas(1200, 800, GREEN)
    cx, cy = 600, 520
    for r in (330, 230, 130):
        c.arc((cx - r, cy - r, cx + r, cy + r), 225, 315, WHITE, 56)
    c.ellipse(cx - 42, cy - 42, cx + 42, cy + 42, WHITE)
    c.rect(330, 620, 870, 720, GREEN_DARK, r=50)
    c.text((600, 672), "PublicWiFi@seo-gu", 46, WHITE, anchor="mm")
    c.text((60, 60), "공공와이파이", 48, GREEN_LIGHT)
    return c.save("wifi.png")


def reporters() -> Path:
    c = Canvas(1200, 800, CREAM)
    c.rect(0, 620, 1200, 800, GREEN_LIGHT)
    # notebook
    c.rect(170, 200, 560, 660, WHITE, r=18, outline=GREEN, width=6)
    for y in range(290, 620, 55):
        c.line([(220, y), (510, y)], GREEN_LIGHT, 5)
    for y in range(230, 640, 60):
        c.ellipse(150, y, 190, y + 24, GREEN)
    c.text((220, 235), "취재 수첩", 38, GREEN_DARK)
    # pencil
    c.poly([(600, 600), (880, 250), (930, 290), (650, 640)], ORANGE)
    c.poly([(600, 600), (650, 640), (580, 670)], (255, 224, 178))
    # microphone
    c.rect(880, 330, 1000, 520, GREEN_DARK, r=60)
    c.arc((850, 400, 1030, 580), 0, 180, GREEN_DARK, 12)
    c.line([(940, 580), (940, 650)], GREEN_DARK, 12)
    c.rect(880, 645, 1000, 665, GREEN_DARK, r=8)
    c.text((600, 90), "청소년 명예기자단 16명", 52, GREEN_DARK, anchor="mm")
    return c.save("reporters.png")


def copies_chart() -> Path:
    c = Canvas(1200, 800, WHITE)
    c.text((600, 70), "잡지형 소식지 인쇄 부수", 48, INK, anchor="mm")
    base = 680
    top = 170
    scale = (base - top) / 90000
    bars = [("2020년", 85000, GREY), ("2021년", 60000, GREEN)]
    for i, (label, value, colour) in enumerate(bars):
        x0 = 250 + i * 420
        y0 = base - value * scale
        c.rect(x0, y0, x0 + 280, base, colour, r=12)
        c.text((x0 + 140, y0 - 40), f"{value:,}부", 46, INK, anchor="mm")
        c.text((x0 + 140, base + 50), label, 40, INK, anchor="mm", bold=False)
    c.line([(180, base), (1020, base)], INK, 4)
    c.line([(560, 330), (650, 380)], ORANGE, 10)
    c.poly([(640, 350), (690, 400), (620, 410)], ORANGE)
    return c.save("copies-chart.png")


def calendar_march() -> Path:
    c = Canvas(1200, 800, CREAM)
    c.rect(150, 60, 1050, 760, WHITE, r=24, outline=GREEN, width=4)
    c.rect(150, 60, 1050, 170, GREEN, r=24)
    c.rect(150, 130, 1050, 170, GREEN)
    c.text((600, 115), "2021년 3월", 54, WHITE, anchor="mm")
    names = ["일", "월", "화", "수", "목", "금", "토"]
    cw = 900 / 7
    for i, n in enumerate(names):
        col = (198, 40, 40) if i == 0 else INK
        c.text((150 + cw * i + cw / 2, 205), n, 32, col, anchor="mm")
    marked = {3, 4, 10, 17, 24, 31}
    cal = calendar.Calendar(firstweekday=6)
    for row, week in enumerate(cal.monthdayscalendar(2021, 3)):
        for col, day in enumerate(week):
            if not day:
                continue
            x = 150 + cw * col + cw / 2
            y = 280 + row * 92
            if day in marked:
                c.ellipse(x - 36, y - 36, x + 36, y + 36, GREEN_MID)
            red = col == 0 or day == 1
            colour = (198, 40, 40) if red else INK
            c.text((x, y), str(day), 38, WHITE if day in marked else colour, anchor="mm")
    return c.save("calendar.png")


def public_data() -> Path:
    c = Canvas(1200, 800, (232, 245, 233))
    # a cloud of data with bars
    c.ellipse(210, 250, 530, 560, WHITE)
    c.ellipse(400, 160, 800, 560, WHITE)
    c.ellipse(680, 260, 990, 560, WHITE)
    c.rect(300, 420, 900, 600, WHITE)
    heights = [90, 150, 120, 210, 260]
    for i, hgt in enumerate(heights):
        x0 = 380 + i * 95
        c.rect(x0, 560 - hgt, x0 + 62, 560, GREEN if i < 4 else BLUE, r=8)
    c.line([(360, 600), (860, 600)], GREEN_DARK, 6)
    c.text((600, 690), "공공데이터 20개 개방 · 빅데이터 분석 4건", 44, GREEN_DARK, anchor="mm")
    return c.save("public-data.png")


def strategy() -> Path:
    c = Canvas(1200, 800, (227, 242, 253))
    c.rect(0, 610, 1200, 800, (176, 190, 197))
    # bus
    c.rect(150, 300, 850, 580, GREEN, r=40)
    for i in range(5):
        c.rect(190 + i * 125, 340, 290 + i * 125, 440, (224, 247, 250), r=10)
    c.rect(800, 340, 840, 520, (224, 247, 250), r=8)
    for x in (280, 700):
        c.ellipse(x - 55, 530, x + 55, 640, INK)
        c.ellipse(x - 22, 563, x + 22, 607, GREY)
    c.text((500, 505), "Green 서구", 40, WHITE, anchor="mm")
    # speaker with sound waves
    c.poly([(930, 330), (980, 330), (1040, 280), (1040, 480), (980, 430), (930, 430)], ORANGE)
    for r in (60, 100):
        c.arc((1040 - r, 380 - r, 1040 + r, 380 + r), -45, 45, ORANGE, 12)
    c.text((600, 130), "버스 음성 광고 10개월", 54, GREEN_DARK, anchor="mm")
    return c.save("strategy.png")


def committee() -> Path:
    c = Canvas(1200, 800, CREAM)
    c.ellipse(300, 330, 900, 690, (141, 110, 99))
    c.ellipse(330, 350, 870, 660, (188, 170, 164))
    for i in range(9):
        a = 2 * math.pi * i / 9 - math.pi / 2
        x = 600 + 360 * math.cos(a)
        y = 510 + 230 * math.sin(a)
        colour = GREEN_DARK if i < 3 else GREEN_MID
        c.ellipse(x - 34, y - 78, x + 34, y - 10, colour)
        c.rect(x - 50, y - 8, x + 50, y + 60, colour, r=30)
    c.text((600, 90), "편집위원 9명", 54, GREEN_DARK, anchor="mm")
    c.text((600, 160), "당연직 3명 · 위촉직 6명", 38, INK, anchor="mm", bold=False)
    return c.save("committee.png")


def main() -> None:
    for make in (cover, wifi, reporters, copies_chart, calendar_march, public_data, strategy,
                 committee):
        path = make()
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
