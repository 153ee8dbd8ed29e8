/**
 * DDOR's SQLite database (written beside the CSVs, opened by Datasette): what people filter and
 * search by, and views answering the questions reporters asked of the weekly reports. The
 * tables and their types come from the contract; only these choices are DDOR's.
 */
import type { DatabaseSpec } from '../../src/dataset/sqlite.ts';

export const DDOR_DATABASE: DatabaseSpec = {
  tables: {
    reports: { facets: ['edition'] },
    top_jurisdictions: { indexes: ['state', 'county_fips'], facets: ['report_id', 'state'] },
    declined_detainers: {
      indexes: ['state', 'county_fips', 'citizenship_code', 'criminal_status', 'offense_category', 'detainer_declined'],
      fullText: ['facility', 'offense', 'county'],
      facets: ['report_id', 'state', 'criminal_status', 'offense_category', 'citizenship'],
    },
    policy_jurisdictions: {
      indexes: ['state', 'jurisdiction_type', 'county_fips'],
      fullText: ['jurisdiction', 'policy', 'criteria'],
      facets: ['report_id', 'state', 'jurisdiction_type'],
    },
  },
  views: [
    {
      name: 'report_totals',
      title: 'Totals per report',
      description: 'Each report edition with the totals it states (detainers issued nationwide, issued to the top ten) and the declined detainers it lists.',
      sql: `SELECT r.report_id, r.edition, r.period_start, r.period_end, r.detainers_issued, r.top_ten_issued,
  (SELECT COUNT(*) FROM declined_detainers d WHERE d.report_id = r.report_id) AS declined
FROM reports r
ORDER BY r.report_id`,
    },
    {
      name: 'declined_by_state',
      title: 'Declined detainers per state and report',
      description: 'How many declined detainers each report lists per state (USPS code).',
      sql: `SELECT report_id, state, COUNT(*) AS declined
FROM declined_detainers
GROUP BY report_id, state
ORDER BY report_id, declined DESC, state`,
      facets: ['report_id'],
    },
    {
      name: 'declined_by_county',
      title: 'Declined detainers per county and report',
      description: 'How many declined detainers each report lists per county (Census name and FIPS code).',
      sql: `SELECT report_id, state, county, county_fips, COUNT(*) AS declined
FROM declined_detainers
GROUP BY report_id, state, county, county_fips
ORDER BY report_id, declined DESC, state, county`,
      facets: ['report_id', 'state'],
    },
    {
      name: 'convicted_vs_charged',
      title: 'Convicted against charged, per report',
      description: 'Declined detainers of people convicted of the offence listed against those only charged; "not_stated" when the report gives neither.',
      sql: `SELECT report_id,
  SUM(criminal_status = 'convicted') AS convicted,
  SUM(criminal_status = 'charged') AS charged,
  SUM(criminal_status IS NULL) AS not_stated,
  COUNT(*) AS declined
FROM declined_detainers
GROUP BY report_id
ORDER BY report_id`,
    },
    {
      name: 'top_offense_categories',
      title: 'Offence categories, most frequent first',
      description: 'Declined detainers per offence category over all reports, with the share of all declined detainers and how many were convictions.',
      sql: `SELECT offense_category, COUNT(*) AS declined,
  SUM(criminal_status = 'convicted') AS convicted,
  ROUND(100.0 * COUNT(*) / (SELECT COUNT(*) FROM declined_detainers), 1) AS percent_of_declined
FROM declined_detainers
GROUP BY offense_category
ORDER BY declined DESC, offense_category`,
      units: { percent_of_declined: 'percent' },
    },
    {
      name: 'days_issued_to_declined',
      title: 'Days from detainer issued to declined, per report',
      description: 'Days between the date a detainer was issued and the date it was declined: shortest, mean and longest per report.',
      sql: `SELECT report_id, COUNT(*) AS declined,
  MIN(days) AS min_days, ROUND(AVG(days), 1) AS mean_days, MAX(days) AS max_days
FROM (SELECT report_id, julianday(detainer_declined) - julianday(detainer_issued) AS days FROM declined_detainers)
GROUP BY report_id
ORDER BY report_id`,
      units: { min_days: 'day', mean_days: 'day', max_days: 'day' },
    },
  ],
};
