import { PDFDocument, PDFName, StandardFonts, TextRenderingMode, popGraphicsState, pushGraphicsState, setTextRenderingMode } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPage, classifyPages, needsOcr } from '../src/pdf/classify.ts';
import { openPdf, type OpenedPdf } from '../src/pdf/load.ts';
import { makeTablePdf, PAGE, scanPdf, tempDir, writePdf } from './support/ocr-fixtures.ts';

/**
 * A page drawn with Helvetica through a hand-made font dictionary: `toUnicode` maps the codes
 * A-Z to the private-use area (a symbol font's ToUnicode), `glyphNames` gives the codes glyph names
 * pdf.js cannot map (a subset font without ToUnicode), so the text comes out as the raw codes.
 */
async function rawFontPdf(text: string, kind: 'pua' | 'glyph-ids'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const ctx = pdf.context;
  const font = kind === 'pua'
    ? ctx.obj({
      Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica',
      ToUnicode: ctx.register(ctx.flateStream(
        '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Custom def /CMapType 2 def '
        + '1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <41> <5A> <E041> endbfrange '
        + 'endcmap CMapName currentdict /CMap defineresource pop end end')),
    })
    : ctx.obj({
      Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica',
      Encoding: ctx.obj({ Type: 'Encoding', Differences: [33, ...Array.from({ length: 90 }, (_, i) => `g${i + 1}`)] }),
    });
  page.node.setFontDictionary(PDFName.of('F1'), ctx.register(font));
  const literal = (line: string) => line.replace(/[()\\]/g, '\\$&');
  const lines = text.split('\n').map((line, i) => `BT /F1 11 Tf 50 ${740 - 16 * i} Td (${literal(line)}) Tj ET`);
  page.node.set(PDFName.of('Contents'), ctx.register(ctx.flateStream(lines.join('\n'))));
  return pdf.save();
}

describe('classifyPage', { timeout: 30_000 }, () => {
  let dir: string;
  const opened: OpenedPdf[] = [];
  const open = async (name: string, bytes: Uint8Array) => {
    const pdf = await openPdf(await writePdf(dir, name, bytes));
    opened.push(pdf);
    return pdf;
  };

  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await Promise.all(opened.map((p) => p.doc.destroy()));
  });

  it('reads a born-digital table page as text', async () => {
    const pdf = await open('text.pdf', (await makeTablePdf()).bytes);
    const c = await classifyPage(pdf.doc, 1);
    expect(c.kind).toBe('text');
    expect(c.measures.characters).toBeGreaterThan(200);
    expect(c.measures.imageAreaFraction).toBe(0);
    expect(needsOcr(c)).toBe(false);
  });

  it('sends an image-only scan to OCR as no-text', async () => {
    const pdf = await open('scan.pdf', await scanPdf((await makeTablePdf()).bytes, dir, { skewDegrees: 1 }));
    const c = await classifyPage(pdf.doc, 1);
    expect(c.kind).toBe('no-text');
    expect(c.reason).toMatch(/image-only/);
    expect(c.measures.imageAreaFraction).toBeCloseTo(1, 2);
    expect(needsOcr(c)).toBe(true);
  });

  it('calls a blank page no-text without images', async () => {
    const blank = await PDFDocument.create();
    blank.addPage([PAGE.width, PAGE.height]);
    const c = await classifyPage((await open('blank.pdf', await blank.save())).doc, 1);
    expect(c.kind).toBe('no-text');
    expect(c.reason).toMatch(/blank/);
  });

  it('calls a scan with a typed stamp on top mixed', async () => {
    const bytes = await scanPdf((await makeTablePdf()).bytes, dir, { overlayText: 'Produced under FOIA request 2017-ICFO-12345 - page 3' });
    const c = await classifyPage((await open('stamped.pdf', bytes)).doc, 1);
    expect(c.kind).toBe('mixed');
    expect(c.measures.textCoverageOfImages).toBeLessThan(0.1);
    expect(needsOcr(c)).toBe(true);
  });

  /** A scan of the table page with its words laid over (or under) the image as another tool's OCR layer. */
  async function scanWithTextLayer(how: 'render-mode-3' | 'zero-opacity' | 'under-image' | 'visible-on-top'): Promise<Uint8Array> {
    const table = await makeTablePdf({ rows: 30 });
    const scanned = await PDFDocument.load(await scanPdf(table.bytes, dir));
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    const image = await pdf.embedPage(scanned.getPage(0));
    const drawWords = () => {
      for (const w of table.words) page.drawText(w.text, { x: w.x0, y: PAGE.height - w.baseline, size: w.size, font, ...(how === 'zero-opacity' ? { opacity: 0 } : {}) });
    };
    if (how === 'under-image') drawWords();
    page.drawPage(image, { x: 0, y: 0, width: PAGE.width, height: PAGE.height });
    if (how === 'render-mode-3') page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
    if (how !== 'under-image') drawWords();
    if (how === 'render-mode-3') page.pushOperators(popGraphicsState());
    return pdf.save();
  }

  for (const how of ['render-mode-3', 'zero-opacity', 'under-image'] as const) {
    it(`sends a scan with another tool's OCR layer (${how}) to OCR as ocr-layer`, async () => {
      const c = await classifyPage((await open(`ocr-layer-${how}.pdf`, await scanWithTextLayer(how))).doc, 1);
      expect(c.kind).toBe('ocr-layer');
      expect(c.measures.hiddenTextFraction).toBe(1);
      expect(c.measures.textCoverageOfImages).toBeGreaterThan(0.5);
      expect(needsOcr(c)).toBe(true);
    });
  }

  it('reads text printed visibly over a page image (a form on a background) as text', async () => {
    const c = await classifyPage((await open('visible-on-image.pdf', await scanWithTextLayer('visible-on-top'))).doc, 1);
    expect(c.kind).toBe('text');
    expect(c.measures.hiddenTextFraction).toBe(0);
  });

  it('rejects text that maps to the private-use area', async () => {
    const c = await classifyPage((await open('pua.pdf', await rawFontPdf('TRAVIS COUNTY JAIL MEXICO ASSAULT', 'pua'))).doc, 1);
    expect(c.kind).toBe('unmapped-text');
    expect(c.measures.unmappedFraction).toBe(1);
    expect(c.reason).toMatch(/do not map to Unicode/);
  });

  // Codes 29 below the characters' codes: what a TrueType subset without ToUnicode often yields.
  const glyphIds = (s: string, keepSpaces: boolean) => s.replace(keepSpaces ? /\S/g : /./g, (c) => String.fromCharCode(c.charCodeAt(0) - 29));
  const SENTENCE = 'The Travis County Jail declined the detainer\nfor a Mexican citizen charged with assault\nand released him on February first';

  it('rejects glyph-id text, whose spaces come out as control characters', async () => {
    const c = await classifyPage((await open('glyph-ids.pdf', await rawFontPdf(glyphIds(SENTENCE, false), 'glyph-ids'))).doc, 1);
    expect(c.kind).toBe('unmapped-text');
    expect(c.measures.unmappedFraction).toBeGreaterThan(0.1);
  });

  it('rejects glyph-id text that does not read as words even when its spaces map', async () => {
    const c = await classifyPage((await open('gibberish.pdf', await rawFontPdf(glyphIds(SENTENCE, true), 'glyph-ids'))).doc, 1);
    expect(c.measures.unmappedFraction).toBe(0);
    expect(c.kind).toBe('unmapped-text');
    expect(c.reason).toMatch(/do not read as words/);
    // The same words spelled right pass the same rule.
    const plainPdf = await PDFDocument.create();
    const font = await plainPdf.embedFont(StandardFonts.Helvetica);
    plainPdf.addPage([PAGE.width, PAGE.height]).drawText(SENTENCE, { x: 50, y: 740, size: 11, font, lineHeight: 16 });
    const plain = await classifyPage((await open('plain.pdf', await plainPdf.save())).doc, 1);
    expect(plain.kind).toBe('text');
    expect(plain.measures.implausibleWordFraction).toBeLessThan(0.05);
  });

  it('classifies every page of a mixed file in order', async () => {
    const merged = await PDFDocument.create();
    for (const bytes of [(await makeTablePdf()).bytes, await scanPdf((await makeTablePdf()).bytes, dir)]) {
      const source = await PDFDocument.load(bytes);
      for (const p of await merged.copyPages(source, source.getPageIndices())) merged.addPage(p);
    }
    const pages = await classifyPages((await open('merged.pdf', await merged.save())).doc);
    expect(pages.map((p) => [p.page, p.kind])).toEqual([[1, 'text'], [2, 'no-text']]);
  });
});
