package analysis

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Dictionary is a set of themes and their terms, compiled for matching.
type Dictionary struct {
	Themes []Theme
	Source []byte // the YAML it was read from
	Hash   string // hex SHA-256 of Source: traces a figure to the dictionary that produced it
}

// ParseDictionary reads a theme dictionary in YAML. file names the source in
// errors.
func ParseDictionary(file string, data []byte) (*Dictionary, error) {
	var doc struct {
		Themes []Theme `yaml:"themes"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	sum := sha256.Sum256(data)
	return &Dictionary{Themes: doc.Themes, Source: data, Hash: hex.EncodeToString(sum[:])}, nil
}
