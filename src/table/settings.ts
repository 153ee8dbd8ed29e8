/**
 * Every tolerance of the table engine, in one place, with its default and the reason for it.
 * Distances are in em (multiples of the text's font size) so they hold for any font size and any
 * scan resolution, except those that measure drawn rulings, in points (a line does not grow with
 * the font); a report family may override any of them (ReportFamily.settings, src/settings.ts).
 */
import { z } from 'zod';

export const ExtractionSettingsSchema = z.object({
  lines: z.object({
    /** Two words are on one line when their vertical centres differ by less than this (em). */
    sameLineTolerance: z.number().default(0.45),
    /** Words closer than this (em) are one word split by the producer into several runs. */
    joinGap: z.number().default(0.12),
    /**
     * ... unless a vertical ruling runs between them, or starts up to this far (pt) into the second
     * word: a border touching its text. In points, as a drawn line does not grow with the font.
     */
    borderOverlapPt: z.number().default(1.5),
    /**
     * Two OCR'd line pieces whose words do not overlap across the page, and whose word boxes
     * overlap vertically by at least this share of the shorter one's height (medians of tops and
     * bottoms), are one printed line. A box stretched by noise above or below its word moves its
     * centre off the line ("County," over "State"; a count beside its row), so centres alone split
     * it; pieces of one cell's line are joined again when a row's cells are built, too.
     */
    ocrSameLineShare: z.number().default(0.5),
    /**
     * An OCR word with a letter or digit, read below maxConfidence and under maxHeightShare of the
     * median height of its line's other such words, is a speck read as text (".e" 2 pt tall over
     * a wrapped criterion, "“a" after "California", "oi®" after "January 2017"): it is dropped and
     * the page's lines formed again without it, or it would end a table or join a cell. A
     * lower-case word of its line's type is about half as tall as the capitals, and read far
     * above 0.1; a digit is as tall as a capital. A line all of whose words are under
     * maxHeightShare of the page's median read word is specks whole, however confidently read
     * ("." or a 2 pt "a" alone between two rows): it would make an empty row.
     */
    speck: z.object({ maxConfidence: z.number().default(0.1), maxHeightShare: z.number().default(0.4) }).prefault({}),
    /**
     * An OCR word of at most edgeSpeckMaxChars characters within edgeSpeckPt of the page's left or
     * right edge is a speck of the scan's edge ("a", "8" at 5 pt from it): no printer prints there,
     * and beside a row it would put the row outside the table's sides, ending the table.
     */
    edgeSpeckPt: z.number().default(18),
    edgeSpeckMaxChars: z.number().int().default(2),
  }).prefault({}),
  furniture: z.object({
    /** A text recurring at the same height on at least this share of pages is header/footer furniture. */
    minPageShare: z.number().default(0.5),
    /**
     * ... and on at least this many pages, or on every page of a shorter file of two or more
     * (then printed exactly alike, digits included): a running header on both pages of a 2-page
     * file was read into the last row of a table broken across them. A repeated table header is
     * kept however often it recurs.
     */
    minPages: z.number().int().default(3),
    /** Same height means within this many points. */
    yTolerance: z.number().default(4),
    /** Only the top and bottom bands of a page (share of the page height) hold furniture. */
    marginShare: z.number().default(0.12),
  }).prefault({}),
  header: z.object({
    /**
     * A free-text line with gaps wider than prose that names over half of a table's columns, and
     * at least this many, is a header OCR read in part (a cell on a grey band lost): the page is
     * read again for that table even when the table was found on other pages (extract-file.ts).
     */
    partialMinColumns: z.number().int().default(3),
    /**
     * A header band may span up to this many text lines: a header wrapped onto three lines whose
     * two-line cells are centred vertically puts text at five heights.
     */
    maxLines: z.number().int().default(5),
    /** Header words further apart than this (em) on one line belong to different columns. */
    cellGap: z.number().default(0.6),
    /**
     * ... or further apart than this many of the font's space widths, whichever is wider: a
     * monospace space is 0.6 em, so "County, State" in Courier is one cell, not two. Merging two
     * tight cells is the safe error: a cluster that names no column is split by alias phrases.
     */
    cellGapSpaces: z.number().default(1.25),
    /**
     * Neighbouring header cells closer than this (em) are joined when together they name a column
     * that no part names otherwise: OCR'd monospace headers ("County," "State") space their words
     * wider than cellGap, and OCR words carry no font to measure a space by.
     */
    phraseGap: z.number().default(1.5),
    /** Header lines further apart vertically than this (em) are not one header. */
    lineGap: z.number().default(0.9),
    /**
     * A header found set as close under an open table's last line as a header's own lines are is
     * that row's wrapped line, whose words happen to name another table's columns, unless it names
     * at least this many: a wrapped line names a couple by accident, a header a table's worth (a
     * header whose table's title OCR garbled, under the prose that the table before ran on into).
     */
    underRowMinNamed: z.number().int().positive().default(4),
    /**
     * A header repeated on a later page with every cell within this (em) of the earlier one has the
     * same columns: the body words under both place the white-space boundaries together.
     */
    repeatTolerance: z.number().default(1),
    /**
     * A line on an OCR'd page where a table was not found, that holds the texts of at least this
     * many of the cells of that table's header read whole on another page, each where one shift
     * of that header puts it, is that header read in part (see adoptedHeaders in extract.ts):
     * a grey band at 150 DPI lost three of eight header words above a page of rows.
     */
    adoptMinCells: z.number().int().positive().default(3),
    /** OCR'd header words may differ from an alias by this share of their length in edits ("Decliried"). */
    ocrAliasEditShare: z.number().default(0.15),
    /**
     * An OCR'd header cell that is the start of one column's aliases only names that column (the
     * first line of a wrapped cell whose other lines OCR lost), when it has at least this many
     * letters and this share of the alias's.
     */
    ocrAliasPrefix: z.object({ chars: z.number().int().default(6), share: z.number().default(0.4) }).prefault({}),
    /**
     * An OCR'd header cell of at least this many words, all but one those of an alias in order,
     * names that alias's column when no other column's aliases fit so ("CL, State").
     */
    ocrAliasOneWordOffMinWords: z.number().int().default(2),
    /**
     * An OCR'd header naming all required columns but one, with one cell naming nothing, names
     * that cell by elimination when at least this many columns are named otherwise; a table with
     * fewer required columns needs all the others named, and at least minNamedForEliminationSmall.
     */
    minNamedForElimination: z.number().int().default(4),
    /**
     * ... so a four-column table whose one garbled cell sits beside the three others named is
     * named by elimination, but a two-column one never is: one named cell beside one unknown is
     * as likely a line of prose or a body row as a header.
     */
    minNamedForEliminationSmall: z.number().int().default(3),
    /**
     * On an OCR'd page, two vertical rulings crossing the header band at least this far apart (em)
     * with no header word between them bound a header cell OCR read nothing in: an empty cell, named
     * by elimination when it is the one column missing, optional ones included.
     */
    emptyRuledCellMinWidth: z.number().default(2),
    /**
     * An OCR'd header that names every required column but one, with no cell left to name it by
     * elimination (OCR read nothing of a shaded header cell, on an unruled table), gets an empty
     * cell for that column where the body shows one the header does not: in the first
     * `lookaheadLines` body lines with text, at least `minShare` of them have a word starting in the
     * same gap between two header cells, at least `gap` em clear of both cells and of the word
     * before it on its line (a column's start, not a wrapped value's next word). The same body
     * lines name a short header's one unnamed cell when under it, on `minShare` of them, is a
     * whole value of the one missing column's closed form (a count under a garbled "Issued").
     */
    unheadedColumn: z.object({
      lookaheadLines: z.number().int().default(8),
      minShare: z.number().default(0.6),
      gap: z.number().default(1.5),
      /**
       * A header that names every required column gets a cell past its last one when at least
       * this share of the same body lines start a column there, beside text under the last cell
       * (two lines or more, unless the values have the form of a missing optional column): an
       * optional column whose header OCR lost. Lower than minShare, as such a column prints on a
       * row's first line only, and the rows' wrapped lines dilute it; its words must still start
       * clear of the last column's, on the same lines.
       */
      trailingMinShare: z.number().default(0.3),
    }).prefault({}),
    /**
     * An OCR'd header word less tall than this share of the band's median word height is a speck
     * read as a letter ("T" 1.4 pt tall over a 7 pt header): it neither makes a column nor joins
     * a header cell's words. Well under a lower-case word's share ("or" is about half of "Convicted").
     */
    speckMaxHeightShare: z.number().default(0.3),
    /**
     * ... and one less tall than this share, read at a confidence under doubtfulSpeckMaxConfidence,
     * is one too ("LJ" 2.9 pt tall at 0.40 over a 7 pt header made a column of its own, and the
     * words under it were lost, fresh seed 2721330642). A word OCR is sure of ("or") stays, unless
     * it is digits or capitals, which stand as tall as capitals (doubtfulSpeck).
     */
    doubtfulSpeckMaxHeightShare: z.number().default(0.5),
    doubtfulSpeckMaxConfidence: z.number().default(0.5),
    /** At most this share of a header's cells may be columns the spec does not know. */
    maxUnknownShare: z.number().default(0.34),
    /**
     * A body row whose cells name their own columns in at least this share of the required
     * columns is a repeated header the band matcher missed, and is dropped (see repeatsHeader).
     */
    repeatedRowShare: z.number().default(0.6),
    /**
     * A vertical ruling separates two header words when it lies between them, reaching up to this
     * far (pt) into either: a border touching its text. In points, as a drawn line does not grow with the font.
     */
    borderOverlapPt: z.number().default(1),
  }).prefault({}),
  body: z.object({
    /** A vertical gap larger than this (em) between two lines ends the table. */
    maxRowGap: z.number().default(2.2),
    /**
     * ... unless the lines after the gap start a row (a value in every anchor column, not spaced
     * like prose) and the gap is at most this (em): rows padded tall or spaced by paragraph
     * spacing, without borders to show they belong together.
     */
    maxRowGapBeforeRow: z.number().default(6),
    /** Lines may reach this far (em) outside the header's horizontal extent. */
    sideSlack: z.number().default(3),
    /** A word crossing a column boundary by more than this share of its width straddles it. */
    straddleShare: z.number().default(0.25),
    /**
     * Unruled rows: a line between two anchor lines starts the second row only when the gap above
     * it is wider than the gap above that row's anchor line by more than this (em); on a tie it stays
     * with the row above, since cells are usually top-aligned.
     */
    rowSplitMargin: z.number().default(0.15),
    /** ... and not to a line whose gap above is under this share of the table's usual gap between rows. */
    rowStartMinGapShare: z.number().default(0.5),
    /**
     * A line with no anchor value still starts a row (one whose anchor OCR did not read, so the
     * second look can) when it fills every column the table's rows fill on their first line, anchors
     * aside, and the gap above it is the table's usual gap between rows (less rowSplitMargin; or its
     * top is as far below the line above as one-line rows' tops usually are, since descenders
     * narrow a gap) and at least this (em):
     * wider than the lines of one wrapped cell are apart, so in tables whose rows are no further
     * apart than their lines nothing changes.
     */
    unanchoredRowMinGap: z.number().default(0.5),
    /**
     * ... and only in tables whose rows fill at least this share of their other columns on their
     * anchor line: where cells are centred vertically, the anchor line holds too little to say what
     * a row's first line looks like.
     */
    unanchoredRowMinFilled: z.number().default(0.5),
    /**
     * Unruled rows are also cut where each row's cells agree best on a top, centre or bottom line
     * (src/table/aligned-rows.ts): centred cells print a tall cell's first lines above its anchor
     * line, with no wider gap before them.
     */
    alignedRows: z.object({
      /** Those bounds replace the gap-based ones only when the cells stray less by this (em) for every bound moved; the search pays it for each bound it moves, so it moves only those that gain it. */
      minGain: z.number().default(0.5),
      /** One cell counts at most this (em) of straying: a cell misread or wrongly placed does not outweigh the rest. */
      cellCap: z.number().default(1),
    }).prefault({}),
    /**
     * A line whose word gaps are all under this (em, or spaces of its font, whichever is wider) reads
     * like prose: on a page that continues a table without its header, such a line crossing a
     * column boundary ends the table.
     */
    proseGap: z.object({ em: z.number().default(1), spaces: z.number().default(2.5) }).prefault({}),
    /** OCR words below this confidence do not decide where a row starts (specks, noise). */
    anchorMinConfidence: z.number().default(0.35),
    /**
     * A cell of a row's band with word-shaped ink in it that no OCR word covers (PageTokens.unread:
     * a word OCR dropped) has at most this confidence, under any review threshold: its text may
     * have lost a word, and nothing read says so.
     */
    unreadInkConfidence: z.number().min(0).max(1).default(0.5),
    /**
     * An OCR line in a row, across two columns or more, whose every word was read under
     * `maxConfidence`, half of them under `medianConfidence`, and none a word the document has read
     * at `maxConfidence` or more elsewhere (of `knownWordMinLetters` letters or more), is noise
     * (isNoiseLine): the dark edge of a shaded band on a noisy, skewed scan, read as a line of
     * garbage ("I ot Fn Sa … Ea Se a AIC") that would lead every cell of the row below. Garbage
     * spells short English words ("ear", "aimed"), so only the document's own words count. The
     * line adds no text; the cells under it are capped at unreadInkConfidence, as ink no word
     * covers is. A maxConfidence of 0 turns it off.
     */
    noiseLine: z.object({
      maxConfidence: z.number().min(0).max(1).default(0.5),
      medianConfidence: z.number().min(0).max(1).default(0.3),
      knownWordMinLetters: z.number().int().positive().default(4),
    }).prefault({}),
    /**
     * ... unless they make a whole value of the column's closed form (a date) at least this many
     * characters long, or match the start of one with at least this many digits ("10132017").
     */
    anchorFormMinChars: z.number().default(6),
    /**
     * Of a table with this many anchor columns or more, a line that starts a value in all of them
     * but one still starts a row (rowStartsAt): OCR misread that one (a two-letter code read with a
     * third letter at confidence 0) or lost it (read as nothing in a narrow ruled cell). With
     * fewer anchors, one misread anchor is too much of the evidence. 0 turns it off.
     */
    misreadAnchorMinAnchors: z.number().int().nonnegative().default(3),
  }).prefault({}),
  columns: z.object({
    /**
     * Without a ruling, a column whose values start where its header cell starts (within this, em)
     * is bounded there on the left ...
     */
    leftEdgeTolerance: z.number().default(0.3),
    /** ... when at least this share of the body lines with a word under the header cell start one there. */
    leftEdgeMinShare: z.number().default(0.6),
  }).prefault({}),
  brokenWords: z.object({
    /**
     * A word wider than its cell is broken where the cell's edge falls (LibreOffice: "Citizenshi"
     * over "p", "2/18/201" over "7"). A cell line holding one word only, that ends in a
     * letter or digit, is such a word's first part when the cell's next line starts with a letter
     * or digit and the word, with one glyph of that next line (its mean glyph width) and this much
     * slack (em), is at least as wide as the widest text the column prints: the rest could not
     * have fitted beside it, so the break owes nothing to a space. OCR'd words are measured by their
     * ink, a little narrower than the glyphs' advance, which the slack covers; a scan of such a
     * copy otherwise kept "Snohomis h County Jail" as a confident, silently wrong cell.
     */
    edgeSlack: z.number().default(0.15),
    /**
     * The geometry cannot tell a broken word from two words wrapped at a space in a cell exactly
     * as wide as the first ("New" over "York"), so the words decide (readBreak, broken-words.ts).
     * A join the document confirms (the joined word printed whole elsewhere in it, English while
     * its pieces are not both words, or a closed-form cell that reads whole only joined) keeps the
     * cell's confidence; pieces that are both words, joined into none, stay apart ("Willing" over
     * "to"). Any other reading, joined or apart, caps the cell's confidence at this, below any
     * usual review threshold, so the cell goes to review rather than being silently wrong.
     */
    unconfirmedConfidence: z.number().default(0.5),
  }).prefault({}),
  rulings: z.object({
    /** A vertical ruling is a column border when it lies within this (em) of the gap between header cells. */
    snap: z.number().default(0.6),
    /** A horizontal ruling separates rows when its pieces cover at least this share of the table width. */
    minRowRuleShare: z.number().default(0.6),
    /*
     * The next four are in points, not em: they measure drawn lines (their width, and where a
     * producer starts and ends a border), which do not grow with the font size of the text.
     */
    /** A row ruling may sit this far (pt) above the header's bottom or below the last body line: a border drawn on the text's edge. */
    rowRuleSlackPt: z.number().default(2),
    /**
     * Segments whose centres are this close (pt) vertically are one row ruling: drawn cell by cell,
     * or broken into pieces by a scan's noise. minRowRuleShare counts the length its pieces cover.
     */
    collinearPt: z.number().default(1),
    /** Row rulings closer than this (pt) are one border drawn twice (each cell's bottom and the next one's top). */
    sameRulePt: z.number().default(1),
    /**
     * A line far below a table's last row is still in it when row rulings band it like the rows
     * above: its band no shorter than theirs less this share, nor taller than theirs plus it.
     */
    ruledRowHeightShare: z.number().default(0.25),
  }).prefault({}),
});

export type ExtractionSettings = z.infer<typeof ExtractionSettingsSchema>;
export const DEFAULT_EXTRACTION_SETTINGS: ExtractionSettings = ExtractionSettingsSchema.parse({});
