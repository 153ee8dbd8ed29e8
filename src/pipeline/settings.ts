/**
 * Every knob of the staged pipeline in one place. Per-stage concurrency is set here; the OCR
 * engine and the downloader keep their own settings (src/ocr/settings.ts, src/download/settings.ts)
 * and are only handed the few values a run chooses.
 */
import { z } from 'zod';
import { DownloadSettingsSchema } from '../download/settings.ts';
import { DEFAULT_OCR_WORKERS } from '../ocr/settings.ts';

export const PipelineSettingsSchema = z.object({
  cacheDir: z.string().min(1).default('.cache')
    .describe('holds downloads/ (the PDF download cache) and stages/<stage>/<key>.json (stage results)'),
  fresh: z.boolean().default(false)
    .describe('ignore cached stage results (they are recomputed and rewritten); downloads stay cached'),
  ocr: z.boolean().default(true).describe('false: pages that need OCR are reported as failed pages'),
  forceOcr: z.boolean().default(false).describe('OCR every page, even those with a text layer'),
  ocrWorkers: z.number().int().positive().default(DEFAULT_OCR_WORKERS)
    .describe('tesseract.js worker threads; each keeps one core busy and holds ~100-200 MB'),
  reportConcurrency: z.number().int().positive().default(2)
    .describe('reports read at once: while one waits on OCR threads, another is read from its text layer or extracted on the main thread'),
  ocrPagesInFlight: z.number().int().positive().default(2)
    .describe('OCR pages of one report submitted at once (rendered pages are large; the pool bounds rendering too)'),
  download: DownloadSettingsSchema.omit({ cacheDir: true }).extend({
    revalidate: z.boolean().default(false)
      .describe('false: a PDF already in the download cache is used without asking the server (the series has ended, and a re-run must work offline); true: ask whether it changed'),
  }).prefault({}).describe('the downloader\'s settings; its cache is <cacheDir>/downloads'),
});

export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;
export type PipelineOptions = z.input<typeof PipelineSettingsSchema>;
