/**
 * Every tolerance the DDOR normalisers and validator use, in one place, with documented defaults.
 * Override by passing a partial object through `normaliseSettings(...)`.
 */
import { z } from 'zod';

export const NormaliseSettingsSchema = z.object({
  /**
   * Earliest year a printed date may have. Detainers in these reports go back years (one was
   * issued in 2010), but a year before this is an OCR misread, not history.
   */
  earliestYear: z.number().int().default(1970),
  /** Latest year a printed date may have; later years are misreads ("2/1/2917"). */
  latestYear: z.number().int().default(2030),
  /** Section I lists a "top ten"; any other number of rows is worth a reviewer's look. */
  topJurisdictionRows: z.number().int().positive().default(10),
  /**
   * Days a declined date may fall outside the report period before it is flagged. Zero: the
   * report defines its period by the declined date.
   */
  declinedPeriodGraceDays: z.number().int().nonnegative().default(0),
});

export type NormaliseSettings = z.infer<typeof NormaliseSettingsSchema>;

export const DEFAULT_SETTINGS: NormaliseSettings = NormaliseSettingsSchema.parse({});

export function normaliseSettings(overrides: Partial<NormaliseSettings> = {}): NormaliseSettings {
  return NormaliseSettingsSchema.parse(overrides);
}
