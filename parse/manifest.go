package parse

import "regexp"

// MaxManifestBytes bounds a manifest: a list of a few dozen files.
const MaxManifestBytes = 64 << 10

// manifestKeyRE finds the key that makes a YAML file a manifest: "stages:"
// at the start of a line.
var manifestKeyRE = regexp.MustCompile(`(?m)^stages:\s*$`)

// IsManifest reports whether data is a manifest of a negotiation's stages
// (see Manifest): YAML whose top-level mapping has a "stages" key. It reads
// at most the first 64 KiB.
func IsManifest(data []byte) bool {
	if len(data) > MaxManifestBytes || isZip(data) {
		return false
	}
	return manifestKeyRE.Match(data)
}
