"""Small text-only PDF documents (the demo's decisions and attachments), written with fpdf2."""

from __future__ import annotations

from fpdf import FPDF

# The PDF core fonts need no font file; Windows-1252 covers Finnish and Swedish letters, the
# en dash, the euro sign and typographic quotes.
ENCODING = "windows-1252"


def pdf_document(
    *,
    title: str,
    paragraphs: list[str],
    language: str,
    author: str,
    heading: str = "",
) -> bytes:
    """An A4 PDF with an optional heading line (the issuer), a title and paragraphs of text."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_lang(language)
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    if heading:
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5.5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
