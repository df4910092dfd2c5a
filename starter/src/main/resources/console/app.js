// The incident console. Plain JavaScript, no build step, nothing fetched but this listener's API.
// Every value from an incident is put on the page as text (textContent), never as HTML.
'use strict';

const TOKEN_KEY = 'irPlaybooks.analystToken';
const LIST_REFRESH_MS = 5000;
const INCIDENT_REFRESH_MS = 3000;
const CASE_ID = /^IR-[0-9A-F]{12}$/;

let me = null;
let timer = null;
let pending = null; // the decision being asked for: 'approve' | 'reject' | 'false-positive'
let current = null; // the incident shown

const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const headers = Object.assign({ 'Authorization': 'Bearer ' + token() }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 && path !== '/v1/me') { signOut('Your token was refused; sign in again.'); }
  return response;
}

async function errorText(response) {
  try { const body = await response.json(); return body.error || response.statusText; } catch (e) { return response.statusText; }
}

function show(section) {
  for (const id of ['login', 'list', 'incident']) $(id).hidden = id !== section;
}

function stopRefresh() { if (timer) { clearTimeout(timer); timer = null; } }

function message(id, text, kind) {
  const el = $(id);
  el.textContent = text || '';
  el.className = 'message' + (kind ? ' ' + kind : '');
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text == null || text === '' ? '—' : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function fill(tbodyId, items, render, empty) {
  const body = $(tbodyId);
  body.replaceChildren();
  if (!items || items.length === 0) {
    const row = body.insertRow();
    const td = cell(row, empty || 'none');
    td.colSpan = 12;
    td.className = 'muted';
    return;
  }
  for (const item of items) render(body.insertRow(), item);
}

function when(instant) { return instant ? String(instant).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }

// ---- sign in ------------------------------------------------------------------------------------

async function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
  const response = await api('/v1/me');
  if (!response.ok) {
    sessionStorage.removeItem(TOKEN_KEY);
    message('login-message', 'Refused: ' + await errorText(response), 'error');
    return false;
  }
  me = await response.json();
  $('who').textContent = me.name + ' (' + me.roles.join(', ') + ')';
  $('sign-out').hidden = false;
  return true;
}

function signOut(reason) {
  stopRefresh();
  sessionStorage.removeItem(TOKEN_KEY);
  me = null;
  $('who').textContent = '';
  $('sign-out').hidden = true;
  show('login');
  message('login-message', reason || '', reason ? 'error' : '');
}

// ---- list ---------------------------------------------------------------------------------------

function filterQuery() {
  const params = new URLSearchParams();
  const pairs = { status: 'f-status', phase: 'f-phase', severity: 'f-severity', playbook: 'f-playbook', account: 'f-account' };
  for (const [name, id] of Object.entries(pairs)) {
    const value = $(id).value.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

async function loadList() {
  stopRefresh();
  show('list');
  let response;
  try {
    const q = filterQuery();
    response = await api('/v1/incidents' + (q ? '?' + q : ''));
  } catch (e) {
    message('list-message', 'The listener did not answer: ' + e.message, 'error');
    timer = setTimeout(loadList, LIST_REFRESH_MS);
    return;
  }
  if (response.status === 501) {
    $('incident-rows').replaceChildren();
    $('incidents').hidden = true;
    message('list-message', 'No incident list here: ' + await errorText(response)
      + '. You can still open an incident by its case id below.', 'notice');
    return; // nothing to refresh: the server will not learn to list
  }
  if (!response.ok) {
    message('list-message', await errorText(response), 'error');
  } else {
    const body = await response.json();
    $('incidents').hidden = false;
    message('list-message', body.truncated ? 'Showing the newest ' + body.incidents.length + ' incidents only.' : '');
    fill('incident-rows', body.incidents, (row, i) => {
      row.className = 'row';
      row.dataset.case = i.caseId || '';
      const link = document.createElement('a');
      link.href = '#/incident/' + encodeURIComponent(i.caseId || '');
      link.textContent = i.caseId || i.workflowId;
      const first = document.createElement('td');
      first.className = 'mono';
      first.appendChild(link);
      row.appendChild(first);
      const sev = cell(row, i.severity);
      sev.replaceChildren(badge(i.severity));
      cell(row, i.phase);
      cell(row, i.status);
      cell(row, i.playbook);
      cell(row, i.principal);
      cell(row, i.account, 'mono');
      cell(row, i.findingType);
      cell(row, when(i.startedAt));
      row.addEventListener('click', (event) => { if (event.target.tagName !== 'A') location.hash = link.hash; });
    }, 'No incidents match these filters.');
  }
  $('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString();
  timer = setTimeout(loadList, LIST_REFRESH_MS);
}

function badge(severity) {
  const span = document.createElement('span');
  span.className = 'badge sev-' + (severity || '');
  span.textContent = severity || '—';
  return span;
}

// ---- incident -----------------------------------------------------------------------------------

async function loadIncident(caseId, keepMessage) {
  stopRefresh();
  show('incident');
  if (!keepMessage) message('decision-message', '');
  const response = await api('/v1/incidents/' + encodeURIComponent(caseId));
  if (!response.ok) {
    message('decision-message', await errorText(response), 'error');
    return;
  }
  const s = await response.json();
  current = s;
  renderIncident(s);
  const report = await api('/v1/incidents/' + encodeURIComponent(caseId) + '/report', { headers: { 'Accept': 'text/plain' } });
  $('i-report').textContent = report.ok ? await report.text() : 'Report unavailable: ' + await errorText(report);
  if (s.phase !== 'CLOSED') timer = setTimeout(() => loadIncident(caseId, true), INCIDENT_REFRESH_MS);
}

function renderIncident(s) {
  const f = s.finding || {};
  const subject = f.subject || {};
  $('i-case').textContent = s.caseId;
  $('i-severity').replaceWith(Object.assign(badge(f.severity), { id: 'i-severity' }));
  $('i-title').textContent = f.title || '';
  $('i-phase').textContent = s.phase || '';
  $('i-outcome').textContent = s.outcome || '—';
  $('i-awaiting').textContent = s.awaiting ? s.awaiting + (s.approvalDeadline ? ' (escalates ' + when(s.approvalDeadline) + ')' : '') : '—';
  $('i-playbook').textContent = s.playbook || '';
  $('i-subject').textContent = [subject.userName, subject.principalArn, subject.accessKeyId, subject.resourceId]
    .filter(Boolean).join(' · ') || '—';
  $('i-finding').textContent = (f.findingType || '') + (f.source ? ' (' + f.source + ')' : '') + (f.remoteIp ? ' from ' + f.remoteIp : '');
  $('i-account').textContent = (f.accountId || '') + ' / ' + (f.region || '');
  $('i-times').textContent = [s.receivedAt, s.containedAt, s.closedAt].map((t) => when(t) || '—').join('  /  ');
  const link = $('i-webui');
  if (me && me.temporalWebUiUrl) {
    link.href = me.temporalWebUiUrl.replace(/\/$/, '') + '/namespaces/' + encodeURIComponent(me.namespace)
      + '/workflows/' + encodeURIComponent('incident-' + s.caseId);
    link.textContent = 'Open incident-' + s.caseId + ' in the Temporal Web UI';
  } else {
    link.removeAttribute('href');
    link.textContent = 'no Temporal Web UI configured';
  }

  const decides = me && (me.roles.includes('approver') || me.roles.includes('admin'));
  const open = s.phase !== 'CLOSED' && s.phase !== 'ROLLBACK';
  $('btn-approve').disabled = !decides || !s.awaiting;
  $('btn-reject').disabled = !decides || !s.awaiting;
  $('btn-false-positive').disabled = !decides || !open;
  $('decide-hint').textContent = !decides ? 'Your role (' + (me ? me.roles.join(', ') : '') + ') may view but not decide.'
    : s.awaiting ? 'Awaiting ' + s.awaiting + '.' : open ? 'Nothing awaits approval now.' : 'The incident is closed.';

  // The playbook appends as it learns (the attacker's calls arrive with the investigation): by time here.
  const timeline = (s.timeline || []).slice().sort((a, b) => String(a.at).localeCompare(String(b.at)));
  fill('i-timeline', timeline, (row, t) => {
    if (t.suspicious) row.className = 'suspicious';
    cell(row, when(t.at)); cell(row, t.actor); cell(row, t.what); cell(row, t.technique, 'mono');
  });
  fill('i-actions', s.actions, (row, a) => {
    cell(row, a.id); cell(row, a.phase); cell(row, a.name); cell(row, a.resource, 'mono');
    cell(row, a.status, 'st-' + a.status); cell(row, a.undo); cell(row, a.error);
  }, 'No actions yet.');
  fill('i-decisions', s.decisions, (row, d) => {
    cell(row, when(d.at)); cell(row, d.kind); cell(row, d.stage); cell(row, d.by); cell(row, d.comment); cell(row, d.via);
  }, 'No decisions yet.');
  fill('i-evidence', s.evidence, (row, e) => {
    cell(row, e.name); cell(row, e.location, 'mono'); cell(row, e.sha256, 'mono'); cell(row, e.sizeBytes);
  }, 'No evidence yet.');
  fill('i-techniques', s.techniques, (row, t) => { cell(row, t.id, 'mono'); cell(row, t.name); cell(row, t.tactic); });
}

function askDecision(kind) {
  pending = kind;
  const titles = {
    'approve': 'Approve ' + (current && current.awaiting ? current.awaiting : '') + ' — say why (optional for an approval):',
    'reject': 'Reject — the reason is required:',
    'false-positive': 'Mark as false positive: every containment step is undone. The reason is required:',
  };
  $('decision-title').textContent = titles[kind];
  $('decision-delete-key-label').hidden = kind !== 'approve';
  $('decision-comment').value = '';
  $('decision').hidden = false;
  $('decision-comment').focus();
}

async function sendDecision() {
  const kind = pending;
  const comment = $('decision-comment').value.trim();
  if (kind !== 'approve' && !comment) { message('decision-message', 'A comment is required.', 'error'); return; }
  const body = { comment };
  if (kind === 'approve') body.deleteCompromisedKey = $('decision-delete-key').checked;
  $('decision-confirm').disabled = true;
  try {
    const response = await api('/v1/incidents/' + encodeURIComponent(current.caseId) + '/' + kind, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (response.ok) {
      const answer = await response.json();
      message('decision-message', (answer.decision || kind) + ': ' + (answer.message || 'accepted'), 'ok');
      $('decision').hidden = true;
      pending = null;
    } else {
      message('decision-message', 'Refused (' + response.status + '): ' + await errorText(response), 'error');
    }
  } finally {
    $('decision-confirm').disabled = false;
  }
  await loadIncident(current.caseId, true);
}

// ---- routing ------------------------------------------------------------------------------------

async function route() {
  stopRefresh();
  if (!token()) { show('login'); return; }
  if (!me && !(await signIn(token()))) { show('login'); return; }
  const match = location.hash.match(/^#\/incident\/(.+)$/);
  if (match) {
    const caseId = decodeURIComponent(match[1]).toUpperCase();
    if (CASE_ID.test(caseId)) { $('decision').hidden = true; await loadIncident(caseId); return; }
  }
  await loadList();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await signIn($('token').value.trim())) { $('token').value = ''; await route(); }
  });
  $('sign-out').addEventListener('click', () => signOut());
  for (const id of ['f-status', 'f-phase', 'f-severity', 'f-playbook', 'f-account']) {
    $(id).addEventListener('change', loadList);
  }
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); loadList(); });
  $('open-case').addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/incident/' + encodeURIComponent($('case-id').value.trim().toUpperCase());
  });
  $('btn-approve').addEventListener('click', () => askDecision('approve'));
  $('btn-reject').addEventListener('click', () => askDecision('reject'));
  $('btn-false-positive').addEventListener('click', () => askDecision('false-positive'));
  $('decision').addEventListener('submit', (event) => { event.preventDefault(); sendDecision(); });
  $('decision-cancel').addEventListener('click', () => { $('decision').hidden = true; pending = null; });
  window.addEventListener('hashchange', route);
  route();
});
