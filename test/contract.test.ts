import { describe, expect, it } from 'vitest';
import { DDOR_TABLES, DeclinedDetainerSchema, PolicyJurisdictionSchema, ReportSchema, TopJurisdictionSchema } from '../pipelines/ddor/contract.ts';
import { assignRecordIds } from '../pipelines/ddor/record-id.ts';
import { tableSchemaOf } from '../src/dataset/table-schema.ts';

const declined = {
  record_id: 'abcdef012345-1', report_id: 'ddor-2017-01-28', row: 1, state: 'TX', county: 'Travis County',
  county_fips: '48453', city: null, facility: 'Travis County Jail', citizenship: 'Mexico', citizenship_code: 'MX',
  detainer_issued: '2010-10-16', detainer_declined: '2017-02-01', criminal_status: 'charged', offense: 'Dangerous Drugs',
  offense_category: 'Dangerous Drugs', page: 12, source: 'text', confidence: 1,
};

describe('contract schemas', () => {
  it('accept rows in the normal forms of DATASET.md', () => {
    expect(DeclinedDetainerSchema.parse(declined)).toEqual(declined);
    expect(TopJurisdictionSchema.parse({ report_id: 'ddor-2017-01-28', rank: 1, county: 'Clark County', state: 'NV', county_fips: '32003', issued_detainers: 51 })).toBeTruthy();
    expect(PolicyJurisdictionSchema.parse({ report_id: 'ddor-2017-01-28', row: 2, jurisdiction: 'Travis County, Texas', aor: 'San Antonio', state: 'TX', jurisdiction_type: 'county', county_fips: '48453', date_enacted: '2017-01', policy: 'Policy', criteria: ['Willing to accept requests accompanied by a court order'] })).toBeTruthy();
    expect(ReportSchema.parse({ report_id: 'ddor-2017-01-28', edition: 'original', title: 'Weekly Declined Detainer Outcome Report', period_start: '2017-01-28', period_end: '2017-02-03', published: '2017-03-20', detainers_issued: 3083, top_ten_issued: 157, declined_count: 206, source_url: null, source_sha256: 'a'.repeat(64), page_count: 35, scope_text: null })).toBeTruthy();
  });

  it.each([
    ['a date that is not ISO', { detainer_issued: '2/1/2017' }, 'detainer_issued'],
    ['an impossible date', { detainer_declined: '2017-02-30' }, 'detainer_declined'],
    ['a state that is not a USPS code', { state: 'Texas' }, 'state'],
    ['a 4-digit FIPS code', { county_fips: '4845' }, 'county_fips'],
    ['an empty facility', { facility: '' }, 'facility'],
    ['an unknown offence category', { offense_category: 'Bad Things' }, 'offense_category'],
    ['a status other than convicted/charged', { criminal_status: 'Convicted' }, 'criminal_status'],
    ['a confidence above 1', { confidence: 1.5 }, 'confidence'],
  ])('reject %s', (_, change, field) => {
    const result = DeclinedDetainerSchema.safeParse({ ...declined, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it('reject an empty string in every column the Table Schema requires, as Table Schema counts "" missing', () => {
    // A Section III row with its policy read empty passed zod but failed the data package, and
    // then nothing was written (fresh seed 3311120542, an OCRmyPDF sandwich).
    for (const table of DDOR_TABLES) {
      const shape = (table.schema as unknown as { shape: Record<string, { safeParse: (v: unknown) => { success: boolean } }> }).shape;
      for (const field of tableSchemaOf(table).fields.filter((f) => f.constraints?.required && f.type === 'string')) {
        expect(shape[field.name]!.safeParse('').success, `${table.name}.${field.name}`).toBe(false);
      }
    }
  });

  it('derive the Table Schema from the same zod source, in column order', () => {
    const table = DDOR_TABLES.find((t) => t.name === 'declined_detainers')!;
    const schema = tableSchemaOf(table);
    expect(schema.fields.map((f) => f.name)).toEqual(Object.keys(DeclinedDetainerSchema.shape));
    expect(schema.primaryKey).toEqual(['record_id']);
    const byName = Object.fromEntries(schema.fields.map((f) => [f.name, f]));
    expect(byName.detainer_issued!.type).toBe('date');
    expect(byName.row!.type).toBe('integer');
    expect(byName.county_fips!.constraints?.required).toBeUndefined();
    expect(byName.facility!.constraints?.required).toBe(true);
    expect(byName.offense_category!.constraints?.enum).toContain('Unclassified');
    const policy = tableSchemaOf(DDOR_TABLES.find((t) => t.name === 'policy_jurisdictions')!);
    expect(policy.fields.find((f) => f.name === 'criteria')).toMatchObject({ type: 'array', constraints: { required: true, jsonSchema: { type: 'array', items: { type: 'string', minLength: 1 } } } });
    expect(policy.fields.find((f) => f.name === 'date_enacted')).toEqual({ name: 'date_enacted', type: 'yearmonth' });
    expect(policy.foreignKeys).toEqual([{ fields: ['report_id'], reference: { resource: 'reports', fields: ['report_id'] } }]);
  });

  it('declare every nullable column optional and every other one required (zod writes nullable as anyOf or as a type array)', () => {
    for (const table of DDOR_TABLES) {
      for (const field of tableSchemaOf(table).fields) {
        const nullable = table.schema.shape[field.name as keyof typeof table.schema.shape].safeParse(null).success;
        expect({ table: table.name, field: field.name, required: field.constraints?.required === true }).toEqual({ table: table.name, field: field.name, required: !nullable });
        expect(['string', 'integer', 'number', 'date', 'yearmonth', 'array']).toContain(field.type);
      }
    }
    const declined = tableSchemaOf(DDOR_TABLES.find((t) => t.name === 'declined_detainers')!);
    expect(declined.fields.find((f) => f.name === 'city')).toEqual({ name: 'city', type: 'string', description: 'only when the report has a City column' });
    expect(declined.fields.find((f) => f.name === 'row')!.constraints).toMatchObject({ required: true, exclusiveMinimum: 0 });
  });

  it('give identical printed rows distinct, stable record ids', () => {
    const row = { report_id: 'ddor-2017-01-28', state: 'TX', county: 'Travis County', facility: 'Travis County Jail', citizenship: 'Mexico', detainer_issued: '2017-01-02', detainer_declined: '2017-02-01', offense: 'Burglary' };
    const ids = assignRecordIds([row, { ...row, offense: 'Assault' }, row]);
    expect(ids[0]).toMatch(/^[0-9a-f]{12}-1$/);
    expect(ids[2]).toBe(ids[0]!.replace(/-1$/, '-2'));
    expect(assignRecordIds([{ ...row, offense: 'Assault' }, row])).toEqual([ids[1], ids[0]]);
  });
});
