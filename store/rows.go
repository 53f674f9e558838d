package store

import "amendlens/analysis"

// filler gives the rows of one table of a document.
type filler struct {
	table table
	// rows yields the rows of the document docID of r, in the order of the
	// table's columns and of its primary key. The slice it yields is
	// reused for the next row. Its values are database/sql/driver Values
	// (int64, float64, bool, string or nil), which both SQLite's driver and
	// COPY take as they are.
	rows func(docID int64, r *analysis.Result) func(yield func([]any) bool)
}

// metricCols are the columns of a Metrics in section_metrics and totals.
var metricCols = []string{"paragraphs", "amended", "new", "unchanged", "absent", "base_words", "variant_words",
	"added", "deleted", "spans", "change_ratio", "merged"}

// fillers are the tables of a document's rows, in the order Save fills them:
// parents before the tables whose foreign keys name them.
var fillers = []filler{
	{table{"variants", []string{"document_id", "ordinal", "name"}}, variantRows},
	{table{"sections", []string{"document_id", "ordinal", "section", "title", "parent", "line"}}, sectionRows},
	{table{"paragraphs", []string{"document_id", "ordinal", "paragraph", "section", "new", "line"}}, paragraphRows},
	{table{"cells", []string{"document_id", "paragraph", "variant", "text", "hidden_chars"}}, cellRows},
	{table{"comparisons", []string{"document_id", "paragraph", "variant", "ordinal", "status",
		"base_words", "variant_words", "added", "deleted", "change_ratio", "bracketed_words", "items"}}, comparisonRows},
	{table{"spans", []string{"document_id", "paragraph", "variant", "ordinal", "op", "kind",
		"base_tok_start", "base_tok_end", "var_tok_start", "var_tok_end",
		"base_byte_start", "base_byte_end", "var_byte_start", "var_byte_end", "added", "deleted"}}, spanRows},
	{table{"hits", []string{"document_id", "paragraph", "variant", "ordinal", "theme", "term", "matched", "change",
		"tok_start", "tok_end", "byte_start", "byte_end"}}, hitRows},
	{table{"span_uptake", []string{"document_id", "ordinal", "paragraph", "proposal", "span", "verdict",
		"words", "adopted"}}, spanUptakeRows},
	{table{"section_metrics", append([]string{"document_id", "ordinal", "section", "variant"}, metricCols...)}, sectionMetricRows},
	{table{"section_themes", []string{"document_id", "metrics", "theme", "added", "removed", "paragraphs"}}, sectionThemeRows},
	{table{"section_kinds", []string{"document_id", "metrics", "kind", "spans"}}, sectionKindRows},
	{table{"totals", append([]string{"document_id", "variant"}, metricCols...)}, totalRows},
	{table{"total_themes", []string{"document_id", "variant", "theme", "added", "removed", "paragraphs"}}, totalThemeRows},
	{table{"total_kinds", []string{"document_id", "variant", "kind", "spans"}}, totalKindRows},
	{table{"theme_uptake", []string{"document_id", "ordinal", "proposal", "theme", "proposed", "adopted", "pending"}}, themeUptakeRows},
	{table{"unthemed", []string{"document_id", "ordinal", "variant", "phrase", "count"}}, unthemedRows},
	{table{"alignment", []string{"document_id", "ordinal", "variant", "paragraph", "variant_paragraph", "position",
		"relation", "similarity"}}, alignmentRows},
}

func variantRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, v := range r.Document.Variants {
			if !yield([]any{docID, int64(i), v}) {
				return
			}
		}
	}
}

func sectionRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, s := range r.Document.Sections {
			if !yield([]any{docID, int64(i), s.ID, s.Title, s.Parent, int64(s.Line)}) {
				return
			}
		}
	}
}

func paragraphRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 6)
		for i, p := range r.Document.Paragraphs {
			if !yield(append(row[:0], docID, int64(i), p.ID, p.Section, p.New, int64(p.Line))) {
				return
			}
		}
	}
}

func cellRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 5)
		for i, p := range r.Document.Paragraphs {
			for v, text := range p.Texts {
				if !yield(append(row[:0], docID, int64(i), int64(v), text, int64(p.HiddenChars(v)))) {
					return
				}
			}
		}
	}
}

func comparisonRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 12)
		var enc itemsEncoder
		for i := range r.Comparisons {
			c := &r.Comparisons[i]
			if !yield(append(row[:0], docID, int64(c.Paragraph), int64(c.Variant), int64(i), string(c.Status),
				int64(c.BaseWords), int64(c.VariantWords), int64(c.Added), int64(c.Deleted), c.ChangeRatio, int64(c.Bracketed),
				enc.encode(c))) {
				return
			}
		}
	}
}

func spanRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 16)
		for i := range r.Comparisons {
			c := &r.Comparisons[i]
			for j := range c.Spans {
				s := &c.Spans[j]
				if !yield(append(row[:0], docID, int64(c.Paragraph), int64(c.Variant), int64(j), string(s.Op), string(s.Kind),
					int64(s.BaseTok.Start), int64(s.BaseTok.End), int64(s.VarTok.Start), int64(s.VarTok.End),
					int64(s.BaseBytes.Start), int64(s.BaseBytes.End), int64(s.VarBytes.Start), int64(s.VarBytes.End), int64(s.Added), int64(s.Deleted))) {
					return
				}
			}
		}
	}
}

func hitRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 12)
		for i := range r.Comparisons {
			c := &r.Comparisons[i]
			for j := range c.Hits {
				h := &c.Hits[j]
				if !yield(append(row[:0], docID, int64(c.Paragraph), int64(c.Variant), int64(j), h.Theme, h.Term, h.Matched, string(h.Change),
					int64(h.Tokens.Start), int64(h.Tokens.End), int64(h.Bytes.Start), int64(h.Bytes.End))) {
					return
				}
			}
		}
	}
}

func spanUptakeRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 8)
		for i, u := range r.SpanUptake {
			if !yield(append(row[:0], docID, int64(i), int64(u.Paragraph), int64(u.Proposal), int64(u.Span), string(u.Verdict), int64(u.Words), int64(u.Adopted))) {
				return
			}
		}
	}
}

func sectionMetricRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		row := make([]any, 0, 15)
		for i := range r.Sections {
			s := &r.Sections[i]
			if !yield(metricValues(append(row[:0], docID, int64(i), s.Section, int64(s.Variant)), &s.Metrics)) {
				return
			}
		}
	}
}

func sectionThemeRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i := range r.Sections {
			ok := themeRows(&r.Sections[i].Metrics, func(theme string, added, removed, paras any) bool {
				return yield([]any{docID, int64(i), theme, added, removed, paras})
			})
			if !ok {
				return
			}
		}
	}
}

func sectionKindRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i := range r.Sections {
			ok := kindRows(&r.Sections[i].Metrics, func(kind string, spans int) bool {
				return yield([]any{docID, int64(i), kind, int64(spans)})
			})
			if !ok {
				return
			}
		}
	}
}

func totalRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for v := range r.Totals {
			if !yield(metricValues([]any{docID, int64(v)}, &r.Totals[v])) {
				return
			}
		}
	}
}

func totalThemeRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for v := range r.Totals {
			ok := themeRows(&r.Totals[v], func(theme string, added, removed, paras any) bool {
				return yield([]any{docID, int64(v), theme, added, removed, paras})
			})
			if !ok {
				return
			}
		}
	}
}

func totalKindRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for v := range r.Totals {
			ok := kindRows(&r.Totals[v], func(kind string, spans int) bool {
				return yield([]any{docID, int64(v), kind, int64(spans)})
			})
			if !ok {
				return
			}
		}
	}
}

func themeUptakeRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, u := range r.ThemeUptake {
			if !yield([]any{docID, int64(i), int64(u.Proposal), u.Theme, int64(u.Proposed), int64(u.Adopted), int64(u.Pending)}) {
				return
			}
		}
	}
}

func unthemedRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i, u := range r.Unthemed {
			if !yield([]any{docID, int64(i), int64(u.Variant), u.Phrase, int64(u.Count)}) {
				return
			}
		}
	}
}

func alignmentRows(docID int64, r *analysis.Result) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		i := int64(0)
		for _, al := range r.Document.Alignments {
			for _, l := range al.Links {
				if !yield([]any{docID, i, int64(al.Variant), l.Paragraph, l.VariantParagraph, int64(l.Position),
					string(l.Relation), l.Similarity}) {
					return
				}
				i++
			}
		}
	}
}
