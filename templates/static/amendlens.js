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

  // imageName names the PNG a chart's save button downloads after the
  // document, the chart and the variant shown (DOC-CHART-VARIANT.png), and
  // draws it at twice the screen's resolution, for reports.
  function imageName(option, id) {
    var tb = Array.isArray(option.toolbox) ? option.toolbox[0] : option.toolbox;
    var save = tb && tb.feature && tb.feature.saveAsImage;
    if (!save) {
      return;
    }
    var variant = new URLSearchParams(window.location.search).get("variant");
    var parts = [document.body.getAttribute("data-doc"), id.replace(/^chart_/, ""), variant];
    save.name = parts.filter(Boolean).join("-").replace(/[\\/:*?"<>|\s]+/g, "_");
    save.pixelRatio = 2;
  }

  Array.prototype.forEach.call(document.querySelectorAll("div.chart"), function (el) {
    var option = readJSON(el.id + "-option");
    if (!option || typeof option !== "object") {
      return; // the table below the chart still shows the numbers
    }
    imageName(option, el.id);
    var inst = window.echarts.init(el, null, { renderer: "canvas" });
    inst.setOption(option);
    instances.push(inst);
    drillDown(el, inst);
  });

  // Charts follow their container's size.
  if (typeof window.ResizeObserver === "function") {
    var observer = new window.ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var inst = window.echarts.getInstanceByDom(entry.target);
        if (inst) {
          inst.resize();
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
      instances.forEach(function (inst) { inst.resize(); });
    }, 100);
  });
})();
