package dashboard

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"amendlens/align"
	"amendlens/analysis"
)

// chartAlignment is the prefix of the IDs of the alignment charts, one per
// variant given as a version: chart_alignment_v3.
const chartAlignment = "chart_alignment_v"

// Colours of the alignment chart: moved paragraphs stand out, the rest
// stays grey.
const (
	alignColor   = "#9aa5b1"
	movedColor   = "#d1495b"
	changedColor = "#3d7ea6" // merged and split
)

// maxSankeyLabels is the most nodes an alignment chart labels.
const maxSankeyLabels = 240

// alignmentChart draws the alignment of variant v, a version, as a Sankey
// diagram: the base's paragraphs in order on the left, the version's in its
// own order on the right, a link from each base paragraph to its
// counterparts; moved paragraphs and their links in red, merges and splits
// in blue, deleted base paragraphs flowing to "deleted", new version
// paragraphs coming from "new". The table lists the alignment's rows.
func alignmentChart(r *analysis.Result, al *analysis.Alignment) (*chartView, error) {
	d := r.Document
	name := d.Variants[al.Variant]
	id := chartAlignment + strconv.Itoa(al.Variant)

	// Base paragraphs in document order, version paragraphs in theirs.
	var baseRows []string
	hasRow := map[string]bool{}
	for _, p := range d.Paragraphs {
		if strings.TrimSpace(p.Texts[0]) != "" {
			baseRows = append(baseRows, p.ID)
			hasRow[p.ID] = true
		}
	}
	type verPara struct {
		id  string
		pos int
		rel align.Relation
	}
	var vers []verPara
	seenPos := map[int]bool{}
	color := map[string]string{} // node name -> colour
	for _, l := range al.Links {
		if l.Position < 0 || seenPos[l.Position] {
			continue
		}
		seenPos[l.Position] = true
		vers = append(vers, verPara{l.VariantParagraph, l.Position, l.Relation})
	}
	slices.SortFunc(vers, func(a, b verPara) int { return a.pos - b.pos })

	baseNode := func(id string) string { return analysis.BaseName + " " + label(id) }
	verNode := func(id string) string { return label(name) + " " + label(id) }
	const deletedNode, newNode = "deleted", "new"
	relColor := func(rel align.Relation) string {
		switch rel {
		case align.RelationMoved:
			return movedColor
		case align.RelationMerged, align.RelationSplit:
			return changedColor
		}
		return alignColor
	}
	depth := func(n int) *int { return &n }

	var nodes []opts.SankeyNode
	var urls []string            // per node: the paragraph's page, "" for none
	rowOf := map[string]string{} // version node -> row
	var links []opts.SankeyLink
	anyNew, anyDeleted := false, false
	tv := tableView{Head: []string{"Paragraph", "Variant paragraph", "Relation", "Similarity"}}
	for _, l := range al.Links {
		from, to := baseNode(l.Paragraph), verNode(l.VariantParagraph)
		switch {
		case l.Relation == align.RelationNew:
			from, anyNew = newNode, true
		case l.Position < 0:
			to, anyDeleted = deletedNode, true
		}
		if l.Relation != align.RelationNew {
			color[from] = relColor(l.Relation)
		}
		if _, ok := rowOf[to]; !ok {
			rowOf[to] = l.Paragraph
		}
		links = append(links, opts.SankeyLink{Source: from, Target: to, Value: 1})
		para := l.Paragraph
		if l.Relation == align.RelationNew {
			para = ""
		}
		rowLink := ""
		if para != "" {
			rowLink = paraURL(d.Name, para)
		}
		tv.Links = append(tv.Links, rowLink)
		tv.Rows = append(tv.Rows, []string{para, l.VariantParagraph, string(l.Relation), strconv.FormatFloat(l.Similarity, 'f', 4, 64)})
	}
	for _, id := range baseRows {
		c := color[baseNode(id)]
		if c == "" {
			continue // a row no link names
		}
		nodes = append(nodes, opts.SankeyNode{Name: baseNode(id), Depth: depth(0), ItemStyle: &opts.ItemStyle{Color: c}})
		urls = append(urls, paraURL(d.Name, id))
	}
	if anyNew {
		nodes = append(nodes, opts.SankeyNode{Name: newNode, Depth: depth(0), ItemStyle: &opts.ItemStyle{Color: "#e0e0e0"}})
		urls = append(urls, "")
	}
	for _, vp := range vers {
		nodes = append(nodes, opts.SankeyNode{Name: verNode(vp.id), Depth: depth(1), ItemStyle: &opts.ItemStyle{Color: relColor(vp.rel)}})
		urls = append(urls, paraURL(d.Name, rowOf[verNode(vp.id)]))
	}
	if anyDeleted {
		nodes = append(nodes, opts.SankeyNode{Name: deletedNode, Depth: depth(1), ItemStyle: &opts.ItemStyle{Color: "#e0e0e0"}})
		urls = append(urls, "")
	}

	s := charts.NewSankey()
	s.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	s.AddSeries(label(name), nodes, links,
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Opacity: opts.Float(0.35), Curveness: 0.5}),
		// Past a few hundred paragraphs labels would overlap: the tooltip
		// names each paragraph.
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(nodes) <= maxSankeyLabels), FontSize: 10}),
	)
	option, err := sankeyOption(s)
	if err != nil {
		return nil, err
	}
	return &chartView{
		ID:     id,
		Title:  fmt.Sprintf("Alignment of %s with the base", name),
		Desc:   fmt.Sprintf("Sankey diagram aligning the %d base paragraphs with %s's %d, %d links", len(baseRows), name, len(vers), len(links)),
		Note:   "Base paragraphs in order on the left, " + name + "'s in its own order on the right, aligned by content. Moved paragraphs are red, merged and split ones blue; deleted ones flow to \"deleted\", new ones come from \"new\". Click a paragraph for its page.",
		Links:  linksJSON(urls),
		LinkBy: "index",
		Tall:   true,
		Option: option,
		Table:  tv,
		CSV:    exportURL(d.Name, "alignment", vq("variant", name)),
	}, nil
}

// alignedView is what a paragraph's page shows of a version's alignment:
// the version's own number and how the paragraph fared.
type alignedView struct {
	Number   string // "29, was 39"
	Relation string // merged, split, moved, deleted, new; "" for same and edited
	Note     string // "with", "into", "now after"...
	Partners []link // partner paragraphs: rows of the document, or version numbers without URL
}

// alignedOf returns the alignment view of row para in variant al.Variant,
// nil when no link names the row.
func alignedOf(d *analysis.Document, al *analysis.Alignment, para string) *alignedView {
	var mine []analysis.AlignedLink
	for _, l := range al.Links {
		if l.Paragraph == para {
			mine = append(mine, l)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	av := &alignedView{}
	var nums []string
	for _, l := range mine {
		if l.VariantParagraph != "" {
			nums = append(nums, l.VariantParagraph)
		}
	}
	rel := mine[0].Relation
	switch {
	case rel == align.RelationDeleted:
		av.Number = "none, was " + para
	case rel == align.RelationNew:
		av.Number = strings.Join(nums, ", ")
	default:
		av.Number = strings.Join(nums, " and ") + ", was " + para
	}
	switch rel {
	case align.RelationMerged:
		av.Relation, av.Note = "merged", "with"
		for _, l := range al.Links {
			if l.Relation == align.RelationMerged && l.VariantParagraph == mine[0].VariantParagraph && l.Paragraph != para {
				av.Partners = append(av.Partners, link{Name: l.Paragraph, URL: paraURL(d.Name, l.Paragraph)})
			}
		}
	case align.RelationSplit:
		av.Relation, av.Note = "split", "into"
		for _, n := range nums {
			av.Partners = append(av.Partners, link{Name: n})
		}
	case align.RelationMoved:
		av.Relation, av.Note = "moved", "now after"
		// The row of the version paragraph just before it.
		before, at := "", -1
		for _, l := range al.Links {
			if l.Position >= 0 && l.Position < mine[0].Position && l.Position > at {
				before, at = l.Paragraph, l.Position
			}
		}
		if before != "" {
			av.Partners = append(av.Partners, link{Name: before, URL: paraURL(d.Name, before)})
		} else {
			av.Note = "now first"
		}
	case align.RelationDeleted, align.RelationNew:
		av.Relation = string(rel)
	}
	return av
}
