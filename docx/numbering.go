package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// numLevel is one level of a list definition.
type numLevel struct {
	start   int
	format  string // w:numFmt: decimal, lowerLetter, upperRoman...
	text    string // w:lvlText: "%1.", "%1.%2"
	restart int    // w:lvlRestart: restart after a use of a level below this (1-based); -1 when unset
}

// abstractNum is a list definition (w:abstractNum).
type abstractNum struct {
	levels    [9]*numLevel
	styleLink string // w:numStyleLink: the definition is that of a numbering style's list
}

// numInstance is a list (w:num): a definition and its overrides.
type numInstance struct {
	abstract  string
	overrides map[int]int // level to w:startOverride
	applied   bool        // its overrides have restarted the counters
}

// numbering is word/numbering.xml and the counters of the lists while
// the document is read.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numInstance
	counters  map[string]*[9]int  // per definition, the last number of each level
	started   map[string]*[9]bool // per definition, the levels counted since their restart
}

func newNumbering() *numbering {
	return &numbering{
		abstracts: map[string]*abstractNum{},
		nums:      map[string]*numInstance{},
		counters:  map[string]*[9]int{},
		started:   map[string]*[9]bool{},
	}
}

// read reads word/numbering.xml.
func (n *numbering) read(x *xmlReader) error {
	return x.root(func(se xml.StartElement) error {
		switch {
		case isW(se, "abstractNum"):
			id, _ := attr(se, "abstractNumId")
			a := &abstractNum{}
			n.abstracts[id] = a
			return x.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "numStyleLink"):
					a.styleLink, _ = attr(se, "val")
				case isW(se, "lvl"):
					return readLevel(x, se, &a.levels)
				}
				return x.skip()
			})
		case isW(se, "num"):
			id, _ := attr(se, "numId")
			ni := &numInstance{overrides: map[int]int{}}
			n.nums[id] = ni
			return x.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "abstractNumId"):
					ni.abstract, _ = attr(se, "val")
				case isW(se, "lvlOverride"):
					ilvl, err := strconv.Atoi(attrOr(se, "ilvl", "0"))
					if err != nil || ilvl < 0 || ilvl > 8 {
						return x.skip()
					}
					return x.children(func(se xml.StartElement) error {
						if isW(se, "startOverride") {
							ni.overrides[ilvl] = intAttr(se, 0)
						}
						return x.skip()
					})
				}
				return x.skip()
			})
		}
		return x.skip()
	})
}

// onOffAttr reads the on/off attribute local of se: off when missing.
func onOffAttr(se xml.StartElement, local string) bool {
	v, ok := attr(se, local)
	if !ok {
		return false
	}
	switch strings.ToLower(v) {
	case "1", "true", "on":
		return true
	}
	return false
}

// attrOr returns the attribute local of se, or def.
func attrOr(se xml.StartElement, local, def string) string {
	if v, ok := attr(se, local); ok {
		return v
	}
	return def
}

// readLevel reads a w:lvl just started into levels.
func readLevel(x *xmlReader, se xml.StartElement, levels *[9]*numLevel) error {
	ilvl, err := strconv.Atoi(attrOr(se, "ilvl", "0"))
	if err != nil || ilvl < 0 || ilvl > 8 {
		return x.skip()
	}
	l := &numLevel{start: 1, format: "decimal", restart: -1}
	levels[ilvl] = l
	return x.children(func(se xml.StartElement) error {
		switch {
		case isW(se, "start"):
			l.start = intAttr(se, 1)
		case isW(se, "numFmt"):
			l.format, _ = attr(se, "val")
		case isW(se, "lvlText"):
			l.text, _ = attr(se, "val")
		case isW(se, "lvlRestart"):
			l.restart = intAttr(se, -1)
		}
		return x.skip()
	})
}

// definition returns the list definition of numID and its ID, following
// numbering style links.
func (n *numbering) definition(numID string, st *styleSheet) (string, *abstractNum) {
	for range maxStyleChain {
		ni := n.nums[numID]
		if ni == nil {
			return "", nil
		}
		a := n.abstracts[ni.abstract]
		if a == nil {
			return "", nil
		}
		if a.styleLink == "" {
			return ni.abstract, a
		}
		ref := st.numOf(a.styleLink)
		if ref == nil {
			return "", nil
		}
		numID = ref.numID
	}
	return "", nil
}

// label counts paragraph p, numbered ref, in its list and returns the
// number Word shows before it ("29.", "3a)"), "" for bullets and lists
// without numbers.
func (n *numbering) label(ref *numRef, st *styleSheet) string {
	if ref == nil || ref.numID == "" || ref.numID == "0" {
		return ""
	}
	id, a := n.definition(ref.numID, st)
	if a == nil || a.levels[ref.ilvl] == nil {
		return ""
	}
	counts, started := n.counters[id], n.started[id]
	if counts == nil {
		counts, started = new([9]int), new([9]bool)
		n.counters[id], n.started[id] = counts, started
	}
	if ni := n.nums[ref.numID]; !ni.applied && len(ni.overrides) > 0 {
		ni.applied = true
		for lvl, start := range ni.overrides {
			counts[lvl] = start - 1
			started[lvl] = true
		}
	}
	lvl := ref.ilvl
	if !started[lvl] {
		counts[lvl] = a.levels[lvl].start - 1
		started[lvl] = true
	}
	counts[lvl]++
	for k := lvl + 1; k < 9; k++ {
		bound := k
		if l := a.levels[k]; l != nil && l.restart >= 0 {
			bound = l.restart
		}
		if lvl < bound {
			started[k] = false
		}
	}
	l := a.levels[lvl]
	if l.format == "bullet" || l.format == "none" {
		return ""
	}
	var b strings.Builder
	text := l.text
	// Each step writes a byte or more: the loop ends by maxLabelBytes
	// whatever the length of w:lvlText or of the numbers it names.
	for i := 0; i < len(text) && b.Len() <= maxLabelBytes; i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			v := counts[k]
			if k != lvl && !started[k] {
				if lk := a.levels[k]; lk != nil {
					v = lk.start
				}
			}
			format := "decimal"
			if lk := a.levels[k]; lk != nil {
				format = lk.format
			}
			b.WriteString(FormatNumber(v, format))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	if b.Len() > maxLabelBytes {
		// No paragraph number is this long: a list label of prose, or a
		// hostile w:lvlText. It is no number, and is not matched as one.
		return ""
	}
	return strings.TrimSpace(b.String())
}

// maxLabelBytes bounds the label of a numbered paragraph, as it is
// written out and before it is matched as a number: "12.3.4.5(a)(iii)" is
// 16 bytes, a w:lvlText of 50,000 "%1" would be half a megabyte per
// paragraph.
const maxLabelBytes = 64

// maxLetterNumber is the largest number written in letters (zz...z, 30
// letters): a list starting at two billion must not make a label of eighty
// million letters.
const maxLetterNumber = 26 * 30

// FormatNumber writes n as a list of numFmt (a w:numFmt: decimal,
// lowerLetter, upperRoman...) shows it; decimal for a format it does not
// know.
func FormatNumber(n int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter":
		if n < 1 || n > maxLetterNumber {
			return strconv.Itoa(n)
		}
		// Word repeats the letter past z: aa, bb...
		s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

// roman writes n in Roman numerals, in decimal when out of their range.
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
