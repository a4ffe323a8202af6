// The classroom dashboard: a real MQTT client (mqtt.js' browser build) over WebSocket as
// the read-only observer, plus the demo's HTTP state and control API. No build step.
/* global mqtt, uPlot */
'use strict';

const $ = (id) => document.getElementById(id);
const perf = { messages: 0, frames: 0, fps: 0, applied: 0, maxBacklog: 0 };
window.__demo = perf; // read by the browser test (frame rate, message counts)
let state = null;
let client = null;
const homes = new Map(); // homeId -> element
const pending = new Map(); // topic -> latest payload, applied once per animation frame
const feed = [];
const nodes = new Map(); // topic path -> element
const seenLessons = new Set();
const revealed = new Map(); // lesson key -> hints shown

/** Under /group/NAME/ the page is that group's town: every API call goes to its prefix. */
const BASE = (/^\/group\/[a-z0-9-]+/.exec(location.pathname) ?? [''])[0];

async function api(path, body) {
  const res = await fetch(BASE + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

function hours(ms) {
  return ms / 3_600_000;
}

function renderInfo() {
  const s = state;
  $('run-info').textContent = `v${s.version}  scenario=${s.scenario}  seed=${s.seed}  homes=${s.homes}  defences=${s.defensesSpec ?? 'scenario default'}  set=[${s.set.join(' ')}]  t=${hours(s.nowMs).toFixed(2)} h  speed=${s.speed}x${s.paused ? '  PAUSED' : ''}`;
  const m = s.metrics;
  $('counters').innerHTML = `takeovers <b data-testid="takeovers">${m['attack.takeovers'] ?? 0}</b> · attempts ${m['attack.attempts'] ?? 0} · homes taken ${s.takenOver.length}`;
}

function buildGrid() {
  const grid = $('grid');
  grid.textContent = '';
  homes.clear();
  for (const id of state.homeIds) {
    const el = document.createElement('div');
    el.className = 'home';
    el.title = id;
    el.dataset.home = id;
    grid.append(el);
    homes.set(id, el);
  }
}

function buildControls() {
  const select = $('scenario');
  select.textContent = '';
  for (const name of state.scenarios) select.append(new Option(name, name, false, name === state.scenario));
  $('speed').value = state.speed;
  const box = $('defenses');
  box.textContent = '';
  for (const d of state.defenses) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = d.on;
    input.dataset.defense = d.name;
    input.addEventListener('change', () => api('/api/control', { action: 'toggle', name: d.name, on: input.checked }));
    label.append(input, ` ${d.name}`);
    box.append(label, document.createElement('br'));
  }
}

function connectMqtt() {
  client?.end(true);
  for (const el of nodes.values()) el.closest('details')?.remove();
  $('tree').textContent = '';
  nodes.clear();
  const id = `dashboard-${Math.random().toString(36).slice(2, 10)}`;
  client = mqtt.connect(state.mqtt.url, { username: state.mqtt.username, password: state.mqtt.password, clientId: id, protocolVersion: 4, reconnectPeriod: 2000 });
  client.on('connect', () => client.subscribe('homes/#'));
  client.on('message', (topic, payload) => {
    perf.messages++;
    pending.set(topic, payload.toString());
    feed.push([topic, payload.toString()]);
    if (feed.length > 200) feed.splice(0, feed.length - 200);
    perf.maxBacklog = Math.max(perf.maxBacklog, pending.size);
  });
}

/** The node for a topic in the tree, its parents made as needed (MQTT Explorer style). */
function leaf(topic) {
  let el = nodes.get(topic);
  if (el) return el;
  const parts = topic.split('/');
  let parent = $('tree');
  for (let i = 1; i < parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    let details = nodes.get(`${path}/`);
    if (!details) {
      details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = parts[i - 1];
      details.append(summary);
      parent.append(details);
      nodes.set(`${path}/`, details);
    }
    parent = details;
  }
  el = document.createElement('div');
  el.className = 'leaf';
  el.dataset.topic = topic;
  parent.append(el);
  nodes.set(topic, el);
  return el;
}

function flash(el) {
  el.classList.remove('flash');
  void el.offsetWidth; // restart the animation
  el.classList.add('flash');
}

function pretty(payload) {
  try {
    return JSON.stringify(JSON.parse(payload));
  } catch {
    return payload;
  }
}

function apply(topic, payload) {
  perf.applied++;
  const el = leaf(topic);
  el.textContent = `${topic.split('/').pop()} = ${pretty(payload)}`;
  flash(el);
  const summary = el.parentElement?.querySelector(':scope > summary');
  if (summary) flash(summary);
  const [, homeId, , , channel] = topic.split('/');
  const home = homes.get(homeId);
  if (!home) return;
  let body = {};
  try {
    body = JSON.parse(payload);
  } catch {}
  if (channel === 'status') {
    home.classList.toggle('online', body.online === true);
    home.classList.toggle('offline', body.online === false);
  } else if (channel === 'events' && (body.type === 'motion' || body.type === 'ring')) {
    home.classList.remove('motion', 'ring');
    void home.offsetWidth;
    home.classList.add(body.type);
  } else if (channel === 'media' && body.type === 'live-view') {
    home.classList.toggle('live', body.state !== 'stopped');
    home.dataset.liveBy = state.takenOver.includes(homeId) ? 'attacker (home taken over)' : 'owner';
    home.title = `${homeId}: live view by ${home.dataset.liveBy}`;
  }
}

function frame() {
  perf.frames++;
  for (const [topic, payload] of pending) apply(topic, payload);
  pending.clear();
  const list = $('feed');
  if (feed.length) {
    const items = feed.splice(0).slice(-50).map(([t, p]) => {
      const li = document.createElement('li');
      li.textContent = `${t}  ${pretty(p)}`;
      return li;
    });
    list.prepend(...items.reverse());
    while (list.children.length > 100) list.lastChild.remove();
  }
  requestAnimationFrame(frame);
}

let lastFrames = 0;
setInterval(() => {
  perf.fps = perf.frames - lastFrames;
  lastFrames = perf.frames;
}, 1000);

// Charts over virtual time: series from the run's own metrics (the same keys as the report).
const SERIES = [
  ['attack.attempts', 'attempts', '#9cf'],
  ['attack.takeovers', 'takeovers', '#e33'],
  ['owners.lockedOut', 'owners locked out', '#fa0'],
  ['owners.extraPrompts', 'owner prompts (friction)', '#c6f'],
  ['video.exposedSeconds', 'video exposed (s)', '#3f9'],
];
let chart = null;
let chartData = null;
function resetChart() {
  chartData = [[], ...SERIES.map(() => [])];
  $('chart').textContent = '';
  chart = new uPlot(
    { width: 520, height: 220, scales: { x: { time: false } }, series: [{ label: 'hours' }, ...SERIES.map(([, label, stroke]) => ({ label, stroke }))] },
    chartData,
    $('chart'),
  );
}
function addPoint() {
  const x = hours(state.nowMs);
  if (chartData[0].length && chartData[0][chartData[0].length - 1] >= x) return;
  chartData[0].push(x);
  SERIES.forEach(([key], i) => chartData[i + 1].push(Number(state.metrics[key] ?? 0)));
  chart.setData(chartData);
}

function toast(text) {
  const el = document.createElement('div');
  el.className = 'toast';
  el.dataset.testid = 'toast';
  el.textContent = text;
  $('toasts').append(el);
  setTimeout(() => el.remove(), 15000);
}

function renderLessons() {
  const box = $('lesson-list');
  box.textContent = '';
  for (const l of state.lessons) {
    const div = document.createElement('div');
    div.className = `lesson${l.completedAtMs !== null ? ' done' : ''}`;
    div.dataset.lesson = l.key;
    const shown = revealed.get(l.key) ?? 0;
    const hints = l.steps.flatMap((s) => s.hints);
    div.innerHTML = `<b></b> <span class="stars">${'★'.repeat(l.difficulty)}</span><br><i></i><ol></ol><div class="hints"></div><small></small>`;
    div.querySelector('b').textContent = `${l.completedAtMs !== null ? '✔ ' : ''}${l.title}`;
    div.querySelector('i').textContent = `${l.goal} (scenario ${l.scenario}, teaches ${l.defense})`;
    for (const s of l.steps) div.querySelector('ol').append(Object.assign(document.createElement('li'), { textContent: s.text }));
    div.querySelector('.hints').textContent = hints.slice(0, shown).map((h) => `hint: ${h}`).join('\n');
    div.querySelector('small').textContent = `${l.mitigation.text} — ${l.mitigation.source}${l.flag ? `  ${l.flag}` : ''}`;
    if (shown < hints.length) {
      const b = document.createElement('button');
      b.textContent = 'hint';
      b.addEventListener('click', () => (revealed.set(l.key, shown + 1), renderLessons()));
      div.append(b);
    }
    const go = document.createElement('button');
    go.textContent = 'load scenario';
    go.addEventListener('click', () => api('/api/control', { action: 'reset', scenario: l.scenario }).then(() => refresh(true)));
    div.append(go);
    box.append(div);
  }
}

let townKey = '';
async function refresh(force = false) {
  state = await api('/api/state');
  const key = `${state.scenario}|${state.seed}|${state.mqtt.password}`;
  if (force || key !== townKey) {
    townKey = key;
    buildGrid();
    buildControls();
    resetChart();
    connectMqtt();
  } else {
    for (const d of state.defenses) {
      const input = document.querySelector(`input[data-defense="${d.name}"]`);
      if (input && document.activeElement !== input) input.checked = d.on;
    }
  }
  for (const id of state.takenOver) homes.get(id)?.classList.add('taken');
  renderInfo();
  addPoint();
  for (const l of state.lessons) {
    if (l.completedAtMs !== null && !seenLessons.has(l.key)) {
      seenLessons.add(l.key);
      toast(`Lesson solved: ${l.title}${l.flag ? ` ${l.flag}` : ''}`);
      renderLessons();
    }
  }
}

$('start-attack').addEventListener('click', () => api('/api/control', { action: 'reset', scenario: $('scenario').value }).then(() => refresh(true)));
$('stop-attack').addEventListener('click', () => api('/api/control', { action: 'reset', scenario: 'baseline' }).then(() => refresh(true)));
$('pause').addEventListener('click', () => api('/api/control', { action: 'pause' }));
$('resume').addEventListener('click', () => api('/api/control', { action: 'resume' }));
$('step').addEventListener('click', () => api('/api/control', { action: 'step', ms: 600_000 }));
$('speed').addEventListener('change', () => api('/api/control', { action: 'speed', speed: Number($('speed').value) }));
$('reset').addEventListener('click', () => api('/api/control', { action: 'reset' }).then(() => refresh(true)));
$('copy-replay').addEventListener('click', async () => {
  const { file, command } = await api('/api/replay');
  const text = `cat > demo-replay.json <<'JSON'\n${JSON.stringify(file, null, 2)}\nJSON\n${command}`;
  $('replay-out').textContent = text;
  await navigator.clipboard?.writeText(text).catch(() => undefined);
});

refresh(true).then(() => {
  renderLessons();
  requestAnimationFrame(frame);
  setInterval(() => void refresh(), 1000);
});
