/**
 * A tiny flow layout shared by both PDF producers: paragraphs and tables poured onto pages through a
 * Pen (one per PDF library). Coordinates are PDF points, origin top-left, y down, like
 * src/layout/tokens.ts. A table row moves whole to the next page unless its table lets a few rows
 * break across the page end (as word processors do), which `table` reports.
 */
import { SETTINGS } from './settings.ts';

export type FontRole = 'regular' | 'bold' | 'italic';

export interface Pen {
  readonly width: number;
  readonly height: number;
  /** Starts a new page and makes it current; returns its 1-based number. */
  addPage(): number;
  /** Makes an existing page current (for footers drawn once the page count is known). */
  goToPage(page: number): void;
  text(text: string, x: number, top: number, font: FontRole, size: number): void;
  measure(text: string, font: FontRole, size: number): number;
  line(x1: number, y1: number, x2: number, y2: number, thickness: number): void;
  shade(x: number, y: number, width: number, height: number, gray: number): void;
  /** Draws a PNG into the box (a logo). */
  image(png: Uint8Array, x: number, top: number, width: number, height: number): void;
}

export interface Margins { top: number; bottom: number; left: number; right: number }

export interface TextStyle {
  font: FontRole;
  size: number;
  align?: 'left' | 'center';
  /** Extra space after the block, in points. */
  after?: number;
  indent?: number;
}

export type Cell = { text: string } | { bullets: string[]; bulleted: boolean };

export interface TableColumn {
  header: string;
  /** Share of the text width. */
  share: number;
  align?: 'left' | 'right';
}

export interface TableStyle {
  /** outer: a box around the table and under the header, no lines between rows or columns. */
  rules: 'grid' | 'horizontal' | 'outer' | 'none';
  fontSize: number;
  headerShade: boolean;
  /** Space between a cell's border and its text, in points; SETTINGS.cellPadding when absent. */
  padding?: number;
  /** Extra space after each body cell's text (a word processor's paragraph spacing): tall rows. */
  paragraphSpacing?: number;
  /** Where a cell's lines sit when its row is taller than they are; top when absent. */
  valign?: 'top' | 'middle';
  /** Grey level of every second body row's fill (zebra stripes); no fill when absent. */
  zebra?: number;
  /** Whether the n-th continuation page (1-based) of this table repeats the header row. */
  repeatHeader: (continuation: number) => boolean;
  /**
   * How many rows may break across a page end (Word's "allow row to break across pages"): the first
   * rows that straddle a page end with room for at least one of their lines keep those lines at the
   * bottom of the page and continue at the top of the next; every other row moves whole.
   */
  rowBreaks: number;
}

/** A body row that broke across a page end: its 0-based index and, per column, the lines drawn on the next page. */
export interface RowBreak {
  row: number;
  continued: string[][];
}

export interface DrawnTable {
  /** The page each body row starts on. */
  pages: number[];
  breaks: RowBreak[];
}

export const BULLET = '\u2022';

/** Greedy word wrap; a single word wider than the line stays whole on its own line. */
export function wrapWords(text: string, width: number, measure: (s: string) => number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && measure(candidate) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

interface CellLine { text: string; indent: number }

export class Flow {
  y = 0;
  page = 0;
  readonly left: number;
  readonly textWidth: number;
  private readonly bottom: number;

  constructor(readonly pen: Pen, readonly margins: Margins) {
    this.left = margins.left;
    this.textWidth = pen.width - margins.left - margins.right;
    this.bottom = pen.height - margins.bottom;
    this.newPage();
  }

  newPage(): void {
    this.page = this.pen.addPage();
    this.y = this.margins.top;
  }

  lineHeight(size: number): number {
    return size * SETTINGS.leading;
  }

  space(points: number): void {
    this.y += points;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keep(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  paragraph(text: string, style: TextStyle): void {
    const indent = style.indent ?? 0;
    const width = this.textWidth - indent;
    const lines = wrapWords(text, width, (s) => this.pen.measure(s, style.font, style.size));
    for (const line of lines) {
      this.keep(this.lineHeight(style.size));
      const x = style.align === 'center'
        ? this.left + (this.textWidth - this.pen.measure(line, style.font, style.size)) / 2
        : this.left + indent;
      this.pen.text(line, x, this.y, style.font, style.size);
      this.y += this.lineHeight(style.size);
    }
    this.y += style.after ?? 0;
  }

  /** Draws a table; says where each body row starts and which rows broke across a page end. */
  table(columns: TableColumn[], rows: Cell[][], style: TableStyle): DrawnTable {
    const widths = columns.map((c) => c.share * this.textWidth);
    const pad = style.padding ?? SETTINGS.cellPadding;
    const spacing = style.paragraphSpacing ?? 0;
    const lh = this.lineHeight(style.fontSize);
    const headerLines = columns.map((c, i) => this.cellLines({ text: c.header }, widths[i]! - 2 * pad, 'bold', style.fontSize));
    const linesOf = (cells: CellLine[][]) => Math.max(...cells.map((l) => l.length));
    const headerHeight = linesOf(headerLines) * lh + 2 * pad;
    const heightOf = (cells: CellLine[][]) => linesOf(cells) * lh + 2 * pad + spacing;

    const drawHeader = () => {
      if (style.headerShade) this.pen.shade(this.left, this.y, this.textWidth, headerHeight, 0.85);
      this.drawRowCells(headerLines, widths, columns, 'bold', style, headerHeight, true);
    };
    // An outer box is closed where the table leaves a page.
    const closeBox = () => {
      if (style.rules === 'outer') this.pen.line(this.left, this.y, this.left + this.textWidth, this.y, 0.5);
    };
    let continuation = 0;
    const continueOnNewPage = () => {
      closeBox();
      this.newPage();
      continuation += 1;
      if (style.repeatHeader(continuation)) drawHeader();
      else if (style.rules !== 'none') this.pen.line(this.left, this.y, this.left + this.textWidth, this.y, 0.6);
    };
    const drawBody = (cells: CellLine[][], r: number) => {
      const height = heightOf(cells);
      if (style.zebra !== undefined && r % 2 === 1) this.pen.shade(this.left, this.y, this.textWidth, height, style.zebra);
      this.drawRowCells(cells, widths, columns, 'regular', style, height, false);
    };

    const bodyLines = rows.map((row) => row.map((cell, i) => this.cellLines(cell, widths[i]! - 2 * pad, 'regular', style.fontSize)));
    this.keep(headerHeight + (bodyLines[0] ? heightOf(bodyLines[0]) : 0));
    drawHeader();
    const pages: number[] = [];
    const breaks: RowBreak[] = [];
    bodyLines.forEach((cells, r) => {
      if (this.y + heightOf(cells) <= this.bottom) {
        pages.push(this.page);
        drawBody(cells, r);
        return;
      }
      const lineCount = linesOf(cells);
      const fitting = Math.floor((this.bottom - this.y - 2 * pad - spacing) / lh);
      if (breaks.length < style.rowBreaks && fitting >= 1 && fitting < lineCount) {
        pages.push(this.page);
        drawBody(cells.map((lines) => lines.slice(0, fitting)), r);
        continueOnNewPage();
        const rest = cells.map((lines) => lines.slice(fitting));
        drawBody(rest, r);
        breaks.push({ row: r, continued: rest.map((lines) => lines.map((l) => l.text)) });
        return;
      }
      continueOnNewPage();
      pages.push(this.page);
      drawBody(cells, r);
    });
    closeBox();
    return { pages, breaks };
  }

  private cellLines(cell: Cell, width: number, font: FontRole, size: number): CellLine[] {
    const measure = (s: string) => this.pen.measure(s, font, size);
    if ('text' in cell) return wrapWords(cell.text, width, measure).map((text) => ({ text, indent: 0 }));
    if (!cell.bulleted) return cell.bullets.flatMap((b) => wrapWords(b, width, measure).map((text) => ({ text, indent: 0 })));
    const hang = measure(`${BULLET} `);
    return cell.bullets.flatMap((bullet) => wrapWords(bullet, width - hang, measure)
      .map((text, i) => (i === 0 ? { text: `${BULLET} ${text}`, indent: 0 } : { text, indent: hang })));
  }

  private drawRowCells(cells: CellLine[][], widths: number[], columns: TableColumn[], font: FontRole, style: TableStyle, height: number, isHeader: boolean): void {
    const pad = style.padding ?? SETTINGS.cellPadding;
    const lh = this.lineHeight(style.fontSize);
    const textHeight = height - 2 * pad - (isHeader ? 0 : style.paragraphSpacing ?? 0);
    let x = this.left;
    cells.forEach((lines, i) => {
      const width = widths[i]!;
      const drop = style.valign === 'middle' ? (textHeight - lines.length * lh) / 2 : 0;
      lines.forEach((line, n) => {
        const lineWidth = this.pen.measure(line.text, font, style.fontSize);
        const lx = columns[i]!.align === 'right' && !isHeader ? x + width - pad - lineWidth : x + pad + line.indent;
        this.pen.text(line.text, lx, this.y + pad + drop + n * lh, font, style.fontSize);
      });
      x += width;
    });
    this.drawRules(widths, height, style, isHeader);
    this.y += height;
  }

  private drawRules(widths: number[], height: number, style: TableStyle, isHeader: boolean): void {
    const right = this.left + this.textWidth;
    const bottom = this.y + height;
    if (style.rules === 'none') {
      if (isHeader) this.pen.line(this.left, bottom, right, bottom, 0.8);
      return;
    }
    const thickness = isHeader ? 1 : 0.5;
    if (isHeader) this.pen.line(this.left, this.y, right, this.y, thickness);
    if (style.rules === 'outer') {
      if (isHeader) this.pen.line(this.left, bottom, right, bottom, thickness);
      this.pen.line(this.left, this.y, this.left, bottom, 0.5);
      this.pen.line(right, this.y, right, bottom, 0.5);
      return;
    }
    this.pen.line(this.left, bottom, right, bottom, thickness);
    if (style.rules !== 'grid') return;
    let x = this.left;
    this.pen.line(x, this.y, x, bottom, 0.5);
    for (const width of widths) {
      x += width;
      this.pen.line(x, this.y, x, bottom, 0.5);
    }
  }
}
