"""The therapist report as a printable PDF (fpdf2, pure Python, with an embedded Unicode font)."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .report import Report

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


# joiners, presentation selectors and skin-tone modifiers: parts of an emoji, not shown alone
_EMOJI_PARTS = frozenset({0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)})


@cache
def _covered() -> frozenset[int]:
    """Code points every embedded style of the font can draw."""
    fonts = _ReportPDF().fonts.values()
    return frozenset.intersection(*(frozenset(font.cmap) for font in fonts))  # type: ignore[union-attr]


def printable(text: str) -> str:
    """Text the embedded font can draw: composed accents, and a name for what it has no glyph for.

    DejaVu Sans draws a few emoji but not most ("🌱", "🙏"); those are written as their Unicode
    name, "[seedling]", instead of vanishing from someone's notes.
    """
    text = unicodedata.normalize("NFC", text)
    covered = _covered()
    if all(ord(ch) in covered for ch in text):
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code in covered or ch.isspace():
            out.append(ch)
        elif code not in _EMOJI_PARTS:
            name = unicodedata.name(ch, "")
            out.append(f"[{name.lower()}]" if name else "\N{REPLACEMENT CHARACTER}")
    return "".join(out)


class _ReportPDF(FPDF):
    """A4 report with DejaVu Sans embedded (subset), so names and notes in any script print."""

    def __init__(self) -> None:
        super().__init__(format="A4")
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.add_font(FAMILY, "I", FONTS / "DejaVuSans-Oblique.ttf")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 8, f"Page {self.page_no()} — private, prepared by its author with mend", align="C")


def render_pdf(report: Report, *, compress: bool = True) -> bytes:
    pdf = _ReportPDF()
    pdf.compress = compress
    pdf.set_title("Summary for a therapist")
    pdf.set_author(printable(report.name))
    pdf.set_creator("mend")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def para(text: str, *, size: float = 10.5, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font(FAMILY, style=style, size=size)
        pdf.multi_cell(width, size * 0.5, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    para("Summary for a therapist", size=18, style="B", gap=2)
    who = f"{report.name}, " if report.name else ""
    para(
        f"Prepared by {who}{report.made_at:%d %B %Y}. It holds only what its author chose to include, "
        "from their own answers. Scores are self-reports, not a diagnosis.",
        size=9.5,
        gap=4,
    )
    for section in report.sections:
        para(section.title, size=14, style="B", gap=1)
        if section.intro:
            para(section.intro)
        if section.empty:
            para(section.empty, style="I")
        if section.rows:
            pdf.set_font(FAMILY, size=10)
            with pdf.table(
                col_widths=(45, 55), first_row_as_headings=False, line_height=5.5, padding=1.2
            ) as table:
                for label, value in section.rows:
                    row = table.row()
                    row.cell(printable(label))
                    row.cell(printable(value))
            pdf.ln(2)
        for bullet in section.bullets:
            para(f"• {bullet}", gap=0.8)
        for heading, text in section.entries:
            para(heading, style="B", gap=0.5)
            para(text, gap=2)
        pdf.ln(4)
    return bytes(pdf.output())
