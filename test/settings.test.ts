/**
 * A family's engine settings (ReportFamily.settings) reach the stages and the stage-cache keys;
 * without them every stage runs with the schema defaults.
 */
import { describe, expect, it } from 'vitest';
import { ddor } from '../pipelines/ddor/family.ts';
import { familyFingerprint } from '../src/pipeline/stages.ts';
import { engineSettings } from '../src/settings.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';

describe('engine settings of a family', () => {
  it('are the defaults when the family sets none', () => {
    expect(engineSettings({}).extraction).toEqual(DEFAULT_EXTRACTION_SETTINGS);
    expect(engineSettings({}).ocr).toEqual(OcrSettingsSchema.parse({}));
  });

  it('override one tolerance and keep every other default', () => {
    const settings = engineSettings({ settings: { extraction: { body: { maxRowGap: 3 } }, ocr: { dpi: 200 } } });
    expect(settings.extraction.body).toEqual({ ...DEFAULT_EXTRACTION_SETTINGS.body, maxRowGap: 3 });
    expect(settings.extraction.rulings).toEqual(DEFAULT_EXTRACTION_SETTINGS.rulings);
    expect(settings.ocr.dpi).toBe(200);
  });

  it('are part of the report stage key, so a changed tolerance is not served from the cache', () => {
    const tuned = { ...ddor, settings: { extraction: { rulings: { sameRulePt: 2 } } } };
    expect(familyFingerprint(tuned)).not.toBe(familyFingerprint(ddor));
  });
});
