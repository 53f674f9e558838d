package analysis

// Dictionary is a set of themes and their terms, compiled for matching.
type Dictionary struct {
	Themes []Theme
	Source []byte // the YAML it was read from
	Hash   string // hex SHA-256 of Source: traces a figure to the dictionary that produced it
}
