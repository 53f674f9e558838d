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
	g := alignmentGraphOf(d, al)
	s := charts.NewSankey()
	s.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	s.AddSeries(label(name), g.nodes, g.links,
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Opacity: opts.Float(0.35), Curveness: 0.5}),
		// Past a few hundred paragraphs labels would overlap: the tooltip
		// names each paragraph.
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(g.nodes) <= maxSankeyLabels), FontSize: 10}),
	)
	option, err := sankeyOption(s)
	if err != nil {
		return nil, err
	}
	return &chartView{
		ID:     id,
		Title:  fmt.Sprintf("Alignment of %s with the base", name),
		Desc:   fmt.Sprintf("Sankey diagram aligning the %d base paragraphs with %s's %d, %d links", g.bases, name, g.versions, len(g.links)),
		Note:   "Base paragraphs in order on the left, " + name + "'s in its own order on the right, aligned by content. Moved paragraphs are red, merged and split ones blue; deleted ones flow to \"deleted\", new ones come from \"new\". Click a paragraph for its page.",
		Links:  linksJSON(g.urls),
		LinkBy: "index",
		Tall:   true,
		Option: option,
		Table:  g.table,
		CSV:    exportURL(d.Name, "alignment", vq("variant", name)),
	}, nil
}

// sankeyGraph is the graph of a Sankey chart: its nodes with the page each
// opens ("" for none), and its links.
type sankeyGraph struct {
	nodes []opts.SankeyNode
	urls  []string
	links []opts.SankeyLink
}

// node adds a node named n in column depth (0 the left) in colour c,
// opening url.
func (g *sankeyGraph) node(n string, depth int, c, url string) {
	g.nodes = append(g.nodes, opts.SankeyNode{Name: n, Depth: &depth, ItemStyle: &opts.ItemStyle{Color: c}})
	g.urls = append(g.urls, url)
}

// alignmentGraph is an alignment chart's graph, and the table of its rows.
type alignmentGraph struct {
	sankeyGraph
	d     *analysis.Document
	name  string // the version's
	table tableView
	// bases and versions count the paragraphs on each side.
	bases, versions int
	color           map[string]string // node name -> colour
	rowOf           map[string]string // version node -> row
	anyNew          bool
	anyDeleted      bool
}

// The nodes no paragraph is: where deleted paragraphs go, new ones come
// from.
const deletedNode, newNode = "deleted", "new"

// alignmentGraphOf returns the graph of alignment al of d.
func alignmentGraphOf(d *analysis.Document, al *analysis.Alignment) *alignmentGraph {
	g := &alignmentGraph{
		d: d, name: d.Variants[al.Variant], color: map[string]string{}, rowOf: map[string]string{},
		table: tableView{Head: []string{"Paragraph", "Variant paragraph", "Relation", "Similarity"}},
	}
	for _, l := range al.Links {
		g.link(l)
	}
	// Base paragraphs in document order, version paragraphs in theirs.
	for _, p := range d.Paragraphs {
		if strings.TrimSpace(p.Texts[0]) == "" {
			continue
		}
		g.bases++
		if c := g.color[g.baseNode(p.ID)]; c != "" { // else a row no link names
			g.node(g.baseNode(p.ID), 0, c, paraURL(d.Name, p.ID))
		}
	}
	if g.anyNew {
		g.node(newNode, 0, "#e0e0e0", "")
	}
	var vers []analysis.AlignedLink
	seenPos := map[int]bool{}
	for _, l := range al.Links {
		if l.Position >= 0 && !seenPos[l.Position] {
			seenPos[l.Position] = true
			vers = append(vers, l)
		}
	}
	slices.SortFunc(vers, func(a, b analysis.AlignedLink) int { return a.Position - b.Position })
	g.versions = len(vers)
	for _, l := range vers {
		n := g.verNode(l.VariantParagraph)
		g.node(n, 1, relColor(l.Relation), paraURL(d.Name, g.rowOf[n]))
	}
	if g.anyDeleted {
		g.node(deletedNode, 1, "#e0e0e0", "")
	}
	return g
}

func (g *alignmentGraph) baseNode(id string) string { return analysis.BaseName + " " + label(id) }
func (g *alignmentGraph) verNode(id string) string  { return label(g.name) + " " + label(id) }

// link adds the graph's link and table row of l, and colours the base
// paragraph by its relation.
func (g *alignmentGraph) link(l analysis.AlignedLink) {
	from, to := g.baseNode(l.Paragraph), g.verNode(l.VariantParagraph)
	switch {
	case l.Relation == align.RelationNew:
		from, g.anyNew = newNode, true
	case l.Position < 0:
		to, g.anyDeleted = deletedNode, true
	}
	if l.Relation != align.RelationNew {
		g.color[from] = relColor(l.Relation)
	}
	if _, ok := g.rowOf[to]; !ok {
		g.rowOf[to] = l.Paragraph
	}
	g.links = append(g.links, opts.SankeyLink{Source: from, Target: to, Value: 1})
	para, rowLink := l.Paragraph, ""
	if l.Relation == align.RelationNew {
		para = ""
	}
	if para != "" {
		rowLink = paraURL(g.d.Name, para)
	}
	g.table.Links = append(g.table.Links, rowLink)
	g.table.Rows = append(g.table.Rows, []string{para, l.VariantParagraph, string(l.Relation), strconv.FormatFloat(l.Similarity, 'f', 4, 64)})
}

// relColor is the colour of a paragraph in relation rel.
func relColor(rel align.Relation) string {
	switch rel {
	case align.RelationMoved:
		return movedColor
	case align.RelationMerged, align.RelationSplit:
		return changedColor
	}
	return alignColor
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
