"""Tables become one block per row, each row carrying its column headings so it reads on its own."""

from __future__ import annotations

from kraft.knowledge.ingestion.structure import clean


def dedupe_cells(cells: list[str]) -> list[str]:
    """Merged cells come back repeated from the Word and ODF readers; keep each value once per row."""
    result: list[str] = []
    for cell in cells:
        if not result or cell != result[-1]:
            result.append(cell)
    return result


def row_texts(rows: list[list[str]], header_row: bool | None = None) -> list[str]:
    """``Rubrik: värde; Rubrik: värde`` per row; a table without a header row joins the cells with `` | ``."""
    rows = [dedupe_cells([clean(cell) for cell in row]) for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    if header_row is None:
        header_row = len(rows) > 1 and all(cell and len(cell) < 60 for cell in rows[0])
    if not header_row:
        return [" | ".join(cell for cell in row if cell) for row in rows]
    header, body = rows[0], rows[1:]
    texts = []
    for row in body:
        parts = []
        for index, cell in enumerate(row):
            if not cell:
                continue
            label = header[index] if index < len(header) else ""
            parts.append(f"{label}: {cell}" if label and label != cell else cell)
        if parts:
            texts.append("; ".join(parts))
    return texts or [" | ".join(header)]
