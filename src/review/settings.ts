/** Every tolerance of the review site, with its default and why. */
import { z } from 'zod';

export const ReviewSettingsSchema = z.object({
  lowConfidence: z.number().min(0).max(1).optional()
    .describe("rows whose weakest cell is below this confidence join the review queue; default: the family's reviewThreshold, the same one review.json uses"),
  highConfidence: z.number().min(0).max(1).default(0.95)
    .describe('cells at or above this confidence are drawn green (a text layer is 1); between lowConfidence and this, amber; below lowConfidence, red and dashed'),
  dpi: z.number().int().min(36).max(300).default(100)
    .describe('page images: 100 DPI keeps 8-point print legible on a laptop screen at about 100 KB per page'),
  jpegQuality: z.number().int().min(30).max(100).default(80)
    .describe('page images are JPEG; 80 keeps small print crisp without PNG sizes'),
  cropMargin: z.number().min(0).default(6)
    .describe('PDF points of page shown around a cell in the review queue crops, so its neighbours give context'),
  groupColumn: z.string().default('state')
    .describe('the column counted per value in the summary chart (tables without it are left out)'),
  chartBars: z.number().int().positive().default(15)
    .describe('bars in the summary chart; the remaining values are summed into one "other" bar'),
  downloadCache: z.string().default('.cache/downloads')
    .describe('download cache searched for source PDFs by SHA-256 (objects/<sha256>.pdf)'),
});

export type ReviewSettings = z.output<typeof ReviewSettingsSchema>;
export type ReviewSettingsInput = z.input<typeof ReviewSettingsSchema>;
