//go:build !unix

package store_test

import "time"

// processCPU returns 0: the CPU time of the process is measured on Unix only.
func processCPU() time.Duration { return 0 }
