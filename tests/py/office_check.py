"""Read santong's generated workbooks and documents with the libraries
other tools use (openpyxl, python-docx) and report what they see as JSON.

  office_check.py docx FILE...          headings, fonts, tables of each document
  office_check.py form FILE             protection, unlocked cells, validations, page setup
  office_check.py annotated FILE         notes, fills, widths and links of an annotated copy
  office_check.py print FILE            each visible sheet's print setup, and the
                                        rows whose wrapped text is taller than the row
  office_check.py validate FILE SHEET CELL VALUE
                                        would the workbook's own data validation
                                        accept VALUE typed into CELL (or into the
                                        first data row under the header CELL)?
"""
import json
import sys


def docx_report(paths):
    import docx
    from docx.oxml.ns import qn

    out = []
    for p in paths:
        d = docx.Document(p)
        fonts = set()
        for para in d.paragraphs:
            for r in para.runs:
                rpr = r._element.rPr
                if rpr is not None and rpr.rFonts is not None:
                    ea = rpr.rFonts.get(qn("w:eastAsia"))
                    if ea:
                        fonts.add(ea)
        headings = [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Heading 1"]
        sec = d.sections[0]
        out.append({
            "path": p,
            "title": d.paragraphs[0].text if d.paragraphs else "",
            "headings": headings,
            "east_asia_fonts": sorted(fonts),
            "tables": len(d.tables),
            "page_mm": [round(sec.page_width.mm), round(sec.page_height.mm)],
            "text": "\n".join(p.text for p in d.paragraphs)
            + "\n"
            + "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells),
        })
    return out


def form_report(path):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    unlocked, locked_text = [], []
    for row in ws.iter_rows():
        for c in row:
            if type(c).__name__ == "MergedCell":
                continue
            if c.protection is not None and not c.protection.locked:
                unlocked.append(c.coordinate)
            elif c.value:
                locked_text.append(str(c.value))
    dvs = [
        {"type": dv.type, "formula1": dv.formula1, "sqref": str(dv.sqref), "error_style": dv.errorStyle}
        for dv in ws.data_validations.dataValidation
    ]
    ps = ws.page_setup
    return {
        "sheet": ws.title,
        "protected": bool(ws.protection.sheet),
        "unlocked": unlocked,
        "locked_text": locked_text,
        "validations": dvs,
        "paper_size": int(ps.paperSize) if ps.paperSize is not None else None,
        "orientation": ps.orientation,
        "fit_to_width": ps.fitToWidth,
        "fit_to_height": ps.fitToHeight,
        "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "print_area": ws.print_area,
    }


def list_values(wb, formula):
    """The allowed values of a list validation: inline or a range."""
    f = formula.strip()
    if f.startswith('"') and f.endswith('"'):
        return [v for v in f[1:-1].split(",")]
    f = f.lstrip("=")
    if "!" in f:
        sheet, ref = f.rsplit("!", 1)
        ws = wb[sheet.strip("'")]
    else:
        raise ValueError("list validation without a sheet: " + f)
    ref = ref.replace("$", "")
    cells = ws[ref]
    if not isinstance(cells, tuple):
        cells = ((cells,),)
    return [str(c.value) for row in cells for c in (row if isinstance(row, tuple) else (row,)) if c.value is not None]


def validate(path, sheet, cell, value):
    import openpyxl
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    if not cell[:1].isascii():
        # a header label: the first data row of that column
        heads = [c.value for c in ws[1]]
        cell = ws.cell(row=2, column=heads.index(cell) + 1).coordinate
    col, row = coordinate_from_string(cell)
    ci = column_index_from_string(col)
    applied = []
    for dv in ws.data_validations.dataValidation:
        hit = any(r.min_row <= row <= r.max_row and r.min_col <= ci <= r.max_col for r in dv.sqref.ranges)
        if not hit:
            continue
        stop = dv.errorStyle in (None, "stop")
        if dv.type == "list":
            allowed = value in list_values(wb, dv.formula1)
        elif dv.type == "whole":
            try:
                n = int(value)
                lo = int(dv.formula1) if dv.formula1 is not None else None
                hi = int(dv.formula2) if dv.formula2 is not None else None
                allowed = (lo is None or n >= lo) and (hi is None or n <= hi)
            except ValueError:
                allowed = False
        elif dv.type == "textLength":
            n, a = len(value), int(dv.formula1)
            op = dv.operator or "between"
            allowed = {"equal": n == a, "lessThanOrEqual": n <= a, "between": a <= n <= int(dv.formula2 or a)}.get(op, True)
        else:
            allowed = True
        applied.append({"type": dv.type, "allowed": allowed, "stop": stop, "show_error": bool(dv.showErrorMessage)})
    rejected = any((not a["allowed"]) and a["stop"] and a["show_error"] for a in applied)
    return {"validations": applied, "rejected": rejected}


def annotated_report(path):
    """Fills, notes and widths of every sheet; links on the first sheet."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "marked": {}, "links": [], "widths": {}, "hidden": [], "hidden_rows": {}}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            out["hidden"].append(ws.title)
        out["widths"][ws.title] = {k: v.width for k, v in ws.column_dimensions.items() if v.width}
        out["hidden_rows"][ws.title] = sorted(k for k, v in ws.row_dimensions.items() if v.hidden)
        for row in ws.iter_rows():
            for c in row:
                if type(c).__name__ == "MergedCell":
                    continue
                if c.hyperlink is not None:
                    out["links"].append({"sheet": ws.title, "cell": c.coordinate, "text": c.value,
                                         "location": c.hyperlink.location or c.hyperlink.target})
                if c.comment is not None:
                    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type else None
                    out["marked"][ws.title + "!" + c.coordinate] = {"note": c.comment.text, "fill": fill}
    return out


def print_report(path):
    import openpyxl
    import unicodedata

    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        ps = ws.page_setup
        from openpyxl.utils import get_column_letter
        widths = {}
        for d in ws.column_dimensions.values():
            # openpyxl keeps a run of equal columns as one dimension (min..max)
            for i in range(d.min or 1, (d.max or d.min or 1) + 1):
                widths[get_column_letter(i)] = d.width or 8.43
        spans = {}
        for m in ws.merged_cells.ranges:
            spans[(m.min_row, m.min_col)] = sum(
                widths.get(get_column_letter(i), 8.43) for i in range(m.min_col, m.max_col + 1)
            )
        short = []
        for row in ws.iter_rows():
            need = 1
            for c in row:
                if type(c).__name__ == "MergedCell" or not isinstance(c.value, str):
                    continue
                if c.alignment is None or not c.alignment.wrap_text:
                    continue
                w = spans.get((c.row, c.column), widths.get(c.column_letter, 8.43))
                lines = 0
                for part in c.value.split("\n"):
                    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in part)
                    lines += max(1, -(-cols // max(int(w) - 1, 4)))
                need = max(need, lines)
            if need > 1:
                h = ws.row_dimensions[row[0].row].height or 15
                if h < need * 15 * 0.9:
                    short.append({"row": row[0].row, "height": h, "lines": need})
        out.append({
            "sheet": ws.title,
            "paper_size": int(ps.paperSize) if ps.paperSize is not None else None,
            "orientation": ps.orientation,
            "fit_to_width": ps.fitToWidth,
            "fit_to_height": ps.fitToHeight,
            "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "title_rows": ws.print_title_rows,
            "columns": ws.max_column,
            "short_rows": short,
        })
    return out


def main():
    cmd = sys.argv[1]
    if cmd == "docx":
        res = docx_report(sys.argv[2:])
    elif cmd == "form":
        res = form_report(sys.argv[2])
    elif cmd == "annotated":
        res = annotated_report(sys.argv[2])
    elif cmd == "print":
        res = print_report(sys.argv[2])
    elif cmd == "validate":
        res = validate(*sys.argv[2:6])
    else:
        raise SystemExit("unknown command " + cmd)
    json.dump(res, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
