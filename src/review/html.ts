/**
 * The review page: one HTML document with the data inlined as JSON, the script and the styles
 * inlined, and page images beside it in assets/. The content security policy allows nothing
 * remote: images only from the site's own folder, the one script by its hash, no connections.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectFile } from '../project-files.ts';
import type { TableSpec } from '../dataset/table-spec.ts';
import type { DatasetDiff } from '../versions/diff.ts';
import { escapeHtml, renderDiffBodyHtml } from '../versions/render-html.ts';
import { diffTitle } from '../versions/render.ts';
import type { ReviewDataset } from './input.ts';
import type { ReviewData } from './model.ts';
import { summaryHtml } from './summary.ts';

const CLIENT_SCRIPT = readFileSync(projectFile('./client/review.js', import.meta.url), 'utf8');
const CLIENT_STYLE = readFileSync(projectFile('./client/review.css', import.meta.url), 'utf8');

const scriptHash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

export const contentSecurityPolicy = (script: string) =>
  `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src ${scriptHash(script)}; base-uri 'none'; form-action 'none'`;

/** JSON that cannot end the script element it sits in ("</script>" inside a value) or be read as HTML. */
export const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function diffSection(diff: DatasetDiff | null): string {
  if (!diff) {
    return `<section id="diff" aria-labelledby="diff-title"><h2 id="diff-title">Changes</h2>
<p>No previous version was given, so there is nothing to compare with. Pass <code>--previous &lt;dataset-folder&gt;</code> to see what changed.</p></section>`;
  }
  return `<section id="diff" aria-labelledby="diff-title"><h2 id="diff-title">${escapeHtml(diffTitle(diff))}</h2>
<p>Changed and added rows are also marked in the row tables above.</p>
<div class="diff" role="region" tabindex="0" aria-label="Dataset diff">${renderDiffBodyHtml(diff)}</div></section>`;
}

/**
 * A dataset built from sample or test PDFs says so in datapackage.json (`sample_data: true`); the
 * page says so before anything else, so a screenshot of it is never mistaken for the real data.
 */
function sampleBanner(dataset: ReviewDataset): string {
  if (dataset.datapackage.sample_data !== true) return '';
  const description = typeof dataset.datapackage.description === 'string' ? ` ${escapeHtml(dataset.datapackage.description)}` : '';
  return `<p class="banner" role="note"><strong>Sample data, not the published reports.</strong>${description}</p>\n`;
}

export interface ReviewPageInput {
  tables: readonly TableSpec[];
  dataset: ReviewDataset;
  diff: DatasetDiff | null;
  data: ReviewData;
  groupColumn: string;
  chartBars: number;
}

export function renderReviewPage(input: ReviewPageInput): string {
  const { data } = input;
  const title = `${data.title}: review of ${data.dataset}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(CLIENT_SCRIPT)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CLIENT_STYLE}</style>
</head>
<body>
<a class="skip" href="#queue">Skip to the review queue</a>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<nav aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#queue">Review queue (${data.queue.length})</a></li>
<li><a href="#pages">Pages and rows</a></li>
<li><a href="#diff">Changes${input.diff ? ` since ${escapeHtml(input.diff.from ?? 'nothing')}` : ''}</a></li>
</ul></nav>
</header>
<main>
${sampleBanner(input.dataset)}<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
${summaryHtml(input.tables, input.dataset, { groupColumn: input.groupColumn, chartBars: input.chartBars, queueLength: data.queue.length })}
</section>
<section id="queue" aria-labelledby="queue-title">
<h2 id="queue-title">Review queue</h2>
<p>Rows below ${data.lowConfidence} confidence, rows a stage flagged with a finding, and quarantined rows, most urgent first. Each shows the page beside the value read from it.</p>
<div id="queue-list"><p class="noscript">The queue, the page viewer and the row tables need JavaScript.</p></div>
</section>
<section id="pages" aria-labelledby="pages-title">
<h2 id="pages-title">Pages and rows</h2>
<div class="controls">
<label>Report <select id="report-select"></select></label>
<label>Table <select id="table-select"></select></label>
<label><input type="checkbox" id="only-flagged"> Only rows in the review queue</label>
<p class="legend" aria-label="Box colours">Boxes: <span class="key conf-high">confidence ≥ ${data.highConfidence}</span> <span class="key conf-mid">≥ ${data.lowConfidence}</span> <span class="key conf-low">below ${data.lowConfidence} (dashed)</span> <span class="key selected">selected row</span></p>
</div>
<p class="hint">Click a row, or a box on a page, to link the two. In the table, ↑ ↓ Home End move between rows.</p>
<div class="viewer">
<div class="page-pane" id="page-pane" tabindex="0" aria-label="Page images"></div>
<div class="row-pane">
<div class="row-table-wrap" id="row-table-wrap"></div>
<div class="row-detail" id="row-detail" aria-live="polite"></div>
</div>
</div>
</section>
${diffSection(input.diff)}
</main>
<script type="application/json" id="review-data">${inlineJson(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
