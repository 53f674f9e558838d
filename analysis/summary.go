package analysis

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"amendlens/parse"
)

// Summary returns a few lines on what r found, as the ingest command prints
// them: the document's size, then per variant its paragraphs by status,
// the words added and deleted and its top three themes by added hits, then
// the hidden characters removed from its texts, if any. A document with
// only its base text gets its size, its words and how to add a version.
func (r *Result) Summary() string {
	w := new(strings.Builder)
	doc := r.Document
	if doc.BaseOnly() {
		words := 0
		for _, n := range baseWordCounts(NewTokenizer(), doc) {
			words += n
		}
		fmt.Fprintf(w, "%s (%s): %s, %s, the base text alone (%s)\n",
			named(doc), doc.Source, parse.Counted(len(doc.Paragraphs), "paragraph"), parse.Counted(len(doc.Sections), "section"), parse.Counted(words, "word"))
		writeHidden(w, doc)
		writeEncoding(w, doc)
		return w.String()
	}
	if len(doc.Stages) > 0 {
		r.writeChain(w)
		writeHidden(w, doc)
		writeEncoding(w, doc)
		return w.String()
	}
	fmt.Fprintf(w, "%s (%s): %s, %s, base and %s\n",
		named(doc), doc.Source, parse.Counted(len(doc.Paragraphs), "paragraph"), parse.Counted(len(doc.Sections), "section"), parse.Counted(len(doc.Variants)-1, "variant"))
	for v := 1; v < len(doc.Variants); v++ {
		m := r.Totals[v]
		// Roles are never silent: which column is taken for the outcome
		// decides every uptake figure.
		role := " (proposal)"
		if v == r.Outcome {
			role = " (outcome)"
		}
		fmt.Fprintf(w, "  %s%s: %d amended, %d new, %d unchanged, %d absent", doc.Variants[v], role, m.Amended, m.New, m.Unchanged, m.Absent)
		if m.Merged > 0 {
			fmt.Fprintf(w, ", %d merged", m.Merged)
		}
		fmt.Fprintf(w, "; +%d -%d words", m.Added, m.Deleted)
		if m.NewWords > 0 {
			fmt.Fprintf(w, " (+%d in new paragraphs)", m.NewWords)
		}
		if top := topThemes(m.ThemeAdded, 3); len(top) > 0 {
			fmt.Fprintf(w, "; themes: %s", strings.Join(top, ", "))
		}
		fmt.Fprintln(w)
	}
	writeHidden(w, doc)
	writeEncoding(w, doc)
	return w.String()
}

// writeChain writes the summary of a negotiation in stages: per stage its
// named is how the summary names doc: by its name, and by its title
// too when that is more than the name ("UN res. 70/1 [un-res-70-1]").
func named(doc *Document) string {
	if doc.Title == "" || doc.Title == doc.Name {
		return doc.Name
	}
	return doc.Title + " [" + doc.Name + "]"
}

// size, brackets and agreed paragraphs, how it changed the stage before,
// and what became of the insertions of each proposal made against it.
func (r *Result) writeChain(w io.Writer) {
	doc := r.Document
	fmt.Fprintf(w, "%s (%s): %s, %s, %s, %s\n", named(doc), doc.Source, parse.Counted(len(doc.Paragraphs), "paragraph"),
		parse.Counted(len(doc.Sections), "section"), parse.Counted(len(r.Stages), "stage"), parse.Counted(len(r.Proposals()), "proposal"))
	last := len(r.Stages) - 1
	for i, st := range r.Stages {
		f := r.StageFigures[i]
		name := st.Name
		if st.Date != "" {
			name += " (" + st.Date + ")"
		}
		if st.Partial {
			name += " (excerpt)"
		}
		fmt.Fprintf(w, "  %d. %s: %s, %s", i+1, name, parse.Counted(f.Paragraphs, "paragraph"), parse.Counted(f.Words, "word"))
		if f.Brackets > 0 {
			fmt.Fprintf(w, ", %s", parse.Counted(f.Brackets, "bracketed passage"))
		}
		if f.Agreed > 0 {
			fmt.Fprintf(w, ", %d agreed", f.Agreed)
		}
		if i > 0 {
			fmt.Fprintf(w, "; +%d -%d words of the %d they share with the stage before", f.Added, f.Deleted, f.SharedWords)
			if f.NewParagraphs+f.DroppedParagraphs > 0 {
				fmt.Fprintf(w, ", %d new, %d dropped", f.NewParagraphs, f.DroppedParagraphs)
			}
			if f.OutOfScope > 0 {
				fmt.Fprintf(w, ", %s out of scope", parse.Counted(f.OutOfScope, "paragraph"))
			}
		}
		fmt.Fprintln(w)
		for _, v := range st.Proposals {
			n, next, final := 0, 0, 0
			for _, fate := range r.Fates {
				if fate.Proposal != v {
					continue
				}
				n++
				if Taken(fate.Next()) {
					next++
				}
				if Taken(fate.Final()) {
					final++
				}
			}
			fmt.Fprintf(w, "     %s proposed %s", doc.Actor(v), parse.Counted(n, "insertion"))
			if i < last {
				fmt.Fprintf(w, ": %d taken by %s, %d in %s", next, r.Stages[i+1].Name, final, r.Stages[last].Name)
			}
			fmt.Fprintln(w)
		}
	}
}

// writeEncoding says the encoding a text was read in when it was not
// UTF-8, and how the file was read when that is not what its kind implies.
func writeEncoding(w io.Writer, doc *Document) {
	if doc.Encoding != "" {
		fmt.Fprintf(w, "  read as %s, not UTF-8: check that accented letters read right\n", doc.Encoding)
	}
	if doc.Note != "" {
		fmt.Fprintf(w, "  %s\n", doc.Note)
	}
}

// writeHidden writes how many hidden format characters the parser removed
// from doc's texts, per column, when it removed any.
func writeHidden(w io.Writer, doc *Document) {
	perVariant := make([]int, len(doc.Variants))
	total, paras := 0, 0
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		n := 0
		for v := range doc.Variants {
			perVariant[v] += p.HiddenChars(v)
			n += p.HiddenChars(v)
		}
		if n > 0 {
			total += n
			paras++
		}
	}
	if total == 0 {
		return
	}
	var cols []string
	for v, n := range perVariant {
		if n > 0 {
			cols = append(cols, fmt.Sprintf("%s %d", doc.Variants[v], n))
		}
	}
	s := "s"
	if paras == 1 {
		s = ""
	}
	fmt.Fprintf(w, "  %d hidden characters (zero-width spaces, joiners, direction marks, control characters) removed from %d paragraph%s: %s\n",
		total, paras, s, strings.Join(cols, ", "))
}

// topThemes returns up to n themes by added hits, most first, as "name N".
func topThemes(added map[string]int, n int) []string {
	names := make([]string, 0, len(added))
	for name, c := range added {
		if c > 0 {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if added[names[i]] != added[names[j]] {
			return added[names[i]] > added[names[j]]
		}
		return names[i] < names[j]
	})
	if len(names) > n {
		names = names[:n]
	}
	for i, name := range names {
		names[i] = fmt.Sprintf("%s %d", name, added[name])
	}
	return names
}
