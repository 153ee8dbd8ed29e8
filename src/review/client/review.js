// The review page's behaviour: draws the page images with the cell boxes, the row tables and the
// review queue from the inlined data, and links rows and boxes both ways. Plain browser
// JavaScript, inlined into index.html at build time (the page allows no other script).
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: the file is inlined as a classic script, not a module, so the directive is not redundant
  'use strict';
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const rowsById = new Map(data.rows.map((row) => [row.id, row]));
  const queued = new Set(data.queue);
  const SVG = 'http://www.w3.org/2000/svg';
  const state = { report: 0, table: null, selected: null, onlyFlagged: false };

  const pagePane = document.getElementById('page-pane');
  const tableWrap = document.getElementById('row-table-wrap');
  const detail = document.getElementById('row-detail');
  const reportSelect = document.getElementById('report-select');
  const tableSelect = document.getElementById('table-select');
  const onlyFlagged = document.getElementById('only-flagged');

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function svgEl(tag, attributes = {}) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  const confidenceClass = (confidence) =>
    confidence >= data.highConfidence ? 'conf-high' : confidence >= data.lowConfidence ? 'conf-mid' : 'conf-low';
  const percent = (confidence) => `${Math.round(confidence * 100)} %`;
  const displayValue = (value) => {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map(displayValue).join('\n');
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const findingsOf = (row) => row.findings.map((i) => data.findings[i]);
  const reportTitle = (index) => data.reports[index].title;

  /** Why a row is in the queue, in words. */
  function reasons(row) {
    const list = [];
    for (const reason of row.quarantine) list.push({ severity: 'error', text: `quarantined: ${reason}` });
    for (const f of findingsOf(row)) list.push({ severity: f.severity, text: `${f.code}${f.field ? ` (${f.field})` : ''}: ${f.message}` });
    if (row.confidence < data.lowConfidence) list.push({ severity: 'warning', text: `low confidence: weakest cell ${percent(row.confidence)}` });
    return list;
  }

  function rowFlags(row) {
    const flags = [];
    if (row.quarantine.length > 0) flags.push('quarantined');
    const severities = new Set(findingsOf(row).map((f) => f.severity));
    for (const s of ['error', 'warning', 'info']) if (severities.has(s)) flags.push(s);
    if (row.confidence < data.lowConfidence) flags.push('low confidence');
    if (row.change) flags.push(row.change);
    return flags;
  }

  // ---- pages -------------------------------------------------------------------------------

  function drawPages() {
    const report = data.reports[state.report];
    pagePane.replaceChildren();
    if (report.pages.length === 0) {
      pagePane.append(el('p', { class: 'missing', text: `No page images: ${report.missing}.` }));
      return;
    }
    const boxesByPage = new Map();
    for (const table of report.tables) {
      for (const id of table.rows) {
        const row = rowsById.get(id);
        for (const cell of row.cells) {
          for (const [page, x0, y0, x1, y1] of cell.boxes) {
            if (!boxesByPage.has(page)) boxesByPage.set(page, []);
            boxesByPage.get(page).push({ row, cell, x0, y0, x1, y1 });
          }
        }
      }
    }
    for (const page of report.pages) {
      const figure = el('figure', { class: 'page', id: `page-${page.page}`, 'data-page': page.page });
      const frame = el('div', { class: 'page-frame' });
      frame.append(el('img', { src: page.src, alt: `Page ${page.page} of ${report.title}`, loading: 'lazy', width: Math.round(page.widthPt), height: Math.round(page.heightPt) }));
      const svg = svgEl('svg', { viewBox: `0 0 ${page.widthPt} ${page.heightPt}`, class: 'boxes', 'aria-hidden': 'true' });
      for (const b of boxesByPage.get(page.page) ?? []) {
        const rect = svgEl('rect', {
          x: b.x0, y: b.y0, width: Math.max(1, b.x1 - b.x0), height: Math.max(1, b.y1 - b.y0),
          class: `box ${confidenceClass(b.cell.confidence)}${b.row.change ? ' changed-row' : ''}`,
          'data-row': b.row.id, 'data-field': b.cell.field,
        });
        const title = svgEl('title');
        title.textContent = `${b.row.table} row ${b.row.row}, ${b.cell.field}: ${b.cell.text} (${percent(b.cell.confidence)})`;
        rect.append(title);
        svg.append(rect);
      }
      frame.append(svg);
      figure.append(frame, el('figcaption', { text: `Page ${page.page}` }));
      pagePane.append(figure);
    }
  }

  // ---- row table ---------------------------------------------------------------------------

  function currentTable() {
    return data.reports[state.report].tables.find((t) => t.name === state.table) ?? null;
  }

  function visibleRowIds() {
    const table = currentTable();
    if (!table) return [];
    return state.onlyFlagged ? table.rows.filter((id) => queued.has(id)) : table.rows;
  }

  function drawRowTable() {
    const table = currentTable();
    tableWrap.replaceChildren();
    if (!table) {
      tableWrap.append(el('p', { text: 'This report has no extracted rows.' }));
      return;
    }
    const ids = visibleRowIds();
    const head = el('tr', {},
      el('th', { scope: 'col', text: 'Row' }), el('th', { scope: 'col', text: 'Page' }), el('th', { scope: 'col', text: 'Confidence' }),
      ...table.fields.map((f) => el('th', { scope: 'col', text: f })), el('th', { scope: 'col', text: 'Flags' }));
    const body = el('tbody');
    for (const id of ids) {
      const row = rowsById.get(id);
      const cells = new Map(row.cells.map((c) => [c.field, c]));
      const changedFields = new Set(row.changes.map((c) => c.field));
      const tr = el('tr', { 'data-row': id, tabindex: -1, class: row.change ? `change-${row.change}` : null },
        el('th', { scope: 'row', text: String(row.row) }),
        el('td', { class: 'num', text: String(row.page) }),
        el('td', { class: `num ${confidenceClass(row.confidence)}`, text: percent(row.confidence) }),
        ...table.fields.map((field) => {
          const cell = cells.get(field);
          if (!cell) return el('td');
          const low = cell.confidence < data.lowConfidence;
          return el('td', {
            class: [low ? 'cell-low' : '', changedFields.has(field) ? 'cell-changed' : ''].filter(Boolean).join(' ') || null,
            title: `${percent(cell.confidence)}${cell.raw !== undefined ? `; read as "${cell.raw}"` : ''}`,
          }, cell.text, low ? el('span', { class: 'visually-hidden', text: ` (low confidence ${percent(cell.confidence)})` }) : null);
        }),
        el('td', { class: 'flags', text: rowFlags(row).join(', ') }));
      body.append(tr);
    }
    const caption = el('caption', { text: `${table.name}: ${table.title} — ${ids.length} of ${table.rows.length} rows` });
    tableWrap.append(el('table', { class: 'rows', 'aria-label': `${table.name} rows` }, caption, el('thead', {}, head), body));
    const first = body.querySelector('tr');
    if (first) first.tabIndex = 0;
  }

  // ---- detail of the selected row ------------------------------------------------------------

  function drawDetail(row) {
    detail.replaceChildren();
    if (!row) return;
    detail.append(el('h3', { text: `${row.table} row ${row.row} (${reportTitle(row.report)}, page ${row.page}, ${row.source === 'ocr' ? 'OCR' : 'text layer'})` }));
    const why = reasons(row);
    if (why.length > 0) detail.append(el('ul', { class: 'reasons' }, ...why.map((r) => el('li', { class: `sev-${r.severity}`, text: r.text }))));
    if (row.changes.length > 0) {
      detail.append(el('p', { text: 'Changed since the previous version:' }),
        el('ul', {}, ...row.changes.map((c) => el('li', {}, `${c.field}: `, el('del', { text: displayValue(c.old) }), ' → ', el('ins', { text: displayValue(c.new) })))));
    }
    if (row.values) {
      const entries = Object.entries(row.values);
      detail.append(el('table', { class: 'values' }, el('caption', { text: 'As published' }),
        el('tbody', {}, ...entries.map(([k, v]) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', { text: displayValue(v) }))))));
    }
  }

  // ---- selection -----------------------------------------------------------------------------

  function select(id, options = {}) {
    const row = rowsById.get(id);
    if (!row) return;
    if (row.report !== state.report) {
      state.report = row.report;
      reportSelect.value = String(row.report);
      state.table = row.table;
      fillTableSelect();
      drawPages();
      drawRowTable();
    } else if (row.table !== state.table || (state.onlyFlagged && !queued.has(id))) {
      state.table = row.table;
      if (state.onlyFlagged && !queued.has(id)) { state.onlyFlagged = false; onlyFlagged.checked = false; }
      tableSelect.value = row.table;
      drawRowTable();
    }
    for (const node of document.querySelectorAll('#pages .selected')) {
      node.classList.remove('selected');
      if (node.tagName === 'TR') { node.removeAttribute('aria-current'); node.tabIndex = -1; }
    }
    state.selected = id;
    const tr = tableWrap.querySelector(`tr[data-row="${id}"]`);
    if (tr) {
      tr.classList.add('selected');
      tr.setAttribute('aria-current', 'true');
      tr.tabIndex = 0;
      if (options.focusRow) tr.focus({ preventScroll: true });
      tr.scrollIntoView({ block: 'nearest' });
    }
    const boxes = [...pagePane.querySelectorAll(`rect[data-row="${id}"]`)];
    for (const box of boxes) box.classList.add('selected');
    if (boxes.length > 0 && options.scrollPage !== false) scrollBoxIntoView(boxes[0]);
    drawDetail(row);
    history.replaceState(null, '', `#row-${id}`);
  }

  /** Scrolls the page pane (not the window) so the box sits a third of the way down. */
  function scrollBoxIntoView(box) {
    const paneRect = pagePane.getBoundingClientRect();
    const boxRect = box.getBoundingClientRect();
    pagePane.scrollTop += boxRect.top - paneRect.top - paneRect.height / 3;
  }

  function moveSelection(tr, key) {
    const rows = [...tableWrap.querySelectorAll('tbody tr')];
    const index = rows.indexOf(tr);
    const page = Math.max(1, Math.floor(tableWrap.clientHeight / Math.max(1, tr.offsetHeight)) - 1);
    const target = {
      ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1, PageDown: index + page, PageUp: index - page,
    }[key];
    if (target === undefined) return false;
    const next = rows[Math.max(0, Math.min(rows.length - 1, target))];
    if (next) select(next.dataset.row, { focusRow: true });
    return true;
  }

  tableWrap.addEventListener('click', (event) => {
    const tr = event.target.closest('tbody tr');
    if (tr) select(tr.dataset.row, { focusRow: true });
  });
  tableWrap.addEventListener('keydown', (event) => {
    const tr = event.target.closest('tbody tr');
    if (!tr) return;
    if (event.key === 'Enter' || event.key === ' ') {
      select(tr.dataset.row, { focusRow: true });
      event.preventDefault();
    } else if (moveSelection(tr, event.key)) event.preventDefault();
  });
  tableWrap.addEventListener('focusin', (event) => {
    const tr = event.target.closest('tbody tr');
    if (tr && tr.dataset.row !== state.selected) select(tr.dataset.row, { focusRow: false });
  });
  pagePane.addEventListener('click', (event) => {
    const rect = event.target.closest('rect[data-row]');
    if (rect) select(rect.dataset.row, { scrollPage: false });
  });

  // ---- controls --------------------------------------------------------------------------------

  function fillTableSelect() {
    const tables = data.reports[state.report].tables;
    tableSelect.replaceChildren(...tables.map((t) => el('option', { value: t.name, text: `${t.name} (${t.rows.length})` })));
    if (!tables.some((t) => t.name === state.table)) state.table = tables[0]?.name ?? null;
    if (state.table) tableSelect.value = state.table;
  }

  reportSelect.replaceChildren(...data.reports.map((r, i) => el('option', { value: i, text: r.title })));
  reportSelect.addEventListener('change', () => {
    state.report = Number(reportSelect.value);
    state.selected = null;
    fillTableSelect();
    drawPages();
    drawRowTable();
    drawDetail(null);
  });
  tableSelect.addEventListener('change', () => {
    state.table = tableSelect.value;
    drawRowTable();
  });
  onlyFlagged.addEventListener('change', () => {
    state.onlyFlagged = onlyFlagged.checked;
    drawRowTable();
    if (state.selected) select(state.selected, { scrollPage: false });
  });

  // ---- review queue ----------------------------------------------------------------------------

  /** The cells a reviewer should see: those a finding names or that read with low confidence; else the whole row. */
  function cellsToShow(row) {
    const named = new Set(findingsOf(row).map((f) => f.field).filter(Boolean));
    const cells = row.cells.filter((c) => named.has(c.field) || c.confidence < data.lowConfidence);
    return cells.length > 0 ? cells : row.cells;
  }

  function crop(row, cells) {
    const report = data.reports[row.report];
    const boxes = cells.flatMap((c) => c.boxes);
    const page = report.pages.find((p) => p.page === (boxes[0]?.[0] ?? row.page));
    if (!page || boxes.length === 0) return el('p', { class: 'missing', text: report.missing ?? 'No box recorded for this row.' });
    const onPage = boxes.filter((b) => b[0] === page.page);
    const margin = data.cropMargin;
    const x0 = Math.max(0, Math.min(...onPage.map((b) => b[1])) - margin);
    const y0 = Math.max(0, Math.min(...onPage.map((b) => b[2])) - margin);
    const x1 = Math.min(page.widthPt, Math.max(...onPage.map((b) => b[3])) + margin);
    const y1 = Math.min(page.heightPt, Math.max(...onPage.map((b) => b[4])) + margin);
    const scale = Math.min(2, 520 / Math.max(1, x1 - x0));
    const svg = svgEl('svg', { viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, width: Math.round((x1 - x0) * scale), height: Math.round((y1 - y0) * scale), role: 'img', class: 'crop' });
    svg.setAttribute('aria-label', `Crop of page ${page.page} around ${cells.map((c) => c.field).join(', ')}`);
    svg.append(svgEl('image', { href: page.src, x: 0, y: 0, width: page.widthPt, height: page.heightPt }));
    for (const c of cells) {
      for (const [p, bx0, by0, bx1, by1] of c.boxes) {
        if (p === page.page) svg.append(svgEl('rect', { x: bx0, y: by0, width: bx1 - bx0, height: by1 - by0, class: `box ${confidenceClass(c.confidence)}` }));
      }
    }
    return svg;
  }

  function queueItem(id, position) {
    const row = rowsById.get(id);
    const cells = cellsToShow(row);
    const heading = el('h3', { text: `${position}. ${row.table} row ${row.row} — ${reportTitle(row.report)}, page ${row.page}` });
    const values = el('dl', { class: 'values' }, ...cells.flatMap((c) => [
      el('dt', { text: c.field }),
      el('dd', {}, el('span', { class: 'value', text: c.text || '(empty)' }), ` ${percent(c.confidence)}`, c.raw !== undefined ? ` (read as "${c.raw}")` : ''),
    ]));
    const show = el('button', { type: 'button', 'data-row': id, text: 'Show on page' });
    return el('li', { class: 'queue-item', 'data-row': id }, el('article', { 'aria-label': heading.textContent },
      heading,
      el('ul', { class: 'reasons' }, ...reasons(row).map((r) => el('li', { class: `sev-${r.severity}`, text: r.text }))),
      el('div', { class: 'queue-body' }, crop(row, cells), values),
      show));
  }

  function drawQueue() {
    const list = document.getElementById('queue-list');
    list.replaceChildren();
    if (data.queue.length === 0) list.append(el('p', { class: 'empty', text: 'Nothing to review: every row is above the confidence threshold and no stage flagged one.' }));
    else list.append(el('ol', { class: 'queue' }, ...data.queue.map((id, i) => queueItem(id, i + 1))));
    const where = (f) => [f.file, f.page ? `p. ${f.page}` : null, f.table, f.row ? `row ${f.row}` : null].filter(Boolean).join(' ');
    const findingList = (indexes) => {
      const bySeverity = ['error', 'warning', 'info'].flatMap((s) => indexes.map((i) => data.findings[i]).filter((f) => f.severity === s));
      return el('ul', { class: 'findings' }, ...bySeverity.map((f) =>
        el('li', { class: `sev-${f.severity}` }, el('strong', { text: `${f.severity} ${f.code}` }), ` ${where(f)}: ${f.message}`)));
    };
    if (data.unattached.length > 0) list.append(el('h3', { text: `Findings not tied to a row (${data.unattached.length})` }), findingList(data.unattached));
    // Errors and warnings about files whose rows are not used stay in view; only the info ones fold away.
    const serious = data.otherFiles.filter((i) => data.findings[i].severity !== 'info');
    const info = data.otherFiles.filter((i) => data.findings[i].severity === 'info');
    const otherTitle = (n) => `Findings about files whose rows are not in the dataset (${n}): copies superseded by another edition or read less reliably`;
    if (serious.length > 0) list.append(el('h3', { text: otherTitle(serious.length) }), findingList(serious));
    if (info.length > 0) list.append(el('details', {}, el('summary', { text: serious.length > 0 ? `Information about those files (${info.length})` : otherTitle(info.length) }), findingList(info)));
    list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-row]');
      if (!button) return;
      document.getElementById('pages').scrollIntoView();
      select(button.dataset.row, { focusRow: true });
    });
  }

  fillTableSelect();
  drawPages();
  drawRowTable();
  drawQueue();
  const linked = /^#row-(r\d+)$/.exec(location.hash);
  if (linked && rowsById.has(linked[1])) select(linked[1], { focusRow: false });
})();
