// Lazuli dashboard: draws the cluster's state from /events (server-sent events) and the JSON endpoints.
// Plain JavaScript, no external resources.
'use strict';

const palette = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];
const colourOf = {};
function colour(prefix) {
  if (!(prefix in colourOf)) {
    colourOf[prefix] = palette[Object.keys(colourOf).length % palette.length];
  }
  return colourOf[prefix];
}

function bytes(n) {
  const units = ['B', 'kiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgElement(tag, attributes) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
  return node;
}

// ---- status page --------------------------------------------------------------------------

const threadRows = {};
const WINDOW = 20;   // seconds of task stream shown
const STREAM_LEFT = 200;
const PX_PER_SECOND = (1000 - STREAM_LEFT - 10) / WINDOW;
const MAX_RECTS = 4000;
// The stream is drawn incrementally: each push appends its new bars in time coordinates and slides one
// group along, so a watching browser does work in proportion to what happened, not to what is shown.
const stream = { rects: [], first: 0, lastOfThread: {} };

function streamLayers(svg) {
  let bars = svg.querySelector('g.bars');
  if (!bars) {
    const defs = svgElement('defs');
    const clip = svgElement('clipPath', { id: 'stream-clip' });
    clip.appendChild(svgElement('rect', { x: STREAM_LEFT, y: 0, width: 1000 - STREAM_LEFT, height: 10000 }));
    defs.appendChild(clip);
    const visible = svgElement('g', { 'clip-path': 'url(#stream-clip)' });
    bars = svgElement('g', { class: 'bars' });
    visible.appendChild(bars);
    svg.appendChild(defs);
    svg.appendChild(svgElement('g', { class: 'labels' }));
    svg.appendChild(visible);
  }
  return { bars, labels: svg.querySelector('g.labels') };
}

function drawStream(now, newBars) {
  const svg = document.getElementById('stream');
  if (!svg) return;
  const { bars, labels } = streamLayers(svg);
  for (const b of newBars) {
    if (b.thread in threadRows) continue;
    const row = threadRows[b.thread] = Object.keys(threadRows).length;
    const label = svgElement('text', { x: 4, y: row * 16 + 12, 'font-size': 10 });
    label.textContent = b.thread.replace(/^lazuli-cluster-\d+-/, '');
    labels.appendChild(label);
    svg.setAttribute('height', Math.max(60, (row + 1) * 16 + 20));
  }
  // bars closer than a pixel on the same thread and of the same kind merge into one: thousands of tiny
  // tasks draw as a few rectangles
  for (const b of newBars) {
    const x = b.start * PX_PER_SECOND;
    const end = b.stop * PX_PER_SECOND;
    const count = b.count || 1;
    const last = stream.lastOfThread[b.thread];
    if (last && last.prefix === b.prefix && last.failed === b.failed && x - last.end < 1) {
      last.end = Math.max(last.end, end);
      last.stop = Math.max(last.stop, b.stop);
      last.count += count;
      last.el.setAttribute('width', Math.max(1.5, last.end - last.x).toFixed(1));
      last.el.firstChild.textContent = last.count + ' ' + last.prefix + ' tasks';
      continue;
    }
    const el = svgElement('rect', {
      x: x.toFixed(1), y: threadRows[b.thread] * 16 + 2, width: Math.max(1.5, end - x).toFixed(1), height: 12,
      fill: b.failed ? '#000' : colour(b.prefix), class: 'bar', 'data-prefix': b.prefix
    });
    const title = svgElement('title');
    title.textContent = count === 1 ? b.key + ' (' + ((b.stop - b.start) * 1000).toFixed(2) + ' ms)' : count + ' ' + b.prefix + ' tasks';
    el.appendChild(title);
    bars.appendChild(el);
    const rect = { el, x, end, stop: b.stop, prefix: b.prefix, failed: b.failed, count, thread: b.thread };
    stream.rects.push(rect);
    stream.lastOfThread[b.thread] = rect;
  }
  // drop what slid out of the window (oldest first), and keep the number of rectangles bounded
  const rects = stream.rects;
  while (stream.first < rects.length
      && (rects[stream.first].stop < now - WINDOW || rects.length - stream.first > MAX_RECTS)) {
    const old = rects[stream.first++];
    old.el.remove();
    if (stream.lastOfThread[old.thread] === old) delete stream.lastOfThread[old.thread];
  }
  if (stream.first > 1000) {
    stream.rects = rects.slice(stream.first);
    stream.first = 0;
  }
  bars.setAttribute('transform', 'translate(' + (STREAM_LEFT - (now - WINDOW) * PX_PER_SECOND).toFixed(1) + ',0)');
}

function drawProgress(progress) {
  const box = document.getElementById('progress');
  if (!box) return;
  const entries = Object.entries(progress);
  if (entries.length === 0) return;
  box.textContent = '';
  for (const [prefix, [total, done, erred, inMemory]] of entries) {
    const row = element('div', { class: 'row progress-row', 'data-prefix': prefix });
    row.appendChild(element('span', { class: 'label' }, prefix));
    const track = element('div', { class: 'track' });
    // done and released | done and still in memory (the server's count, a part of done) | erred | waiting or running
    let left = 0;
    for (const [cls, n] of [['done', done - inMemory], ['held', inMemory], ['erred', erred]]) {
      const fill = element('div', { class: 'fill ' + cls });
      fill.style.left = (total ? 100 * left / total : 0) + '%';
      fill.style.width = (total ? 100 * n / total : 0) + '%';
      track.appendChild(fill);
      left += n;
    }
    row.appendChild(track);
    const percent = total ? Math.round(100 * (done + erred) / total) : 0;
    row.appendChild(element('span', { class: 'count', title: inMemory + ' results in memory' },
      done + '/' + total + (inMemory ? ', ' + inMemory + ' in memory' : '') + (erred ? ' (' + erred + ' erred)' : '')
      + ' ' + percent + '%'));
    box.appendChild(row);
  }
}

function drawWorkers(workers, spill, pause, cpu) {
  const memory = document.getElementById('memory');
  const processing = document.getElementById('processing');
  if (memory) {
    memory.textContent = '';
    for (const w of workers) {
      const row = element('div', { class: 'row memory-row', 'data-worker': w.name });
      row.appendChild(element('span', { class: 'label' }, w.name.replace(/^lazuli-cluster-\d+-/, '')));
      const track = element('div', { class: 'track' });
      const fill = element('div', { class: 'fill memory' });
      fill.style.width = Math.min(100, 100 * w.memoryInUse / w.memoryLimit) + '%';
      track.appendChild(fill);
      for (const [cls, fraction] of [['spill', spill], ['pause', pause]]) {
        if (fraction) {
          const line = element('div', { class: 'threshold ' + cls, title: cls + ' at ' + Math.round(fraction * 100) + '%' });
          line.style.left = (100 * fraction) + '%';
          track.appendChild(line);
        }
      }
      row.appendChild(track);
      row.appendChild(element('span', { class: 'count' }, bytes(w.memoryInUse) + ' / ' + bytes(w.memoryLimit)
        + (w.spilledBytes ? ', ' + bytes(w.spilledBytes) + ' spilled' : '')));
      memory.appendChild(row);
    }
  }
  if (processing) {
    processing.textContent = '';
    for (const w of workers) {
      const row = element('div', { class: 'row' });
      row.appendChild(element('span', { class: 'label' }, w.name.replace(/^lazuli-cluster-\d+-/, '')));
      const track = element('div', { class: 'track' });
      const fill = element('div', { class: 'fill done' });
      fill.style.width = Math.min(100, 100 * w.processing / w.threads) + '%';
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(element('span', { class: 'count' }, w.processing + ' of ' + w.threads + ' threads'));
      processing.appendChild(row);
    }
  }
  const table = document.querySelector('#workers-table tbody');
  if (table) {
    table.textContent = '';
    for (const w of workers) {
      const tr = element('tr', { class: 'worker-row', 'data-worker': w.name });
      // use over the latest half second (100 % = one core), then CPU time in all
      const use = w.cpuNanos < 0 ? 'n/a'
        : (w.name in cpu ? Math.round(cpu[w.name]) + ' % · ' : '') + (w.cpuNanos / 1e9).toFixed(1) + ' s';
      for (const v of [w.name, w.threads, bytes(w.memoryInUse), bytes(w.memoryLimit), bytes(w.spilledBytes),
        w.processing, w.done, use]) {
        tr.appendChild(element('td', {}, String(v)));
      }
      tr.lastChild.className = 'cpu';
      table.appendChild(tr);
    }
  }
}

function drawErrors(errors, id) {
  const list = document.getElementById(id);
  if (!list || errors.length === 0) return;
  list.textContent = '';
  for (const e of errors) list.appendChild(element('li', { class: 'error' }, e));
}

const lastDrawn = {};
function changed(part, value) {
  const text = JSON.stringify(value);
  if (lastDrawn[part] === text) return false;
  lastDrawn[part] = text;
  return true;
}

function listen() {
  const source = new EventSource('/events');
  const connection = document.getElementById('connection');
  source.onopen = () => { connection.textContent = 'live'; };
  source.onerror = () => { connection.textContent = 'disconnected, retrying…'; };
  source.onmessage = (message) => {
    try {
      const status = JSON.parse(message.data);
      // redraw only what changed: an idle cluster's pushes cost the browser nothing
      if (changed('workers', [status.workers, status.spill, status.pause, status.cpu])) {
        drawWorkers(status.workers, status.spill, status.pause, status.cpu);
      }
      if (changed('progress', status.progress)) drawProgress(status.progress);
      if (changed('errors', status.errors)) drawErrors(status.errors, 'errors');
      drawStream(status.now, status.bars);
      if (connection.textContent !== 'live') connection.textContent = 'live';
    } catch (error) {
      connection.textContent = 'display error: ' + error.message;
    }
  };
}

// ---- graph page ---------------------------------------------------------------------------

const stateColour = { done: '#4e9a5a', erred: '#c0392b', waiting: '#bbbbbb' };

function drawGraph(graph) {
  const svg = document.getElementById('graph');
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  document.getElementById('graph-note').textContent = graph.nodes.length === 0 ? 'No computation seen yet.'
    : graph.nodes.length + (graph.aggregated ? ' task groups (the graph is large: one node per key prefix)' : ' tasks');
  const depth = {};
  const incoming = {};
  for (const e of graph.edges) (incoming[e.to] = incoming[e.to] || []).push(e.from);
  const depthOf = (id, seen) => {
    if (id in depth) return depth[id];
    if (seen.has(id)) return 0;
    seen.add(id);
    let d = 0;
    for (const from of (incoming[id] || [])) d = Math.max(d, depthOf(from, seen) + 1);
    depth[id] = d;
    return d;
  };
  const layers = [];
  for (const n of graph.nodes) {
    const d = depthOf(n.id, new Set());
    (layers[d] = layers[d] || []).push(n);
  }
  const position = {};
  const boxWidth = 150;
  const width = Math.max(1000, Math.max(...layers.map(l => (l || []).length), 1) * (boxWidth + 10) + 20);
  svg.setAttribute('width', Math.min(width, 4000));
  svg.setAttribute('height', Math.max(100, layers.length * 50 + 20));
  layers.forEach((layer, d) => (layer || []).forEach((n, i) => {
    position[n.id] = [10 + i * (boxWidth + 10), 10 + d * 50];
  }));
  for (const e of graph.edges) {
    const a = position[e.from];
    const b = position[e.to];
    if (!a || !b) continue;
    svg.appendChild(svgElement('line', { x1: a[0] + boxWidth / 2, y1: a[1] + 24, x2: b[0] + boxWidth / 2, y2: b[1],
      stroke: '#999' }));
  }
  for (const n of graph.nodes) {
    const [x, y] = position[n.id];
    svg.appendChild(svgElement('rect', { x, y, width: boxWidth, height: 24, fill: stateColour[n.state] || '#bbb',
      class: 'node ' + n.state, rx: 3 }));
    const text = svgElement('text', { x: x + 4, y: y + 16, 'font-size': 10 });
    text.textContent = n.label.length > 26 ? n.label.slice(0, 25) + '…' : n.label;
    svg.appendChild(text);
  }
}

async function refreshGraph() {
  const response = await fetch('/api/graph');
  if (response.ok) drawGraph(await response.json());
  document.getElementById('connection').textContent = response.ok ? 'live' : 'error ' + response.status;
}

// ---- info page ----------------------------------------------------------------------------

async function refreshInfo() {
  const response = await fetch('/api/info');
  if (!response.ok) return;
  const info = await response.json();
  const table = document.querySelector('#info-table tbody');
  table.textContent = '';
  for (const [k, v] of Object.entries(info)) {
    if (k === 'errors' || k === 'links') continue;
    const tr = element('tr');
    tr.appendChild(element('td', {}, k));
    tr.appendChild(element('td', {}, k === 'heap' ? bytes(v) : String(v)));
    table.appendChild(tr);
  }
  drawErrors(info.errors, 'info-errors');
  document.getElementById('connection').textContent = 'live';
}

// Pages about the cluster kept elsewhere (Spark's UI), beside this dashboard's own in the navigation.
async function addClusterLinks() {
  const response = await fetch('/api/info');
  if (!response.ok) return;
  const links = (await response.json()).links || {};
  const nav = document.querySelector('nav');
  for (const [name, url] of Object.entries(links)) {
    if (!/^https?:\/\//.test(url)) continue;
    nav.appendChild(element('a', { href: url, class: 'external', target: '_blank', rel: 'noopener noreferrer' }, name + ' ↗'));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  addClusterLinks();
  const page = document.body.dataset.page;
  if (page === 'status' || page === 'workers') listen();
  if (page === 'graph') { refreshGraph(); setInterval(refreshGraph, 1000); }
  if (page === 'info') { refreshInfo(); setInterval(refreshInfo, 2000); }
});
