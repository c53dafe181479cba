// morgue's search page. Everything comes from the JSON API (/api/...), and every text from an
// article or a query is put into the page as a text node (append(string), textContent) or an
// attribute value (setAttribute), never parsed as HTML. The URL holds the whole state:
// /?q=...&from=...&to=...&sort=...&page=...&article=ID.
'use strict';

(() => {
  const PAGE = 20;
  const MAX_PAGES = 500;
  const FACETS = [
    { field: 'person', label: 'People', clause: (v) => phrase('person', v.value) },
    { field: 'topic', label: 'Topics', clause: (v) => phrase('topic', v.key) },
    { field: 'dateline', label: 'Datelines', clause: (v) => phrase('place_key', v.key) },
    { field: 'source', label: 'Sources', clause: (v) => phrase('source', v.value) },
    { field: 'year', label: 'Years', clause: (v) => 'year:' + v.key.replace(/[^0-9-]/g, '') },
  ];
  const $ = (id) => document.getElementById(id);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let generation = 0;

  // ---- DOM helpers -------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // Snippet text with its matches in <mark>; highlights are UTF-8 byte ranges.
  function marked(snippet) {
    const fragment = document.createDocumentFragment();
    const bytes = encoder.encode(snippet.text || '');
    let last = 0;
    for (const [start, end] of snippet.highlights || []) {
      if (start < last || end > bytes.length || start > end) continue;
      fragment.append(decoder.decode(bytes.subarray(last, start)));
      fragment.append(el('mark', null, decoder.decode(bytes.subarray(start, end))));
      last = end;
    }
    fragment.append(decoder.decode(bytes.subarray(last)));
    return fragment;
  }

  // ---- State in the URL --------------------------------------------------------------
  function readState() {
    const p = new URLSearchParams(location.search);
    const page = parseInt(p.get('page') || '1', 10);
    return {
      q: p.get('q') || '',
      from: p.get('from') || '',
      to: p.get('to') || '',
      sort: p.get('sort') === 'date' ? 'date' : 'relevance',
      page: Number.isFinite(page) ? Math.min(Math.max(page, 1), MAX_PAGES) : 1,
      article: p.get('article') || '',
    };
  }
  function stateUrl(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.article) p.set('article', s.article);
    const query = p.toString();
    return '/' + (query ? '?' + query : '');
  }
  function go(changes) {
    const next = Object.assign(readState(), { article: '', page: 1 }, changes);
    history.pushState(null, '', stateUrl(next));
    render();
  }
  function filters(s) {
    const p = { q: s.q || '*' };
    if (s.from) p.from = s.from;
    if (s.to) p.to = s.to;
    return p;
  }

  // ---- Query building ----------------------------------------------------------------
  function phrase(field, value) {
    return field + ':"' + String(value).replace(/["\\]/g, ' ').trim() + '"';
  }
  // The place key the index holds for a place (`dateline::place_key`): its city part, folded.
  function placeKey(place) {
    return String(place).split(',')[0].normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[-\u2010\u2011\s]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim().replace(/ +/g, ' ');
  }
  function hasClause(q, clause) {
    return (' ' + q + ' ').includes(' ' + clause + ' ');
  }
  function withClause(q, clause) {
    q = (q || '').trim();
    if (!q || q === '*') return clause;
    if (hasClause(q, clause)) return q;
    if (/\sOR\s|\|\|/.test(q)) return '(' + q + ') ' + clause;
    return q + ' ' + clause;
  }
  function withoutClause(q, clause) {
    const rest = (' ' + q + ' ').replace(' ' + clause + ' ', ' ').trim();
    return rest || '*';
  }
  function toggle(clause) {
    const s = readState();
    go({ q: hasClause(s.q, clause) ? withoutClause(s.q, clause) : withClause(s.q, clause) });
  }

  // ---- API ---------------------------------------------------------------------------
  async function api(path, params) {
    const query = params ? '?' + new URLSearchParams(params).toString() : '';
    const response = await fetch('/api/' + path + query, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = (body && body.message) || response.status + ' ' + response.statusText;
      throw { status: response.status, message, column: body && body.column };
    }
    return body;
  }

  // ---- Rendering ---------------------------------------------------------------------
  function fillForm(s) {
    if (document.activeElement !== $('q')) $('q').value = s.q;
    $('from').value = s.from;
    $('to').value = s.to;
    $('sort').value = s.sort;
  }
  function setStatus(...children) {
    clear($('status')).append(...children);
  }
  function showError(error, s) {
    const box = el('div', { class: 'error', role: 'alert' }, el('strong', null, 'Error ' + (error.status || '') + ': '), error.message || String(error));
    if (error.column && s.q) {
      const caret = ' '.repeat(Math.max(0, error.column - 1)) + '^';
      box.append(el('pre', { class: 'caret' }, s.q + '\n' + caret));
    }
    setStatus(box);
  }

  // body[data-ready] is set once the current state is on the page (tests wait for it).
  function ready(mine) {
    if (mine === generation) document.body.dataset.ready = '1';
  }

  async function render() {
    const s = readState();
    const mine = ++generation;
    delete document.body.dataset.ready;
    fillForm(s);
    document.body.classList.toggle('reading', Boolean(s.article));
    $('article').hidden = !s.article;
    for (const id of ['results', 'pager', 'histogram']) $(id).hidden = Boolean(s.article);
    if (s.article) return renderArticle(s, mine);
    document.title = s.q ? s.q + ' — morgue' : 'morgue';
    setStatus(el('span', { class: 'muted' }, 'Searching…'));
    const base = filters(s);
    const searching = s.q
      ? api('search', Object.assign({}, base, { n: PAGE, offset: (s.page - 1) * PAGE, sort: s.sort }))
      : Promise.resolve(null);
    const histogram = api('histogram', Object.assign({}, base, { by: 'month' })).catch(() => null);
    const facets = Promise.all(FACETS.map((f) => api('facets', Object.assign({}, base, { field: f.field, top: 8 })).catch(() => null)));
    try {
      const [results, hist, facetLists] = await Promise.all([searching, histogram, facets]);
      if (mine !== generation) return;
      renderFacets(facetLists, s);
      renderHistogram(hist, s);
      if (results) renderResults(results, s);
      else renderWelcome(hist);
    } catch (error) {
      if (mine !== generation) return;
      clear($('results'));
      clear($('pager'));
      clear($('facets'));
      clear($('histogram'));
      showError(error, s);
    }
    ready(mine);
  }

  function renderWelcome(hist) {
    clear($('results'));
    clear($('pager'));
    const total = hist ? hist.total : 0;
    setStatus(el('span', null, total.toLocaleString('en') + ' articles in the archive. Type a query, or pick a facet.'));
  }

  function exportLinks(s) {
    const links = el('span', { class: 'exports' }, 'Export: ');
    for (const format of ['ndjson', 'csv']) {
      const p = new URLSearchParams(Object.assign(filters(s), { format }));
      links.append(el('a', { href: '/api/export?' + p.toString(), download: 'morgue-export.' + format }, format.toUpperCase()), ' ');
    }
    return links;
  }

  function renderResults(results, s) {
    const list = clear($('results'));
    const shown = results.hits.length;
    const first = shown ? results.offset + 1 : 0;
    setStatus(
      el('span', { id: 'total', 'data-total': results.total_hits }, results.total_hits.toLocaleString('en')),
      ' matching articles',
      shown ? el('span', { class: 'muted' }, ' · ' + first + '–' + (results.offset + shown)) : '',
      ' ',
      exportLinks(s),
    );
    list.start = first || 1;
    for (const hit of results.hits) list.append(renderHit(hit, s));
    renderPager(results.total_hits, s);
  }

  function articleHref(id, s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    p.set('article', id);
    return '/?' + p.toString();
  }

  function openArticle(event, id) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    const s = readState();
    history.pushState(null, '', stateUrl(Object.assign({}, s, { article: id })));
    render();
  }

  function chip(kind, text, clause) {
    return el('button', { type: 'button', class: 'chip ' + kind, title: 'Filter: ' + clause, onclick: () => toggle(clause) }, text);
  }

  function renderHit(hit, s) {
    const a = hit.article || hit;
    const when = a.date || (a.year ? String(a.year) : 'undated');
    const meta = el('div', { class: 'meta' }, el('time', null, when));
    if (a.dateline) meta.append(' · ', a.place ? chip('dateline', a.dateline, phrase('place_key', placeKey(a.place))) : a.dateline);
    if (a.source) meta.append(' · ', chip('source', a.source, phrase('source', a.source)));
    const copies = (hit.copies || []).length;
    if (copies) meta.append(' · ', el('span', { class: 'copies', title: 'copies of this story folded in' }, '+' + copies + (copies === 1 ? ' copy' : ' copies')));
    const chips = el('div', { class: 'chips' });
    for (const name of a.people.slice(0, 6)) chips.append(chip('person', name, phrase('person', name)));
    for (const topic of a.topics.slice(0, 4)) chips.append(chip('topic', topic, phrase('topic', topic)));
    return el('li', { class: 'hit' },
      el('h3', null, el('a', { class: 'title', href: articleHref(a.id, s), onclick: (e) => openArticle(e, a.id) }, a.title || '(untitled)')),
      meta,
      chips.childNodes.length ? chips : null,
      hit.snippet && hit.snippet.text ? el('p', { class: 'snippet' }, marked(hit.snippet)) : null,
    );
  }

  function renderPager(total, s) {
    const pager = clear($('pager'));
    const pages = Math.min(Math.ceil(total / PAGE), MAX_PAGES);
    if (pages <= 1) return;
    const link = (page, text, label) => page === s.page
      ? el('span', { class: 'current', 'aria-current': 'page' }, text)
      : el('a', { href: stateUrl(Object.assign({}, s, { page })), 'aria-label': label || 'Page ' + page, onclick: (e) => { e.preventDefault(); go({ page }); window.scrollTo(0, 0); } }, text);
    if (s.page > 1) pager.append(link(s.page - 1, '← Previous', 'Previous page'));
    const numbers = new Set([1, pages, s.page - 2, s.page - 1, s.page, s.page + 1, s.page + 2]);
    let last = 0;
    for (const page of [...numbers].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b)) {
      if (page > last + 1) pager.append(el('span', { class: 'gap' }, '…'));
      pager.append(link(page, String(page)));
      last = page;
    }
    if (s.page < pages) pager.append(link(s.page + 1, 'Next →', 'Next page'));
  }

  function renderFacets(lists, s) {
    const side = clear($('facets'));
    FACETS.forEach((facet, i) => {
      const data = lists[i];
      if (!data || !data.values.length) return;
      const list = el('ul');
      for (const v of data.values) {
        const clause = facet.clause(v);
        const on = hasClause(s.q, clause);
        list.append(el('li', null, el('button', {
          type: 'button', class: 'facet' + (on ? ' on' : ''), 'aria-pressed': on ? 'true' : 'false',
          title: (on ? 'Remove: ' : 'Narrow to: ') + clause, 'data-field': facet.field, onclick: () => toggle(clause),
        }, el('span', { class: 'value' }, v.value), el('span', { class: 'count' }, v.count.toLocaleString('en')))));
      }
      side.append(el('section', null, el('h2', null, facet.label), list));
    });
  }

  // Months, or years when the span is long; bars narrow the dates on click or drag.
  function renderHistogram(hist, s) {
    const box = clear($('histogram'));
    if (!hist || !hist.buckets.length) return;
    let buckets = hist.buckets;
    let unit = 'month';
    if (buckets.length > 60) {
      const years = new Map();
      for (const b of buckets) {
        const y = b.key.slice(0, 4);
        const cur = years.get(y);
        if (cur) { cur.count += b.count; cur.end = b.end; } else years.set(y, { key: y, start: b.start, end: b.end, count: b.count });
      }
      buckets = [...years.values()];
      unit = 'year';
    }
    const max = Math.max(...buckets.map((b) => b.count), 1);
    const width = 800;
    const height = 90;
    const barWidth = width / buckets.length;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 16}`, role: 'img', class: 'chart', preserveAspectRatio: 'none' });
    const label = document.createElementNS(SVG, 'title');
    label.textContent = 'Matching articles per ' + unit + ' — click or drag to narrow the dates';
    chart.append(label);
    let dragFrom = null;
    const bars = buckets.map((b, i) => {
      const h = b.count ? Math.max(2, (b.count / max) * height) : 0;
      const g = svg('g', { class: 'bar', 'data-index': i });
      g.append(svg('rect', { class: 'hit', x: i * barWidth, y: 0, width: barWidth, height }));
      g.append(svg('rect', { class: 'fill', x: i * barWidth + barWidth * 0.1, y: height - h, width: Math.max(barWidth * 0.8, 1), height: h }));
      const tip = document.createElementNS(SVG, 'title');
      tip.textContent = b.key + ': ' + b.count.toLocaleString('en');
      g.append(tip);
      return g;
    });
    const mark = (a, b) => bars.forEach((g, i) => g.classList.toggle('picked', dragFrom !== null && i >= Math.min(a, b) && i <= Math.max(a, b)));
    bars.forEach((g, i) => {
      g.addEventListener('pointerdown', (e) => { e.preventDefault(); dragFrom = i; mark(i, i); });
      g.addEventListener('pointerenter', () => { if (dragFrom !== null) mark(dragFrom, i); });
      g.addEventListener('pointerup', () => {
        if (dragFrom === null) return;
        const lo = buckets[Math.min(dragFrom, i)];
        const hi = buckets[Math.max(dragFrom, i)];
        dragFrom = null;
        go({ from: lo.start, to: hi.end, page: 1 });
      });
      chart.append(g);
    });
    chart.addEventListener('pointerleave', () => { dragFrom = null; mark(0, 0); });
    const axis = el('div', { class: 'axis' }, el('span', null, buckets[0].key), el('span', null, hist.undated ? hist.undated.toLocaleString('en') + ' undated' : ''), el('span', null, buckets[buckets.length - 1].key));
    box.append(chart, axis);
  }

  // ---- Article view ------------------------------------------------------------------
  async function renderArticle(s, mine) {
    const view = clear($('article'));
    setStatus(el('span', { class: 'muted' }, 'Loading article…'));
    const id = s.article;
    const quiet = (p) => p.catch(() => null);
    try {
      const [a, body, similar, copies] = await Promise.all([
        api('article/' + encodeURIComponent(id)),
        s.q && s.q !== '*' ? quiet(api('article/' + encodeURIComponent(id) + '/highlights', { q: s.q })) : null,
        quiet(api('similar/' + encodeURIComponent(id), { n: 8 })),
        quiet(api('duplicates/' + encodeURIComponent(id))),
      ]);
      if (mine !== generation) return;
      clear($('facets'));
      document.title = (a.title || 'Article') + ' — morgue';
      setStatus(el('a', { href: stateUrl(Object.assign({}, s, { article: '' })), class: 'back', onclick: (e) => { e.preventDefault(); history.back(); } }, '← Back to results'));
      view.append(el('h1', null, a.title || '(untitled)'));
      const facts = el('dl', { class: 'facts' });
      const row = (name, ...value) => facts.append(el('dt', null, name), el('dd', null, ...value));
      row('date', a.date || (a.year ? String(a.year) : '—'));
      row('dateline', a.dateline || '—', a.place && a.place !== a.dateline ? el('span', { class: 'muted' }, ' (' + a.place + ')') : '');
      row('source', a.source || '—');
      if (a.distributor) row('distributor', a.distributor);
      if (a.section) row('section', a.section);
      row('authors', a.authors.length ? a.authors.join('; ') : '—');
      const people = el('span', { class: 'chips' });
      a.people.forEach((p) => people.append(chip('person', p, phrase('person', p))));
      row('people', a.people.length ? people : '—');
      const topics = el('span', { class: 'chips' });
      a.topics.forEach((t) => topics.append(chip('topic', t, phrase('topic', t))));
      row('topics', a.topics.length ? topics : '—');
      row('path', el('code', { class: 'path' }, a.root.replace(/\/$/, '') + '/' + a.path));
      row('layout', a.layout);
      row('size', a.size.toLocaleString('en') + ' bytes');
      row('id', el('code', null, a.id));
      view.append(facts);
      view.append(el('div', { class: 'body' }, body ? marked(body) : (a.body || '')));
      view.append(related('Near-duplicates', copies && copies.copies.map((c) => ({ id: c.id, title: c.title, note: c.similarity >= 0.999 ? 'same body' : Math.round(c.similarity * 100) + '% alike', date: c.date })), s, 'No near-duplicates.'));
      view.append(related('Similar articles', similar && similar.hits.map((h) => ({ id: h.id, title: h.title, date: h.date, note: h.source || '' })), s, 'Nothing similar found.'));
      window.scrollTo(0, 0);
    } catch (error) {
      if (mine !== generation) return;
      showError(error, s);
    }
    ready(mine);
  }

  function related(title, items, s, empty) {
    const section = el('section', { class: 'related' }, el('h2', null, title));
    if (!items || !items.length) {
      section.append(el('p', { class: 'muted' }, empty));
      return section;
    }
    const list = el('ul');
    for (const item of items) {
      list.append(el('li', null,
        el('a', { href: articleHref(item.id, s), onclick: (e) => openArticle(e, item.id) }, item.title || '(untitled)'),
        el('span', { class: 'muted' }, ' · ' + (item.date || 'undated') + (item.note ? ' · ' + item.note : ''))));
    }
    section.append(list);
    return section;
  }

  // ---- Wiring ------------------------------------------------------------------------
  function submit(event) {
    if (event) event.preventDefault();
    go({ q: $('q').value.trim(), from: $('from').value.trim(), to: $('to').value.trim(), sort: $('sort').value });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search').addEventListener('submit', submit);
    $('sort').addEventListener('change', () => submit());
    $('from').addEventListener('change', () => submit());
    $('to').addEventListener('change', () => submit());
    $('clear-dates').addEventListener('click', () => { $('from').value = ''; $('to').value = ''; submit(); });
    $('home').addEventListener('click', (e) => { e.preventDefault(); go({ q: '', from: '', to: '' }); });
    const help = $('help');
    $('help-toggle').addEventListener('click', () => {
      help.hidden = !help.hidden;
      $('help-toggle').setAttribute('aria-expanded', String(!help.hidden));
    });
    document.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        $('q').focus();
        $('q').select();
      } else if (e.key === 'Escape') {
        help.hidden = true;
        $('help-toggle').setAttribute('aria-expanded', 'false');
      }
    });
    window.addEventListener('popstate', render);
    api('stats').then((st) => {
      const range = st.first_date && st.last_date ? ' · ' + st.first_date + ' to ' + st.last_date : '';
      $('foot').append(st.articles.toLocaleString('en') + ' articles' + range + ' · ' + st.sources + ' sources');
    }).catch(() => {});
    render();
    if (!readState().article) $('q').focus();
  });
})();
