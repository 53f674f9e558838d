// amendlens dashboard: chart drill-down and resizing. Loaded with defer, so
// the inline chart scripts have created their ECharts instances already.
// Each chart container carries data-links (a JSON array of same-site URLs)
// and data-link-by (which part of a clicked item indexes them). No inline
// event handlers: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") {
    return; // charts are missing; the tables below them still show the numbers
  }
  var charts = document.querySelectorAll(".chart");
  var instances = [];
  Array.prototype.forEach.call(charts, function (el) {
    var inst = window.echarts.getInstanceByDom(el);
    if (!inst) {
      return;
    }
    instances.push(inst);
    var links = [];
    try {
      links = JSON.parse(el.getAttribute("data-links") || "[]");
    } catch (e) {
      links = [];
    }
    if (!links.length) {
      return;
    }
    var by = el.getAttribute("data-link-by") || "index";
    el.classList.add("clickable");
    inst.on("click", function (p) {
      var i = p.dataIndex;
      if (by === "x" || by === "y") {
        var v = p.value;
        if (!Array.isArray(v)) {
          return;
        }
        i = by === "x" ? v[0] : v[1];
      }
      var url = links[i];
      // Only same-site paths: never another host ("//host", or "/\host",
      // which browsers read the same), never a script URL.
      if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\") {
        window.location.assign(url);
      }
    });
  });
  // A chart takes its container's size when its inline script runs, before
  // the rest of the page is parsed: the first chart of a grid row is then as
  // wide as the whole row. Resize every chart now that the layout is final,
  // and again whenever its container changes size.
  instances.forEach(function (inst) { inst.resize(); });
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
