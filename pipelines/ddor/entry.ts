/**
 * The DDOR family as the command line first sees it (src/cli/main.ts, FamilyEntry): its name and
 * title, which `--help` prints, without loading its tables, layouts and reference data.
 */
import type { FamilyEntry } from '../../src/cli/main.ts';

export const DDOR_NAME = 'ddor';
export const DDOR_TITLE = 'DHS/ICE Declined Detainer Outcome Reports';

export const ddorEntry: FamilyEntry = {
  name: DDOR_NAME,
  title: DDOR_TITLE,
  load: async () => (await import('./family.ts')).ddor,
};
