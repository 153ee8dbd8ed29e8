/**
 * Rows whose weakest cell is below this confidence go to the review queue (and count as flagged,
 * not silent, when wrong). OCR words of clean 300 DPI scans sit above 0.9; a corrected cell is
 * set to 0.7 (see ocr-cleanup.ts) so every correction is reviewed.
 */
export const REVIEW_THRESHOLD = 0.8;
