package dashboard

// labelReport is what readLabels finds wrong with a page's chart labels.
type labelReport struct {
	Charts   int      `json:"charts"`
	Labels   int      `json:"labels"`   // axis label lines drawn
	Problems []string `json:"problems"` // what is cut, and where
}

// readLabels checks the category axis labels of every chart of the page as
// drawn: no line drawn is a category cut short with an ellipsis, unless the
// chart has more than wrapBars categories (the design cuts those); every
// line is part of a category (a whole one, or a line of a wrapped one);
// the plot leaves the names down the left of horizontal bars room for
// their width (measured with the label font, up to the wrap width), and a
// tilted name under the first bar stays right of the chart's left edge.
const readLabels = `function (wrap, wrapBars) {
	var out = {charts: 0, labels: 0, problems: []};
	var ctx = document.createElement("canvas").getContext("2d");
	ctx.font = "12px sans-serif";
	document.querySelectorAll("div.chart").forEach(function (el) {
		var inst = echarts.getInstanceByDom(el);
		if (!inst) { return; }
		out.charts++;
		var opt = inst.getOption();
		var across = opt.yAxis && opt.yAxis[0].type === "category";
		var axis = across ? opt.yAxis[0] : opt.xAxis && opt.xAxis[0];
		if (!axis || axis.type !== "category") { return; }
		var cats = (axis.data || []).map(String);
		var joined = "\n" + cats.join("\n") + "\n";
		inst.getZr().storage.getDisplayList(true).forEach(function (d) {
			if (d.type !== "tspan" || !d.style || !d.style.text) { return; }
			var t = String(d.style.text);
			var cut = /(\.\.\.|…)$/.test(t) && cats.indexOf(t) < 0 && cats.length <= wrapBars;
			if (cut) { out.problems.push(el.id + ": label cut to " + JSON.stringify(t)); }
			if (joined.indexOf(t.trim()) >= 0) { out.labels++; }
		});
		var rect = inst.getModel().getComponent("grid", 0).coordinateSystem.getRect();
		if (!cats.length) { return; }
		if (across && cats.length <= wrapBars) {
			// Wrapped lines of a name must not overlap: ECharts' own line
			// height is a CJK glyph's width, a few pixels without CJK fonts.
			var al = axis.axisLabel || {};
			if (al.overflow === "break" && !(al.lineHeight >= 12)) {
				out.problems.push(el.id + ": wrapped names with a line height of " + al.lineHeight);
			}
			var widest = 0;
			cats.forEach(function (c) { widest = Math.max(widest, wrap > 0 ? Math.min(wrap, ctx.measureText(c).width) : ctx.measureText(c).width); });
			if (rect.x < widest - 4) {
				out.problems.push(el.id + ": the plot starts " + Math.round(rect.x) + " px from the left, its names need " + Math.round(widest));
			}
			return;
		}
		var rot = (axis.axisLabel && axis.axisLabel.rotate || 0) * Math.PI / 180;
		var first = inst.convertToPixel({xAxisIndex: 0}, 0);
		var reach = ctx.measureText(cats[0]).width * Math.cos(rot);
		if (rot > 0 && first - reach < -1) {
			out.problems.push(el.id + ": the tilted name " + JSON.stringify(cats[0]) + " reaches " + Math.round(first - reach) + " px left of the chart");
		}
	});
	return out;
}`
