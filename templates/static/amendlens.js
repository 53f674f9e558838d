// amendlens dashboard: draws every chart of the page and handles the clicks
// that drill down. Pages hold no code: each chart container (div.chart)
// is followed by <script type="application/json" id="ID-option"> holding its
// ECharts option, and carries data-links (a JSON array of same-site URLs,
// or with data-link-by "series" one array per series) and data-link-by
// (what indexes them: the clicked item, or the category under the
// pointer). Loaded with
// defer after echarts.min.js, so the page is parsed and ECharts is loaded.
(function () {
  "use strict";
  var instances = [];

  // readJSON parses the text of the element with the given id; null when it
  // is missing or not JSON.
  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  // sameSite reports whether url is a path on this site: never another host
  // ("//host", or "/\host", which browsers read the same), never a script URL.
  function sameSite(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\";
  }

  // follow goes to url when it is a path on this site, and does nothing
  // for a missing link or any other URL.
  function follow(url) {
    if (sameSite(url)) {
      window.location.assign(url);
    }
  }

  // drillDown makes a click on the chart inst, drawn in el, go to the
  // link that el's data-links holds for what was clicked.
  function drillDown(el, inst) {
    var links = [];
    try {
      links = JSON.parse(el.getAttribute("data-links") || "[]");
    } catch (e) {
      links = [];
    }
    if (!Array.isArray(links) || !links.length) {
      return;
    }
    var by = el.getAttribute("data-link-by") || "index";
    el.classList.add("clickable");
    if (by === "x" || by === "y") {
      // The link of the category under the pointer on that axis, read
      // from the axis (convertFromPixel), wherever in the plot the click
      // falls: zoomed out over thousands of paragraphs a column is under a
      // pixel wide, and the bar or cell the canvas finds under the pointer
      // is a neighbour's, or none.
      inst.getZr().on("click", function (e) {
        var point = [e.offsetX, e.offsetY];
        if (!inst.containPixel({ gridIndex: 0 }, point)) {
          return;
        }
        var v = inst.convertFromPixel({ gridIndex: 0 }, point);
        var i = Array.isArray(v) ? Math.round(v[by === "x" ? 0 : 1]) : -1;
        follow(i >= 0 ? links[i] : null);
      });
      return;
    }
    inst.on("click", function (p) {
      if (p.dataType === "edge") {
        return; // a Sankey's links index its nodes, not its edges
      }
      var i = p.dataIndex;
      if (by === "series") {
        // One array of links per series: the bar's series says which.
        var row = links[p.seriesIndex];
        follow(Array.isArray(row) ? row[i] : null);
        return;
      }
      follow(links[i]);
    });
  }

  // imageName names the image a chart saves after the document, the
  // chart and the variant shown: DOC-CHART-VARIANT.EXT.
  function imageName(id, ext) {
    var variant = new URLSearchParams(window.location.search).get("variant");
    var parts = [document.body.getAttribute("data-doc"), id.replace(/^chart_/, ""), variant];
    return parts.filter(Boolean).join("-").replace(/[\\/:*?"<>|\s]+/g, "_") + "." + ext;
  }

  // captionHeight is the room a saved image gives its caption.
  var captionHeight = 52;

  // captioned returns what a saved image changes in a chart's option: its
  // caption drawn above it (the chart's title; the document's title, the
  // variant shown and the day), everything else moved down to make room.
  function captioned(opt, el) {
    var variant = new URLSearchParams(window.location.search).get("variant");
    var doc = document.body.getAttribute("data-doc-title") || document.body.getAttribute("data-doc");
    var sub = [doc, variant, new Date().toISOString().slice(0, 10)].filter(Boolean).join(" · ");
    var down = function (list, dflt) {
      return (list || []).map(function (c) { return { top: (parseFloat(c.top) || dflt) + captionHeight }; });
    };
    var patch = {
      title: { show: true, text: el.getAttribute("data-title") || "", subtext: sub, left: 8, top: 4,
        textStyle: { fontSize: 15, color: "#212529" }, subtextStyle: { fontSize: 12, color: "#495057" } },
      legend: down(opt.legend, 0),
      grid: down(opt.grid, 0),
      visualMap: down(opt.visualMap, 0)
    };
    patch.series = (opt.series || []).map(function (sr) {
      return sr.type === "sankey" ? { top: (parseFloat(sr.top) || 20) + captionHeight } : {};
    });
    return patch;
  }

  // saveChart draws the chart of el afresh, off screen, captioned, with
  // the renderer of ext ("png" at twice the resolution, or "svg"), and
  // downloads it; the chart on the page is left as it is.
  function saveChart(el, ext) {
    var inst = window.echarts.getInstanceByDom(el);
    if (!inst) {
      return;
    }
    var width = inst.getWidth(), height = inst.getHeight() + captionHeight;
    var box = document.createElement("div");
    box.style.position = "absolute";
    box.style.left = "-10000px";
    box.style.width = width + "px";
    box.style.height = height + "px";
    document.body.appendChild(box);
    var opt = inst.getOption();
    var copy = window.echarts.init(box, null, { renderer: ext === "svg" ? "svg" : "canvas", width: width, height: height, devicePixelRatio: 2 });
    var url;
    try {
      copy.setOption(opt);
      copy.setOption(captioned(opt, el));
      if (ext === "svg") {
        url = URL.createObjectURL(new Blob([copy.renderToSVGString()], { type: "image/svg+xml" }));
      } else {
        url = copy.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
      }
    } finally {
      copy.dispose();
      box.remove();
    }
    var a = document.createElement("a");
    a.href = url;
    a.download = imageName(el.id, ext);
    document.body.appendChild(a);
    a.click();
    a.remove();
    if (ext === "svg") {
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }
  }

  // seriesButtons puts, under a chart with a legend, a button per series
  // that shows or hides it as a click on its legend entry does: the
  // keyboard reaches them, and each names its series in full.
  function seriesButtons(el, inst) {
    var model = inst.getModel().getComponent("legend");
    if (!model || !model.get("show")) {
      return;
    }
    var names = model.getData().map(function (d) { return d.get("name"); });
    if (names.length < 2) {
      return;
    }
    var row = document.createElement("p");
    row.className = "series";
    row.id = el.id + "-series";
    var label = document.createElement("span");
    label.className = "label";
    label.textContent = "Show or hide:";
    row.appendChild(label);
    names.forEach(function (name) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = name;
      b.setAttribute("aria-pressed", "true");
      b.addEventListener("click", function () {
        inst.dispatchAction({ type: "legendToggleSelect", name: name });
        var shown = inst.getOption().legend[0].selected;
        b.setAttribute("aria-pressed", shown && shown[name] === false ? "false" : "true");
      });
      row.appendChild(document.createTextNode(" "));
      row.appendChild(b);
    });
    el.insertAdjacentElement("afterend", row);
  }

  // fitLegend moves the plot of a chart below its legend, which wraps onto
  // as many lines as its names take at the chart's width: the grid's top
  // is the legend's height and a gap, never less than the option's, and
  // the chart grows by as much, so that the plot keeps its height.
  function fitLegend(inst) {
    var opt = inst.getOption();
    var grids = opt.grid || [];
    var model = inst.getModel().getComponent("legend");
    if (!grids.length || !model || !model.get("show")) {
      return;
    }
    var view = inst.getViewOfComponentModel(model);
    if (!view) {
      return;
    }
    var rect = view.group.getBoundingRect();
    var base = inst.__amendlensTop;
    if (base === undefined) {
      base = inst.__amendlensTop = parseFloat(grids[0].top) || 0;
    }
    var top = Math.max(base, Math.ceil(rect.height) + 12);
    if (grids[0].top !== top) {
      inst.setOption({ grid: grids.map(function () { return { top: top }; }) });
    }
    var el = inst.getDom();
    if (inst.__amendlensHeight === undefined) {
      inst.__amendlensHeight = el.clientHeight;
    }
    var height = inst.__amendlensHeight + top - base + "px";
    if (el.style.height !== height) {
      el.style.height = height;
      inst.resize();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("div.chart"), function (el) {
    var option = readJSON(el.id + "-option");
    if (!option || typeof option !== "object") {
      return; // the table below the chart still shows the numbers
    }
    var inst = window.echarts.init(el, null, { renderer: "canvas" });
    inst.setOption(option);
    fitLegend(inst);
    instances.push(inst);
    drillDown(el, inst);
    var panel = el.closest("section");
    seriesButtons(el, inst);
    var save = panel && panel.querySelector("span.save");
    if (save) {
      save.hidden = false;
      save.querySelector("button.save-png").addEventListener("click", function () { saveChart(el, "png"); });
      save.querySelector("button.save-svg").addEventListener("click", function () { saveChart(el, "svg"); });
    }
  });

  // An upload says it is at work once sent, and cannot be sent twice. A
  // form with a progress field draws an id for its analysis and asks the
  // server every half second how many paragraphs are done, until the
  // answer's page replaces this one.
  Array.prototype.forEach.call(document.querySelectorAll("form.upload"), function (form) {
    form.addEventListener("submit", function () {
      var working = form.querySelector(".working");
      if (working) {
        working.hidden = false;
      }
      Array.prototype.forEach.call(form.querySelectorAll('button[type="submit"]'), function (b) {
        window.setTimeout(function () { b.disabled = true; }, 0);
      });
      var field = form.querySelector('input[name="progress"]');
      if (!field || !working || !window.crypto || !window.fetch) {
        return;
      }
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      field.value = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
      var said = working.textContent;
      window.setInterval(function () {
        window.fetch("/progress/" + field.value, { cache: "no-store" }).then(function (resp) {
          return resp.ok ? resp.json() : null;
        }).then(function (p) {
          if (p && p.total > 0) {
            working.textContent = "Analysing… " + p.done.toLocaleString("en") + " of " + p.total.toLocaleString("en") + " paragraphs done.";
          } else {
            working.textContent = said;
          }
        }, function () {});
      }, 500);
    });
  });

  // el makes an element of tag with text and class cls, each optional.
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  };

  // headedTable makes a table of id whose head names its columns heads.
  var headedTable = function (id, heads) {
    var table = el("table");
    table.id = id;
    var head = el("tr");
    heads.forEach(function (h) {
      var th = el("th", h);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    return table;
  };

  // postCheck posts form with check=1: the server analyses its files,
  // stores nothing, and answers what it found, which show writes into box,
  // or why it cannot; button waits meanwhile.
  var postCheck = function (form, box, button, show) {
    var data = new FormData(form);
    data.append("check", "1");
    box.textContent = "";
    box.appendChild(el("p", "Analysing…", "note"));
    button.disabled = true;
    window.fetch(form.getAttribute("action"), { method: "POST", body: data, headers: { "Accept": "application/json" } }).then(function (resp) {
      var type = resp.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") < 0) {
        return { error: "The server answered " + resp.status + " " + resp.statusText + "." };
      }
      return resp.json();
    }).then(function (f) {
      box.textContent = "";
      if (f.error) {
        box.appendChild(el("p", f.error, "message error"));
        return;
      }
      show(f);
    }, function (err) {
      box.textContent = "";
      box.appendChild(el("p", "The check failed: " + err, "message error"));
    }).then(function () { button.disabled = false; });
  };

  // The one-file form's check: what the file holds (its texts and their
  // roles, how it was read) and the outcomes it could have, chosen in a
  // list that writes the outcome field.
  var fileForm = document.getElementById("file-form");
  if (fileForm) {
    var fileButton = fileForm.querySelector("#file-check");
    var fileBox = fileForm.querySelector("#file-found");
    var outcomeField = fileForm.querySelector('input[name="outcome"]');
    var showFile = function (f) {
      fileBox.appendChild(el("h3", "What it found: " + f.title));
      fileBox.appendChild(el("pre", f.summary, "summary"));
      var table = headedTable("file-found-table", ["Text", "Role", "Amended", "New", "Absent", "Words added", "Words deleted"]);
      var tbody = el("tbody");
      f.texts.forEach(function (t, i) {
        var tr = el("tr");
        var th = el("th", t.name);
        th.scope = "row";
        tr.appendChild(th);
        tr.appendChild(el("td", t.role));
        [t.amended, t.new, t.absent, t.added_words, t.deleted_words].forEach(function (n) { tr.appendChild(el("td", i === 0 ? "–" : String(n), "num")); });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      var wrap = el("div", undefined, "scroll");
      wrap.appendChild(table);
      fileBox.appendChild(wrap);
      if (f.outcomes && f.outcomes.length) {
        var label = el("label", "Outcome: the text proposals are judged against ");
        var select = el("select");
        select.id = "file-outcome";
        f.outcomes.forEach(function (o) {
          var opt = el("option", o.label);
          opt.value = o.value;
          select.appendChild(opt);
        });
        select.addEventListener("change", function () { outcomeField.value = select.value; });
        label.appendChild(select);
        fileBox.appendChild(label);
        outcomeField.value = select.value;
      }
      if (f.hint) { fileBox.appendChild(el("p", f.hint, "message")); }
      if (f.replaces) { fileBox.appendChild(el("p", f.replaces, "message warning")); }
      fileBox.appendChild(el("p", "Nothing is stored yet. Change the choices and check again, or analyse and store.", "note"));
    };
    fileButton.hidden = false;
    fileButton.addEventListener("click", function () {
      if (!fileForm.querySelector('input[name="file"]').files.length) {
        fileBox.textContent = "";
        fileBox.appendChild(el("p", "Choose the file first.", "message error"));
        return;
      }
      postCheck(fileForm, fileBox, fileButton, showFile);
    });
  }

  // The chain form's list: the chosen files in order, each a stage or a
  // proposal against the stage above it, named, excerpts marked. The list
  // writes the plan field the server reads; nothing is guessed from file
  // names but the default names.
  var chainForm = document.getElementById("chain-form");
  if (chainForm) {
    var stagesInput = chainForm.querySelector('input[name="stages"]');
    var planBody = chainForm.querySelector("#chain-list tbody");
    var planField = chainForm.querySelector("#plan-field");
    var planBox = chainForm.querySelector("#chain-plan");
    var plan = [];
    var writePlan = function () {
      planField.value = JSON.stringify(plan.map(function (r) {
        return { file: r.file, role: r.role, name: r.name, partial: r.role === "stage" && r.partial };
      }));
    };
    var cell = function (tr, child) {
      var td = document.createElement("td");
      if (child) { td.appendChild(child); }
      tr.appendChild(td);
      return td;
    };
    var move = function (i, by) {
      var j = i + by;
      if (j < 0 || j >= plan.length) { return; }
      var r = plan[i];
      plan[i] = plan[j];
      plan[j] = r;
      renderPlan(j, by < 0 ? "up" : "down");
    };
    var renderPlan = function (focus, which) {
      planBody.textContent = "";
      plan.forEach(function (r, i) {
        var tr = document.createElement("tr");
        tr.className = "plan-row";
        var order = cell(tr);
        order.appendChild(document.createTextNode((i + 1) + " "));
        [["up", -1, "↑"], ["down", 1, "↓"]].forEach(function (b) {
          var btn = document.createElement("button");
          btn.type = "button";
          btn.className = "move-" + b[0];
          btn.textContent = b[2];
          btn.setAttribute("aria-label", "Move " + r.fileName + " " + b[0]);
          btn.disabled = (i === 0 && b[1] < 0) || (i === plan.length - 1 && b[1] > 0);
          btn.addEventListener("click", function () { move(i, b[1]); });
          order.appendChild(btn);
          if (i === focus && b[0] === which) { setTimeout(function () { btn.focus(); }, 0); }
        });
        cell(tr).textContent = r.fileName;
        var role = document.createElement("select");
        role.className = "plan-role";
        role.setAttribute("aria-label", "Role of " + r.fileName);
        [["stage", "stage"], ["proposal", "proposal against the stage above"]].forEach(function (o) {
          var opt = document.createElement("option");
          opt.value = o[0];
          opt.textContent = o[1];
          opt.selected = r.role === o[0];
          role.appendChild(opt);
        });
        role.addEventListener("change", function () { r.role = role.value; renderPlan(); });
        cell(tr, role);
        var name = document.createElement("input");
        name.type = "text";
        name.className = "plan-name";
        name.value = r.name;
        name.setAttribute("aria-label", "Name of " + r.fileName);
        name.addEventListener("input", function () { r.name = name.value; writePlan(); });
        cell(tr, name);
        var partial = document.createElement("input");
        partial.type = "checkbox";
        partial.className = "plan-partial";
        partial.checked = r.partial;
        partial.disabled = r.role !== "stage";
        partial.setAttribute("aria-label", r.fileName + " is an excerpt");
        partial.addEventListener("change", function () { r.partial = partial.checked; writePlan(); });
        cell(tr, partial);
        planBody.appendChild(tr);
      });
      writePlan();
    };
    // The check: the server analyses the files as the list orders them,
    // stores nothing, and says what it found, or why it cannot.
    var checkButton = chainForm.querySelector("#chain-check");
    var foundBox = chainForm.querySelector("#chain-found");
    var showFound = function (f) {
      foundBox.textContent = "";
      foundBox.appendChild(el("h3", "What it found: " + f.name));
      var table = headedTable("chain-found-table", ["Stage", "File", "Paragraphs", "Words", "Changes from the stage before", "Proposals against it"]);
      var tbody = el("tbody");
      f.stages.forEach(function (s, i) {
        var tr = el("tr");
        var th = el("th", (i + 1) + ". " + s.name + (s.date ? " (" + s.date + ")" : "") + (s.partial ? " (excerpt)" : ""));
        th.scope = "row";
        tr.appendChild(th);
        tr.appendChild(el("td", s.file));
        tr.appendChild(el("td", String(s.paragraphs)));
        tr.appendChild(el("td", String(s.words)));
        var change = i === 0 ? "–" : "+" + s.added_words + " −" + s.deleted_words + " words; " + s.new_paragraphs + " new, " + s.dropped_paragraphs + " dropped" +
          (s.out_of_scope ? ", " + s.out_of_scope + " out of scope" : "");
        tr.appendChild(el("td", change));
        var props = el("td");
        (s.proposals || []).forEach(function (p, j) {
          if (j) { props.appendChild(document.createTextNode("; ")); }
          props.appendChild(el("span", p.actor + " (" + p.file + "): " + p.insertions + " insertion" + (p.insertions === 1 ? "" : "s"), "found-proposal"));
        });
        if (!s.proposals || s.proposals.length === 0) { props.textContent = "–"; }
        tr.appendChild(props);
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      var wrap = el("div", undefined, "scroll");
      wrap.appendChild(table);
      foundBox.appendChild(wrap);
      if (f.replaces) { foundBox.appendChild(el("p", f.replaces, "message warning")); }
      foundBox.appendChild(el("p", "Nothing is stored yet. Change the list and check again, or analyse and store.", "note"));
    };
    checkButton.hidden = false;
    checkButton.addEventListener("click", function () {
      if (!stagesInput.files.length) {
        foundBox.textContent = "";
        foundBox.appendChild(el("p", "Choose the files first.", "message error"));
        return;
      }
      postCheck(chainForm, foundBox, checkButton, showFound);
    });
    stagesInput.addEventListener("change", function () {
      foundBox.textContent = "";
      plan = Array.prototype.map.call(stagesInput.files, function (f, i) {
        return { file: i, fileName: f.name, role: "stage", name: f.name.replace(/\.[^.]*$/, ""), partial: false };
      });
      // A manifest says the order itself: no list.
      var manifest = plan.some(function (r) { return /\.ya?ml$/i.test(r.fileName); });
      planBox.hidden = manifest || plan.length === 0;
      if (manifest) { plan = []; planField.value = ""; return; }
      renderPlan();
    });
  }

  // Charts follow their container's size.
  if (typeof window.ResizeObserver === "function") {
    var observer = new window.ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var inst = window.echarts.getInstanceByDom(entry.target);
        if (inst) {
          inst.resize();
          fitLegend(inst);
        }
      });
    });
    instances.forEach(function (inst) { observer.observe(inst.getDom()); });
    return;
  }
  var pending = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      instances.forEach(function (inst) { inst.resize(); fitLegend(inst); });
    }, 100);
  });

})();
