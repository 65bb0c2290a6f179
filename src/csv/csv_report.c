/* A report as CSV (`comptoir report NAME --csv`): each section a block —
 * a header row whose first cell is "section", then its rows, each led by the
 * section's title — blocks apart by an empty line. Text cells pass the
 * formula guard like every export; figures are plain numbers. */
#include <stdio.h>
#include <string.h>

#include "src/b2c/report.h"
#include "src/csv/csv_io.h"
#include "src/csv/csv_private.h"

static void section_write(struct csv_writer *w, const struct report_section *s)
{
    csv_put_raw(w, "section", strlen("section"));
    for (int c = 0; c < s->ncols; c++)
        csv_put_text(w, s->cols[c].name);
    csv_end_row(w);
    const struct report_row *rows = s->rows.items;
    for (int i = 0; i < s->rows.n; i++) {
        csv_put_text(w, s->title);
        for (int c = 0; c < s->ncols; c++) {
            char cell[128];
            report_cell_csv(&s->cols[c], &rows[i].cells[c], cell, sizeof cell);
            if (s->cols[c].kind == RCOL_TEXT)
                csv_put_text(w, cell);
            else
                csv_put_raw(w, cell, strlen(cell));
        }
        csv_end_row(w);
    }
}

int csv_export_report(const struct report *r, FILE *out, struct err *e)
{
    struct csv_writer w;
    csv_writer_init(&w, out);
    for (int i = 0; i < r->nsections; i++) {
        if (i > 0 && fputs("\r\n", out) == EOF)
            w.failed = true;
        section_write(&w, &r->sections[i]);
    }
    return csv_writer_finish(&w, "report", e);
}
