/**
 * The --debug overlay, after pdfplumber's debug_tablefinder: every intermediate of the table engine
 * drawn over the page image, so a maintainer can see why a row was split the way it was.
 * Legend: grey = words, blue = text lines, orange = page furniture, magenta = vector rulings,
 * green = header cells (labelled with their field), red = column boundaries, alternating yellow and
 * cyan = rows.
 */
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Box } from '../layout/tokens.ts';
import { labelFont } from '../pdf/canvas.ts';
import type { PageDebug } from '../table/extract.ts';

function rect(ctx: SKRSContext2D, b: Box, scale: number, stroke: string, fill?: string, width = 1) {
  const x = b.x0 * scale, y = b.y0 * scale, w = (b.x1 - b.x0) * scale, h = (b.y1 - b.y0) * scale;
  if (fill) { ctx.fillStyle = fill; ctx.fillRect(x, y, w, h); }
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
  ctx.strokeRect(x, y, w, h);
}

/** Draws the page's debug record onto a canvas that holds the page image at `scale` px/pt. */
export function drawPageDebug(canvas: Canvas, scale: number, debug: PageDebug): void {
  const ctx = canvas.getContext('2d');
  for (const b of debug.furniture) rect(ctx, b, scale, 'rgba(255,140,0,0.9)', 'rgba(255,140,0,0.15)', 1.5);
  for (const r of debug.rulings) rect(ctx, r, scale, 'rgba(200,0,200,0.8)', undefined, 1);
  for (const b of debug.lines) rect(ctx, b, scale, 'rgba(0,90,255,0.35)', undefined, 0.5);
  for (const w of debug.words) rect(ctx, w, scale, w.confidence < 0.8 ? 'rgba(255,0,0,0.8)' : 'rgba(90,90,90,0.5)', undefined, 0.5);
  for (const segment of debug.segments) {
    segment.rows.forEach((b, i) => {
      rect(ctx, b, scale, 'rgba(0,0,0,0.25)', i % 2 ? 'rgba(0,200,255,0.12)' : 'rgba(255,220,0,0.18)', 0.5);
    });
    for (const cell of segment.headerCells) {
      rect(ctx, cell, scale, 'rgba(0,150,0,0.9)', 'rgba(0,200,0,0.12)', 1.5);
      ctx.fillStyle = 'rgba(0,110,0,1)';
      ctx.font = labelFont(Math.max(9, 7 * scale));
      ctx.fillText(cell.field ?? '?', cell.x0 * scale, cell.y0 * scale - 2);
    }
    ctx.strokeStyle = 'rgba(230,0,0,0.85)';
    ctx.lineWidth = 1.5;
    segment.layout.columns.slice(1).forEach((column, i) => {
      ctx.setLineDash(segment.layout.boundarySources[i] === 'ruling' ? [] : [6, 4]);
      ctx.beginPath();
      ctx.moveTo(column.x0 * scale, segment.region.y0 * scale);
      ctx.lineTo(column.x0 * scale, segment.region.y1 * scale);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    // The table's label sits at the right end of its region's top edge, clear of the header labels.
    ctx.fillStyle = 'rgba(200,0,0,1)';
    ctx.font = labelFont(Math.max(10, 8 * scale));
    const label = `${segment.table}: ${segment.rows.length} row groups${segment.header ? '' : ' (header from an earlier page)'}`;
    const x = Math.max(0, segment.region.x1 * scale - ctx.measureText(label).width);
    ctx.fillText(label, x, Math.max(12, segment.region.y0 * scale - 3));
  }
}
