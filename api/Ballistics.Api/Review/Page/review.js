// Correlation review: a reviewer walks the queue of evidence with leads, each item's ranked candidates with the
// comparison's pictures beside them, and moves candidates on (candidate → lead → confirmed, or rejected) as the key's
// role allows. Plain DOM and fetch: the page is small, and a build toolchain would be the largest part of it.
'use strict';

const PICTURES = ['cells', 'aligned', 'overlay', 'difference', 'reference', 'target', 'region-a', 'region-b', 'firing-pin'];

// The pictures this comparison has, in PICTURES order: the firing pin's only when the firing pins were compared.
function shownPictures() {
  return PICTURES.filter((name) => state.diagnostics?.images.some((image) => image.name === name));
}
const KEY_STORE = 'ballistics.apiKey';
const LANGUAGE_STORE = 'ballistics.language';
const LANGUAGE_TAGS = { en: 'en-US', es: 'es-MX' };
const $ = (id) => document.getElementById(id);

const state = {
  key: null, me: null, queue: [], queueIndex: 0, evidence: null, leads: [], leadIndex: 0,
  detail: null, diagnostics: null, picture: 'cells', pictures: new Map(), mode: 'queue', token: 0,
  language: 'en', texts: {}, linkage: null, textsLoaded: Promise.resolve(),
};

// --- language -----------------------------------------------------------------------------------------------

/** A text of the page's language (/review/texts.LANG.json), its {0}, {1}… filled in order. */
function t(key, ...args) {
  const text = state.texts[key];
  if (text === undefined) {
    console.error(`no text '${key}' in ${state.language}`);
    return key;
  }
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

function applyTexts() {
  document.documentElement.lang = LANGUAGE_TAGS[state.language];
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
  for (const node of document.querySelectorAll('*')) {
    for (const { name, value } of [...node.attributes]) {
      if (name.startsWith('data-text-')) node.setAttribute(name.slice('data-text-'.length), t(value));
    }
  }
  $('language').value = state.language;
}

/** Loads the texts of a language and redraws what is on screen in it; a chosen language is remembered in this browser. */
async function setLanguage(language, remember) {
  const response = await fetch(`/review/texts.${language}.json`);
  state.texts = await response.json();
  state.language = language;
  if (remember) localStorage.setItem(LANGUAGE_STORE, language);
  applyTexts();
  if (!state.me) return;
  renderWho();
  renderQueue();
  if (state.evidence) { renderEvidence(); renderLeads(); }
  // The pictures' titles and captions are the server's words: asked for again in the new language.
  if (state.diagnostics) await selectLead(state.leadIndex);
  if (state.linkage) renderLinkage();
}

/** The reader's own choice, else (before sign-in) the browser's language. */
function startingLanguage() {
  const chosen = localStorage.getItem(LANGUAGE_STORE);
  if (chosen === 'en' || chosen === 'es') return chosen;
  return (navigator.language || '').toLowerCase().startsWith('es') ? 'es' : 'en';
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    // The API writes its refusals in the page's language.
    headers: { Authorization: `Bearer ${state.key}`, Accept: 'application/json', 'Accept-Language': LANGUAGE_TAGS[state.language], ...(options.headers || {}) },
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      message = problem.detail || problem.title || message;
    } catch { /* not a ProblemDetails body: the status line says enough */ }
    throw new ApiError(response.status, message);
  }
  return response.headers.get('content-type')?.includes('json') ? response.json() : response.blob();
}

function say(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

function facts(container, pairs) {
  container.replaceChildren(...pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '—')]));
}

const fixed = (value, digits) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));

// --- signing in -------------------------------------------------------------------------------------------

async function signIn(key) {
  await state.textsLoaded;
  state.key = key;
  try {
    state.me = await api('/v1/me');
  } catch (error) {
    sessionStorage.removeItem(KEY_STORE);
    state.key = null;
    say(error.status === 401 ? t('signin.invalid') : t('signin.failed', error.message), true);
    return;
  }
  sessionStorage.setItem(KEY_STORE, key);
  // Without a choice of their own, a reader works in their key's country's language.
  if (!localStorage.getItem(LANGUAGE_STORE)) {
    const language = state.me.country === 'MX' ? 'es' : 'en';
    if (language !== state.language) await setLanguage(language, false);
  }
  $('sign-in').hidden = true;
  $('workspace').hidden = false;
  $('sign-out').hidden = false;
  renderWho();
  await loadQueue();
}

function renderWho() {
  $('who').textContent = `${state.me.role} · ${state.me.agency} (${state.me.country})`;
}

function signOut() {
  sessionStorage.removeItem(KEY_STORE);
  location.reload();
}

// --- the queue --------------------------------------------------------------------------------------------

async function loadQueue(keepSelection = false) {
  const selected = keepSelection ? state.queue[state.queueIndex]?.evidence.id : null;
  state.queue = await api('/v1/review/queue');
  const again = state.queue.findIndex((entry) => entry.evidence.id === selected);
  state.queueIndex = again >= 0 ? again : 0;
  renderQueue();
  if (!keepSelection) {
    $('queue').focus();
    say(state.queue.length ? t('queue.count', state.queue.length) : t('queue.empty'));
    await openLinked();
  }
}

/** Opens the item the address names (#evidence/ID), if any and if this key may see it. */
async function openLinked() {
  const linked = /^#evidence\/(\d+)$/.exec(location.hash);
  if (!linked) return;
  const id = Number(linked[1]);
  const index = state.queue.findIndex((entry) => entry.evidence.id === id);
  try {
    if (index >= 0) selectQueue(index);
    await openEvidence(index >= 0 ? state.queue[index].evidence : await api(`/v1/evidence/${id}`));
  } catch (error) {
    say(error.status === 404 ? t('evidence.not_found', id) : t('evidence.error', id, error.message), true);
  }
}

function renderQueue() {
  const items = state.queue.map((entry, i) => {
    const e = entry.evidence;
    const todo = entry.candidates + entry.leads;
    return el('li', { role: 'option', 'aria-selected': String(i === state.queueIndex), 'data-evidence-id': e.id, onclick: () => { selectQueue(i); openEvidence(); } },
      el('strong', {}, e.exhibit_id), ` ${kindWord(e.kind)}`,
      el('div', {}, [e.incident_id, e.firearm_id, e.country].filter(Boolean).join(' · ')),
      el('div', { class: 'counts' },
        el('span', { class: todo ? 'badge todo' : 'badge' }, t('badge.to_review', todo)),
        el('span', { class: 'badge' }, t('badge.confirmed', entry.confirmed)),
        el('span', { class: 'badge' }, t('badge.rejected', entry.rejected))));
  });
  $('queue').replaceChildren(...items);
}

function selectQueue(i) {
  if (!state.queue.length) return;
  state.queueIndex = Math.max(0, Math.min(state.queue.length - 1, i));
  renderQueue();
  $('queue').children[state.queueIndex]?.scrollIntoView({ block: 'nearest' });
}

// --- an evidence item and its candidates ------------------------------------------------------------------

async function openEvidence(evidence = state.queue[state.queueIndex]?.evidence) {
  if (!evidence) return;
  state.evidence = evidence;
  // The address names the item, so a reviewer can send it to an examiner (who signs in with their own key).
  history.replaceState(null, '', `#evidence/${evidence.id}`);
  state.leads = await api(`/v1/evidence/${state.evidence.id}/leads`);
  state.linkage = null;
  $('linkage').hidden = true;
  renderEvidence();
  $('evidence').hidden = false;
  state.mode = 'leads';
  renderLeads();
  await selectLead(0);
  $('candidate-rows').children[0]?.focus();
}

function kindWord(kind) {
  return t(kind === 'test_fire' ? 'kind.test_fire' : 'kind.evidence');
}

function statusWord(status) {
  return state.texts[`status.${status}`] === undefined ? status : t(`status.${status}`);
}

function renderEvidence() {
  const e = state.evidence;
  $('evidence-title').textContent = `${e.exhibit_id} (${kindWord(e.kind)})`;
  facts($('evidence-facts'), [
    [t('fact.lab'), e.lab], [t('fact.agency'), e.agency], [t('fact.country'), e.country], [t('fact.incident'), e.incident_id],
    [t('fact.firearm'), e.firearm_id], [t('fact.caliber'), e.caliber], [t('fact.date'), e.date], [t('fact.state'), e.mx_state || e.us_state],
    [t('fact.file'), e.file_name]]);
  $('linkage-toggle').disabled = !e.firearm_id && !e.incident_id;
}

function renderLeads() {
  const rows = state.leads.map((lead, i) => el('tr', {
    tabindex: '-1', 'aria-selected': String(i === state.leadIndex), 'data-lead-id': lead.id, onclick: () => { state.mode = 'leads'; selectLead(i); },
  },
  el('td', {}, String(lead.rank)), el('td', {}, lead.candidate_exhibit_id),
  lead.registration?.status === 'failed'
    ? el('td', { class: 'registration-failed', title: t('lead.registration_failed', lead.registration.reason) }, t('lead.not_registered', fixed(lead.score, 3)))
    : el('td', {}, fixed(lead.score, 3)),
  el('td', {}, String(lead.cmc)),
  el('td', {}, fixed(lead.ccf, 3)), el('td', {}, lead.candidate_incident_id ?? ''),
  el('td', {}, lead.candidate_firearm_id ?? ''), el('td', {}, lead.candidate_country ?? ''),
  el('td', { class: `status-${lead.status}`, 'data-status': lead.status }, statusWord(lead.status))));
  $('candidate-rows').replaceChildren(...rows);
}

async function selectLead(i) {
  if (!state.leads.length) {
    $('lead').hidden = true;
    say(t('lead.none'));
    return;
  }
  state.leadIndex = Math.max(0, Math.min(state.leads.length - 1, i));
  renderLeads();
  const row = $('candidate-rows').children[state.leadIndex];
  row?.scrollIntoView({ block: 'nearest' });
  if (state.mode === 'leads') row?.focus();
  const lead = state.leads[state.leadIndex];
  const token = ++state.token;
  say(t('lead.comparing', state.evidence.exhibit_id, lead.candidate_exhibit_id));
  try {
    const [detail, diagnostics] = await Promise.all([api(`/v1/leads/${lead.id}`), api(`/v1/leads/${lead.id}/diagnostics`)]);
    if (token !== state.token) return; // another candidate was chosen meanwhile
    state.detail = detail;
    state.diagnostics = diagnostics;
    renderLead();
    await showPicture(state.picture);
    say(t('lead.shown', lead.rank, state.leads.length, lead.candidate_exhibit_id, fixed(lead.score, 3)));
  } catch (error) {
    if (token === state.token) say(t('lead.load_failed', lead.id, error.message), true);
  }
}

function regionFigures(lead) {
  if (lead.score_bf === null || lead.score_bf === undefined) return [];
  return [[t('fig.score_bf'), fixed(lead.score_bf, 3)],
    [t('fig.score_fp'), lead.score_fp === null || lead.score_fp === undefined ? t('fig.not_compared') : fixed(lead.score_fp, 3)],
    [t('fig.score_shear'), lead.score_shear === null || lead.score_shear === undefined ? t('fig.not_compared') : fixed(lead.score_shear, 3)]];
}

function renderLead() {
  const d = state.diagnostics;
  const s = d.stored;
  const r = d.recomputed;
  const figures = [
    [t('fig.score'), fixed(s.score, 3)],
    // Photographs are scored by their own model, never on the topographies' scale: say which this score is.
    [t('fig.modality'), t(state.detail.lead.modality === '2d' ? 'modality.2d' : 'modality.3d')],
    // Each region's own score beside the fused one; a firing pin that was not compared says so.
    ...regionFigures(state.detail.lead),
    ['CMC', `${d.forward_cmc}/${d.forward_valid_cells} · ${d.backward_cmc}/${d.backward_valid_cells}`],
    ['CCF', fixed(s.ccf, 3)],
    // A pair that could not be registered has no pose: say so, never print zeros that read like one.
    ...(s.registration?.status === 'failed'
      ? [[t('fig.registration'), t('fig.registration_failed', s.registration.reason)]]
      : [['θ', `${fixed(s.theta_deg, 1)}°`], [t('fig.shift'), `${fixed(s.dx_um, 0)}, ${fixed(s.dy_um, 0)} µm`]]),
    [t('fig.relief'), fixed(d.exaggeration_factor, 0)], [t('fig.status'), statusWord(state.detail.lead.status)],
    [t('fig.remade'), d.same_as_stored ? t('fig.same') : t('fig.differs', fixed(r.score, 3), r.algorithm_version)],
  ];
  $('figures').replaceChildren(...figures.flatMap(([k, v]) => [el('span', { class: 'k' }, k), el('span', {}, v)]));
  $('picture-tabs').replaceChildren(...shownPictures().map((name, i) => el('button', {
    type: 'button', role: 'tab', 'aria-selected': String(name === state.picture), 'data-picture': name, onclick: () => showPicture(name),
  }, `${i + 1} ${d.images.find((image) => image.name === name)?.title ?? name}`)));
  for (const button of document.querySelectorAll('#review-actions button[data-step]')) {
    const step = button.dataset.step;
    button.hidden = !state.me.review_steps.includes(step);
    button.disabled = !state.detail.next_steps.includes(step);
  }
  $('history').replaceChildren(...state.detail.history.map((h) => el('li', {},
    `${new Date(h.at).toISOString().slice(0, 16).replace('T', ' ')} ${h.reviewer} (${h.role}): ${statusWord(h.from_status)} → ${statusWord(h.to_status)}${h.note ? ` — ${h.note}` : ''}`)));
  $('lead').hidden = false;
}

async function showPicture(name) {
  if (!state.diagnostics) return;
  state.picture = name;
  for (const tab of $('picture-tabs').children) tab.setAttribute('aria-selected', String(tab.dataset.picture === name));
  const image = state.diagnostics.images.find((i) => i.name === name);
  if (!image) return;
  // Pictures need the key, which an <img> cannot send: fetched, then shown from a blob.
  let url = state.pictures.get(image.url);
  if (!url) {
    url = URL.createObjectURL(await api(image.url, { headers: { Accept: 'image/png' } }));
    state.pictures.set(image.url, url);
  }
  const img = $('picture-img');
  img.src = url;
  img.alt = image.title;
  img.dataset.picture = name;
  $('picture-caption').textContent = image.description;
}

// --- review -----------------------------------------------------------------------------------------------

async function review(step) {
  const lead = state.leads[state.leadIndex];
  if (!lead || !state.detail?.next_steps.includes(step)) {
    say(state.me?.review_steps.includes(step) ? t('review.cannot', statusWord(lead?.status ?? 'lead'), statusWord(step)) : t('review.role', state.me?.role), true);
    return;
  }
  const note = $('note').value.trim();
  try {
    const reviewed = await api(`/v1/leads/${lead.id}/review`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: step, note: note || null }),
    });
    $('note').value = '';
    state.leads[state.leadIndex] = reviewed.lead;
    const links = reviewed.links.map((l) => `${l.from_kind} ${l.from} ↔ ${l.to_kind} ${l.to}`).join('; ');
    say(`${t('review.done', lead.id, statusWord(reviewed.lead.status))}${links ? ` ${t('review.linked', links)}` : ''}`);
    state.detail = await api(`/v1/leads/${lead.id}`);
    renderLeads();
    renderLead();
    $('candidate-rows').children[state.leadIndex]?.focus();
    await loadQueue(true);
  } catch (error) {
    say(t('review.not_recorded', error.message), true);
  }
}

// --- linkage ----------------------------------------------------------------------------------------------

/** The linkage of the open item's firearm (a test fire's), else of its incident: the picture, the leads to follow, and the tables. */
async function showLinkage() {
  const e = state.evidence;
  const subject = e?.firearm_id ? ['firearms', e.firearm_id] : e?.incident_id ? ['incidents', e.incident_id] : null;
  if (!subject) {
    say(t('linkage.none'), true);
    return;
  }
  const path = `/v1/${subject[0]}/${encodeURIComponent(subject[1])}/linkage`;
  say(t('linkage.loading', subject[1]));
  try {
    const [graph, picture] = await Promise.all([api(path), api(`${path}/picture`, { headers: { Accept: 'image/svg+xml' } })]);
    if (state.linkage?.url) URL.revokeObjectURL(state.linkage.url);
    state.linkage = { subject: subject[1], graph, url: URL.createObjectURL(picture) };
    renderLinkage();
    $('linkage').hidden = false;
    $('linkage').scrollIntoView({ block: 'start' });
    say(t('linkage.shown', subject[1], graph.nodes.length, graph.edges.length, graph.leads.length));
  } catch (error) {
    say(t('linkage.failed', subject[1], error.message), true);
  }
}

function renderLinkage() {
  const { subject, graph, url } = state.linkage;
  $('linkage-title').textContent = t('linkage.title', subject);
  const img = $('linkage-img');
  img.src = url;
  img.alt = t('linkage.title', subject);
  const rows = (id, cells) => $(id).querySelector('tbody').replaceChildren(...cells.map((row) => el('tr', {}, ...row.map((c) => el('td', {}, c ?? '')))));
  rows('linkage-leads', graph.leads.map((l) => [String(l.rank), l.kind, l.subject, l.why]));
  rows('linkage-nodes', graph.nodes.map((n) => [n.id, n.kind, n.label]));
  rows('linkage-edges', graph.edges.map((x) => [x.from, x.to, x.kind, x.score === null || x.score === undefined ? '' : fixed(x.score, 3), x.status ? statusWord(x.status) : '']));
}

// The picture is redrawn in the new language when the language changes (the server writes its words).
async function redrawLinkage() {
  if (state.linkage && !$('linkage').hidden) await showLinkage();
}

// --- keyboard ---------------------------------------------------------------------------------------------

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = ['INPUT', 'TEXTAREA'].includes(event.target.tagName);
  if (typing) {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  if (!state.me) return;
  const key = event.key;
  const handled = (() => {
    if (key === '?') { $('help').hidden = !$('help').hidden; return true; }
    if (key === 'Escape') {
      if (!$('help').hidden) { $('help').hidden = true; return true; }
      state.mode = 'queue';
      $('queue').focus();
      return true;
    }
    if (key === 'j' || key === 'ArrowDown') { state.mode === 'queue' ? selectQueue(state.queueIndex + 1) : selectLead(state.leadIndex + 1); return true; }
    if (key === 'k' || key === 'ArrowUp') { state.mode === 'queue' ? selectQueue(state.queueIndex - 1) : selectLead(state.leadIndex - 1); return true; }
    if (key === 'Enter' && state.mode === 'queue') { openEvidence(); return true; }
    if (state.mode !== 'leads') return false;
    const picture = Number.parseInt(key, 10);
    const pictures = shownPictures();
    if (picture >= 1 && picture <= pictures.length) { showPicture(pictures[picture - 1]); return true; }
    if (key === 'l') { review('lead'); return true; }
    if (key === 'c') { review('confirmed'); return true; }
    if (key === 'r') { review('rejected'); return true; }
    if (key === 'n') { $('note').focus(); return true; }
    if (key === 'g') { showLinkage(); return true; }
    return false;
  })();
  if (handled) event.preventDefault();
}

document.addEventListener('DOMContentLoaded', () => {
  // The handlers first, so a key typed while the texts load is never sent as a form; signing in waits for the texts.
  state.textsLoaded = setLanguage(startingLanguage(), false);
  $('language').addEventListener('change', async () => { await setLanguage($('language').value, true); await redrawLinkage(); });
  $('linkage-toggle').addEventListener('click', showLinkage);
  $('sign-in').addEventListener('submit', (event) => { event.preventDefault(); signIn($('api-key').value.trim()); });
  $('sign-out').addEventListener('click', signOut);
  $('help-toggle').addEventListener('click', () => { $('help').hidden = !$('help').hidden; });
  $('queue').addEventListener('focus', () => { state.mode = 'queue'; });
  for (const button of document.querySelectorAll('#review-actions button[data-step]')) {
    button.addEventListener('click', () => review(button.dataset.step));
  }
  document.addEventListener('keydown', onKey);
  const saved = sessionStorage.getItem(KEY_STORE);
  if (saved) signIn(saved);
  else $('api-key').focus();
});
