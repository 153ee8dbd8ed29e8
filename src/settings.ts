/**
 * The engine's settings, one object per stage, as a report family may set them
 * (`ReportFamily.settings`): page classification, the text layer, OCR and table extraction.
 * Each stage's schema holds its defaults and the reason for each; a family sets only what its
 * reports need, and every stage, and every stage-cache key, uses the settings this returns.
 */
import { z } from 'zod';
import type { ReportFamily } from './family.ts';
import { OcrSettingsSchema } from './ocr/settings.ts';
import { ClassifySettingsSchema } from './pdf/classify.ts';
import { TextLayerSettingsSchema } from './pdf/text-layer.ts';
import { ExtractionSettingsSchema } from './table/settings.ts';

export const EngineSettingsSchema = z.object({
  classify: ClassifySettingsSchema.prefault({}),
  textLayer: TextLayerSettingsSchema.prefault({}),
  ocr: OcrSettingsSchema.prefault({}),
  extraction: ExtractionSettingsSchema.prefault({}),
});

export type EngineSettings = z.infer<typeof EngineSettingsSchema>;
export type EngineSettingsInput = z.input<typeof EngineSettingsSchema>;

const parsed = new WeakMap<Pick<ReportFamily, 'settings'>, EngineSettings>();

/** The family's engine settings over the defaults, parsed once per family. */
export function engineSettings(family: Pick<ReportFamily, 'settings'>): EngineSettings {
  let settings = parsed.get(family);
  if (!settings) {
    settings = EngineSettingsSchema.parse(family.settings ?? {});
    parsed.set(family, settings);
  }
  return settings;
}
