/* zhkg network view: draws the JSON in #zhkg-data with vis-network.
 *
 * Every piece of text from the articles reaches the page through textContent
 * (or vis-network's canvas and innerText tooltips), never as HTML.
 * window.zhkgView exposes the network and a few actions for tests and users.
 */
(function () {
  'use strict';
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById('zhkg-data').textContent);
  var DIM = { background: '#e6e6e6', border: '#d0d0d0', highlight: { background: '#e6e6e6', border: '#d0d0d0' } };
  var NEGATED = 'Negated';
  var big = !data.physics;

  // --- small DOM helpers (text only) --------------------------------------
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function normalise(s) { return String(s).normalize('NFKC').toLowerCase().replace(/\s+/g, ''); }

  var SVG = 'http://www.w3.org/2000/svg';
  var SHAPES = {
    dot: '<circle>', diamond: '7,1 13,7 7,13 1,7', square: '2,2 12,2 12,12 2,12',
    triangle: '7,1 13,12 1,12', triangleDown: '1,2 13,2 7,13',
    star: '7,1 8.8,5.2 13,5.4 9.7,8.2 10.8,12.8 7,10.3 3.2,12.8 4.3,8.2 1,5.4 5.2,5.2',
    hexagon: '7,1 12.2,4 12.2,10 7,13 1.8,10 1.8,4'
  };
  function shapeIcon(shape, color, dashed) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', '14'); svg.setAttribute('height', '14'); svg.setAttribute('viewBox', '0 0 14 14');
    var points = SHAPES[shape] || SHAPES.dot, item;
    if (points === '<circle>') {
      item = document.createElementNS(SVG, 'circle');
      item.setAttribute('cx', '7'); item.setAttribute('cy', '7'); item.setAttribute('r', '6');
    } else {
      item = document.createElementNS(SVG, 'polygon');
      item.setAttribute('points', points);
    }
    item.setAttribute('fill', color);
    if (dashed) { item.setAttribute('stroke', '#333'); item.setAttribute('stroke-dasharray', '2,1.5'); }
    svg.appendChild(item);
    return svg;
  }
  function lineIcon(color) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', '22'); svg.setAttribute('height', '10');
    var line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', '1'); line.setAttribute('y1', '5'); line.setAttribute('x2', '21'); line.setAttribute('y2', '5');
    line.setAttribute('stroke', color); line.setAttribute('stroke-width', '3');
    svg.appendChild(line);
    return svg;
  }

  // --- the data, indexed ----------------------------------------------------
  var classes = data.classes, relations = data.relations;
  var nodesData = data.nodes, edgesData = data.edges;
  var outEdges = nodesData.map(function () { return []; });
  var inEdges = nodesData.map(function () { return []; });
  edgesData.forEach(function (e) { outEdges[e.from].push(e.id); inEdges[e.to].push(e.id); });
  function modalityLabel(m) { return (data.modalities && data.modalities[m]) || m || ''; }
  function edgeLabel(e) {
    var label = relations[e.rel].label;
    if (e.mod && e.mod !== 'Done') label += '（' + modalityLabel(e.mod) + '）';
    return label;
  }
  function classColor(c) {
    var color = classes[c].color;
    return { background: color, border: '#333333', highlight: { background: color, border: '#000000' },
             hover: { background: color, border: '#000000' } };
  }

  // --- vis items -------------------------------------------------------------
  var groups = {};
  classes.forEach(function (c, i) {
    groups['c' + i] = { shape: c.shape, color: classColor(i), borderWidth: 1,
                        shapeProperties: { borderDashes: c.dashed ? [4, 3] : false } };
  });
  var visNodes = nodesData.map(function (n) {
    var tip = n.label + '\n' + classes[n.cls].label;
    if (n.aliases) tip += '\n简称：' + n.aliases.join('、');
    return { id: n.id, label: n.label, group: 'c' + n.cls, x: n.x, y: n.y, size: n.size, title: tip };
  });
  var pairCount = {};
  var visEdges = edgesData.map(function (e) {
    var rel = relations[e.rel], negated = e.mod === NEGATED;
    // Big graphs: no edge labels (vis measures and draws every one on each frame);
    // the selected node's edges get theirs when it is highlighted.
    var item = { id: e.id, from: e.from, to: e.to, label: big ? undefined : edgeLabel(e), arrows: 'to',
                 color: negated ? { color: '#9e9e9e', highlight: '#616161', opacity: 0.8 }
                                : { color: rel.color, highlight: rel.color, opacity: 0.85 },
                 dashes: negated ? [6, 6] : (e.mod && e.mod !== 'Done' ? [2, 4] : false),
                 width: negated ? 1 : 1.6 };
    var tip = nodesData[e.from].label + ' —' + edgeLabel(e) + '→ ' + nodesData[e.to].label;
    if (e.sent !== undefined) tip += '\n' + data.sentences[e.sent];
    item.title = tip;
    if (!big) {  // curve parallel edges apart so each label can be read
      var key = Math.min(e.from, e.to) + ' ' + Math.max(e.from, e.to);
      var k = pairCount[key] = (pairCount[key] || 0) + 1;
      item.smooth = { enabled: true, type: k % 2 ? 'curvedCW' : 'curvedCCW', roundness: 0.12 * Math.ceil(k / 2) };
    }
    return item;
  });

  // --- filters ---------------------------------------------------------------
  var state = { classOn: classes.map(function () { return true; }),
                relationOn: relations.map(function () { return true; }),
                doc: -1, negated: true };
  var nodeVisible = new Uint8Array(nodesData.length).fill(1);
  var edgeVisible = new Uint8Array(edgesData.length).fill(1);

  function computeVisibility() {
    var doc = state.doc, i, j, e;
    var inDoc = doc < 0 ? null : new Uint8Array(nodesData.length);
    for (i = 0; i < nodesData.length; i++) {
      nodeVisible[i] = state.classOn[nodesData[i].cls] ? 1 : 0;
      if (inDoc && nodesData[i].docs && nodesData[i].docs.indexOf(doc) >= 0) inDoc[i] = 1;
    }
    var touched = inDoc ? new Uint8Array(nodesData.length) : null;
    for (j = 0; j < edgesData.length; j++) {
      e = edgesData[j];
      var on = state.relationOn[e.rel] && (state.negated || e.mod !== NEGATED) &&
               nodeVisible[e.from] && nodeVisible[e.to];
      if (on && inDoc) on = e.doc === undefined ? (inDoc[e.from] && inDoc[e.to]) : e.doc === doc;
      edgeVisible[j] = on ? 1 : 0;
      if (on && touched) { touched[e.from] = 1; touched[e.to] = 1; }
    }
    if (inDoc) for (i = 0; i < nodesData.length; i++) nodeVisible[i] = nodeVisible[i] && (inDoc[i] || touched[i]) ? 1 : 0;
  }

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeVisible[n.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeVisible[e.id] === 1; } });

  function applyFilters() {
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    updateStats();
  }

  // --- the network -----------------------------------------------------------
  var options = {
    groups: groups,
    nodes: { font: { face: data.font, size: 14, strokeWidth: 3, strokeColor: '#ffffff' }, scaling: { label: { drawThreshold: 6 } } },
    edges: { font: { face: data.font, size: 11, align: 'middle', strokeWidth: 3, strokeColor: '#ffffff' },
             arrows: { to: { scaleFactor: 0.6 } }, smooth: big ? false : { enabled: true, type: 'continuous' },
             selectionWidth: 2 },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false },
    physics: data.physics ? {
      enabled: true, solver: 'forceAtlas2Based',
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: true }
    } : false
  };
  var container = document.getElementById('network');
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var timings = { built: performance.now() - t0 };
  var view = window.zhkgView = { network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                                 edgeView: edgeView, data: data, timings: timings, idle: false, selected: null };

  // idle: drawn at least once and, with physics, settled.
  var settled = !data.physics;
  function markIdle() {
    if (settled && timings.firstDraw !== undefined && !view.idle) { timings.idle = performance.now(); view.idle = true; }
  }
  network.once('afterDrawing', function () { timings.firstDraw = performance.now(); markIdle(); });
  if (data.physics) {
    network.once('stabilizationIterationsDone', function () {
      network.setOptions({ physics: false });  // settle once, then stay still
      settled = true;
      network.once('afterDrawing', markIdle);
      network.redraw();
    });
  }

  // --- highlight and side panel ----------------------------------------------
  // Small graphs dim everything outside the neighbourhood; big ones (where
  // recolouring thousands of nodes is slow) select the neighbourhood instead.
  var dimmed = [], labelled = [];
  function undim() {
    if (dimmed.length) {
      nodes.update(dimmed.map(function (id) { return { id: id, color: classColor(nodesData[id].cls) }; }));
      dimmed = [];
    }
    if (labelled.length) {
      edges.update(labelled.map(function (j) { return { id: j, label: '' }; }));
      labelled = [];
    }
  }
  function neighbourhood(id) {
    var keep = {}; keep[id] = true;
    outEdges[id].forEach(function (j) { if (edgeVisible[j]) keep[edgesData[j].to] = true; });
    inEdges[id].forEach(function (j) { if (edgeVisible[j]) keep[edgesData[j].from] = true; });
    return keep;
  }
  function highlight(id) {
    undim();
    var keep = neighbourhood(id), updates = [];
    if (big) {
      labelled = outEdges[id].concat(inEdges[id]).filter(function (j) { return edgeVisible[j]; });
      edges.update(labelled.map(function (j) { return { id: j, label: edgeLabel(edgesData[j]) }; }));
      return;
    }
    for (var i = 0; i < nodesData.length; i++) {
      if (!keep[i] && nodeVisible[i]) { dimmed.push(i); updates.push({ id: i, color: DIM }); }
    }
    nodes.update(updates);
  }

  function selectNode(id, moveCamera) {
    if (nodesData[id] === undefined) return;
    if (!nodeVisible[id]) {  // make it visible again: a search should always find
      state.classOn[nodesData[id].cls] = true; state.doc = -1;
      syncFilterControls(); applyFilters();
    }
    highlight(id);
    network.selectNodes([id], true);
    if (moveCamera !== false) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: big ? false : { duration: 400 } });
    }
    view.selected = id;
    showNode(id);
  }
  function selectEdge(j) {
    undim();
    network.setSelection({ nodes: [], edges: [j] }, { highlightEdges: false });
    view.selected = null;
    showEdge(j);
  }

  var panel = document.getElementById('panel');
  function link(text, onClick) {
    var a = el('a', text);
    a.setAttribute('role', 'button'); a.tabIndex = 0;
    a.addEventListener('click', onClick);
    a.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') onClick(); });
    return a;
  }
  function nodeLink(id) { return link(nodesData[id].label, function () { selectNode(id); }); }
  function factList(title, ids, outgoing) {
    panel.appendChild(el('h2', title + '（' + ids.length + '）'));
    if (!ids.length) { panel.appendChild(el('p', '无', 'hint')); return; }
    var ul = el('ul'), limit = 200;
    ids.slice(0, limit).forEach(function (j) {
      var e = edgesData[j], li = el('li');
      li.appendChild(link(edgeLabel(e), function () { selectEdge(j); }));
      li.appendChild(document.createTextNode(outgoing ? ' → ' : ' ← '));
      li.appendChild(nodeLink(outgoing ? e.to : e.from));
      ul.appendChild(li);
    });
    if (ids.length > limit) ul.appendChild(el('li', '……另有 ' + (ids.length - limit) + ' 条', 'hint'));
    panel.appendChild(ul);
  }
  function showNode(id) {
    var n = nodesData[id], c = classes[n.cls];
    clear(panel);
    var badge = el('span', c.label, 'cls');
    badge.style.background = c.color;
    panel.appendChild(badge);
    panel.appendChild(el('h3', n.label));
    panel.appendChild(el('div', n.iri, 'muted'));
    var table = el('table');
    function row(k, v) { var tr = el('tr'); tr.appendChild(el('td', k)); tr.appendChild(el('td', v)); table.appendChild(tr); }
    row('全称', n.label);
    row('简称', n.aliases ? n.aliases.join('、') : '—');
    (n.attrs || []).forEach(function (kv) { row(kv[0], kv[1]); });
    if (n.docs) row('文档', n.docs.map(function (d) { return data.documents[d]; }).join('；'));
    panel.appendChild(table);
    factList('事实（出）', outEdges[id], true);
    factList('事实（入）', inEdges[id], false);
  }
  function showEdge(j) {
    var e = edgesData[j];
    clear(panel);
    var badge = el('span', relations[e.rel].label, 'cls');
    badge.style.background = e.mod === NEGATED ? '#9e9e9e' : relations[e.rel].color;
    panel.appendChild(badge);
    var h = el('h3');
    h.appendChild(nodeLink(e.from));
    h.appendChild(document.createTextNode(' → '));
    h.appendChild(nodeLink(e.to));
    panel.appendChild(h);
    var table = el('table');
    (e.details || []).forEach(function (d) {
      var tr = el('tr'); tr.appendChild(el('td', d[0])); tr.appendChild(el('td', d[1])); table.appendChild(tr);
    });
    if (table.firstChild) panel.appendChild(table);
    if (e.sent !== undefined) {
      panel.appendChild(el('h2', '证据句'));
      panel.appendChild(el('blockquote', data.sentences[e.sent]));
    }
    if (e.doc !== undefined) panel.appendChild(el('div', '文档：' + data.documents[e.doc], 'muted'));
  }

  network.on('click', function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else { undim(); view.selected = null; }
  });

  // --- search ----------------------------------------------------------------
  var searchIndex = nodesData.map(function (n) {
    return [normalise(n.label)].concat((n.aliases || []).map(normalise));
  });
  function search(query) {
    var q = normalise(query), exact = [], starts = [], contains = [];
    if (!q) return [];
    for (var i = 0; i < searchIndex.length; i++) {
      var forms = searchIndex[i], rank = 3;
      for (var k = 0; k < forms.length; k++) {
        if (forms[k] === q) { rank = 0; break; }
        if (forms[k].indexOf(q) === 0) rank = Math.min(rank, 1);
        else if (forms[k].indexOf(q) > 0) rank = Math.min(rank, 2);
      }
      if (rank === 0) exact.push(i); else if (rank === 1) starts.push(i); else if (rank === 2) contains.push(i);
    }
    var byLength = function (a, b) { return nodesData[a].label.length - nodesData[b].label.length || a - b; };
    return exact.sort(byLength).concat(starts.sort(byLength), contains.sort(byLength));
  }
  var input = document.getElementById('search'), results = document.getElementById('search-results');
  var shown = [], active = 0;
  function renderResults() {
    clear(results);
    shown.slice(0, 15).forEach(function (id, k) {
      var n = nodesData[id], li = el('li', n.label);
      li.setAttribute('role', 'option');
      if (k === active) li.className = 'active';
      if (n.aliases) li.appendChild(el('span', n.aliases.join('、'), 'alias'));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(id); });
      results.appendChild(li);
    });
  }
  function choose(id) { shown = []; renderResults(); selectNode(id); }
  input.addEventListener('input', function () { shown = search(input.value); active = 0; renderResults(); });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      var hits = shown.length ? shown : search(input.value);
      if (hits.length) choose(hits[Math.min(active, hits.length - 1)]);
    } else if (ev.key === 'ArrowDown') { active = Math.min(active + 1, Math.min(shown.length, 15) - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === 'Escape') { shown = []; renderResults(); }
  });
  input.addEventListener('blur', function () { shown = []; renderResults(); });

  // --- filter controls -------------------------------------------------------
  function countBy(items, key) {
    var counts = {};
    items.forEach(function (x) { counts[x[key]] = (counts[x[key]] || 0) + 1; });
    return counts;
  }
  var classBoxes = [], relationBoxes = [];
  function checkboxRow(parent, icon, label, count, onChange) {
    var row = el('label', null, 'row'), box = el('input');
    box.type = 'checkbox'; box.checked = true;
    box.addEventListener('change', function () { onChange(box.checked); });
    row.appendChild(box); row.appendChild(icon); row.appendChild(el('span', label));
    row.appendChild(el('span', count || 0, 'count'));
    parent.appendChild(row);
    return box;
  }
  var classCounts = countBy(nodesData, 'cls'), relationCounts = countBy(edgesData, 'rel');
  classes.forEach(function (c, i) {
    var box = checkboxRow(document.getElementById('class-filters'), shapeIcon(c.shape, c.color, c.dashed),
                          c.label, classCounts[i], function (on) { setClassVisible(i, on); });
    box.dataset.cls = c.id;
    classBoxes.push(box);
  });
  relations.forEach(function (r, i) {
    var box = checkboxRow(document.getElementById('relation-filters'), lineIcon(r.color), r.label,
                          relationCounts[i], function (on) { setRelationVisible(i, on); });
    box.dataset.relation = r.id;
    relationBoxes.push(box);
  });
  var docSelect = document.getElementById('doc-filter');
  var all = el('option', '全部文档（' + data.documents.length + '）'); all.value = '-1';
  docSelect.appendChild(all);
  data.documents.forEach(function (title, d) { var o = el('option', title); o.value = String(d); docSelect.appendChild(o); });
  docSelect.addEventListener('change', function () { setDocument(parseInt(docSelect.value, 10)); });
  var negatedBox = document.getElementById('show-negated');
  negatedBox.addEventListener('change', function () { state.negated = negatedBox.checked; undim(); applyFilters(); });

  function syncFilterControls() {
    classBoxes.forEach(function (b, i) { b.checked = state.classOn[i]; });
    relationBoxes.forEach(function (b, i) { b.checked = state.relationOn[i]; });
    docSelect.value = String(state.doc);
    negatedBox.checked = state.negated;
  }
  function setClassVisible(i, on) { state.classOn[i] = !!on; undim(); syncFilterControls(); applyFilters(); }
  function setRelationVisible(i, on) { state.relationOn[i] = !!on; undim(); syncFilterControls(); applyFilters(); }
  function setDocument(d) { state.doc = d; undim(); syncFilterControls(); applyFilters(); }

  function updateStats() {
    document.getElementById('stats').textContent =
      '节点 ' + nodeView.length + ' / ' + nodesData.length + '　连线 ' + edgeView.length + ' / ' + edgesData.length;
  }
  document.getElementById('title').textContent = data.title;
  updateStats();

  view.search = search;
  view.selectNode = selectNode;
  view.selectEdge = selectEdge;
  view.setClassVisible = setClassVisible;
  view.setRelationVisible = setRelationVisible;
  view.setDocument = setDocument;
  view.drawnCounts = function () {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  };
})();
