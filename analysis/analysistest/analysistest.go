// Package analysistest provides what the tests and benchmarks of several
// packages share, in the manner of net/http/httptest: generators of
// synthetic negotiation texts (GenerateCorpus, WideTable), of later
// versions of a text by edit script (Generate) and the gold pair of
// versions (GoldVersions), and a load generator for an HTTP server on the
// loopback address (RunLoad).
//
// It is for tests and the benchmark command, never for the amendlens
// command itself.
package analysistest
