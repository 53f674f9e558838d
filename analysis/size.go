package analysis

// FormatSize writes a size in bytes for readers, as the limits' errors do:
// in the largest binary unit that divides it ("64 MiB", "512 KiB"), else in
// bytes with thousands separators ("1,500,000 bytes"). It is the one size
// formatter of the program, so that a limit reads the same in an error, on
// the dashboard and in the command's output.
func FormatSize(n int64) string {
	return formatSize(n)
}
