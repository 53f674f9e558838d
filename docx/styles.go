package docx

import "encoding/xml"

// style is what a style of word/styles.xml says that matters here.
type style struct {
	basedOn string
	strike  *bool   // its run properties' strikethrough, nil when unset
	hidden  *bool   // its run properties' hidden text (w:vanish), nil when unset
	num     *numRef // its paragraph properties' numbering, nil when unset
}

// styleSheet are the styles of a document by ID, and the default run
// properties.
type styleSheet struct {
	styles        map[string]*style
	defaultStrike bool
	defaultHidden bool
	defaultPara   string // the style of paragraphs that name none (w:default)
}

// maxStyleChain bounds the basedOn chain followed, against loops.
const maxStyleChain = 32

// read reads word/styles.xml.
func (s *styleSheet) read(x *xmlReader) error {
	return x.root(func(se xml.StartElement) error {
		switch {
		case isW(se, "docDefaults"):
			return x.children(func(se xml.StartElement) error {
				if !isW(se, "rPrDefault") {
					return x.skip()
				}
				return x.children(func(se xml.StartElement) error {
					if !isW(se, "rPr") {
						return x.skip()
					}
					rp, err := readRunProps(x)
					if rp.strike != nil {
						s.defaultStrike = *rp.strike
					}
					if rp.hidden != nil {
						s.defaultHidden = *rp.hidden
					}
					return err
				})
			})
		case isW(se, "style"):
			id, _ := attr(se, "styleId")
			st := &style{}
			s.styles[id] = st
			if attrOr(se, "type", "") == "paragraph" && onOffAttr(se, "default") {
				s.defaultPara = id
			}
			return x.children(func(se xml.StartElement) error {
				switch {
				case isW(se, "basedOn"):
					st.basedOn, _ = attr(se, "val")
				case isW(se, "rPr"):
					rp, err := readRunProps(x)
					st.strike, st.hidden = rp.strike, rp.hidden
					return err
				case isW(se, "pPr"):
					return x.children(func(se xml.StartElement) error {
						if !isW(se, "numPr") {
							return x.skip()
						}
						ref, err := readNumPr(x)
						st.num = ref
						return err
					})
				}
				return x.skip()
			})
		}
		return x.skip()
	})
}

// strikeOf returns the strikethrough the style id sets, directly or through
// the styles it is based on; nil when none does.
func (s *styleSheet) strikeOf(id string) *bool {
	return inherited(s, id, func(st *style) *bool { return st.strike })
}

// inherited returns the property get reads from the style id or, when it
// is unset there, from the nearest style it is based on that sets it; nil
// when none does within maxStyleChain styles.
func inherited[T any](s *styleSheet, id string, get func(*style) *T) *T {
	for range maxStyleChain {
		st := s.styles[id]
		if st == nil {
			return nil
		}
		if v := get(st); v != nil {
			return v
		}
		id = st.basedOn
	}
	return nil
}

// struck reports whether a run of properties rp in a paragraph of style
// pstyle is struck through: its own property, else its character style's,
// else its paragraph style's, else the document default. The nearest
// setting wins, so w:val="0" on a run undoes a struck style.
func (s *styleSheet) struck(rp runProps, pstyle string) bool {
	if pstyle == "" {
		pstyle = s.defaultPara
	}
	for _, v := range []*bool{rp.strike, s.strikeOf(rp.style), s.strikeOf(pstyle)} {
		if v != nil {
			return *v
		}
	}
	return s.defaultStrike
}

// hidden reports whether a run of properties rp in a paragraph of style
// pstyle is hidden text (w:vanish, w:specVanish), resolved as struck
// resolves strikethrough.
func (s *styleSheet) hidden(rp runProps, pstyle string) bool {
	if pstyle == "" {
		pstyle = s.defaultPara
	}
	get := func(st *style) *bool { return st.hidden }
	for _, v := range []*bool{rp.hidden, inherited(s, rp.style, get), inherited(s, pstyle, get)} {
		if v != nil {
			return *v
		}
	}
	return s.defaultHidden
}

// numOf returns the numbering the paragraph style id ("" for the default
// paragraph style) gives, through the styles it is based on; nil when none.
func (s *styleSheet) numOf(id string) *numRef {
	if id == "" {
		id = s.defaultPara
	}
	return inherited(s, id, func(st *style) *numRef { return st.num })
}
