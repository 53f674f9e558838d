package main

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"time"
)

// memSampleEvery is how often a memSampler reads the memory figures.
const memSampleEvery = 2 * time.Millisecond

// goMemory names the runtime/metrics that make up the Go memory in use:
// heap spans holding objects (live or not yet swept), heap spans reserved but
// empty, and goroutine stacks. Their sum is MemStats.HeapInuse + StackInuse.
var goMemory = [...]string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/stacks:bytes",
}

// memSampler records the peak Go memory in use (see goMemory) and the peak
// resident set size of the process while it runs. The Go figure misses
// memory allocated outside the Go heap, as SQLite's page cache is; the
// resident set counts it, but also freed memory the runtime has not yet
// returned to the system.
type memSampler struct {
	stop    chan struct{}
	done    chan struct{}
	samples []metrics.Sample
	baseGo  uint64 // Go memory in use at the start
	peakGo  uint64
	peakRSS uint64
}

// startMemSampler collects garbage, returns freed memory to the system so
// that the resident set starts low, and starts sampling.
func startMemSampler() *memSampler {
	runtime.GC()
	debug.FreeOSMemory()
	s := &memSampler{stop: make(chan struct{}), done: make(chan struct{})}
	for _, name := range goMemory {
		s.samples = append(s.samples, metrics.Sample{Name: name})
	}
	s.baseGo = s.goInUse()
	s.sample()
	go func() {
		defer close(s.done)
		t := time.NewTicker(memSampleEvery)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				s.sample()
				return
			case <-t.C:
				s.sample()
			}
		}
	}()
	return s
}

// goInUse reads the Go memory in use now.
func (s *memSampler) goInUse() uint64 {
	metrics.Read(s.samples)
	var n uint64
	for _, m := range s.samples {
		if m.Value.Kind() == metrics.KindUint64 {
			n += m.Value.Uint64()
		}
	}
	return n
}

func (s *memSampler) sample() {
	s.peakGo = max(s.peakGo, s.goInUse())
	s.peakRSS = max(s.peakRSS, residentSet())
}

// Stop ends sampling and returns the peaks: Go memory in use and resident
// set size (0 where /proc is missing).
func (s *memSampler) Stop() (peakGo, peakRSS uint64) {
	close(s.stop)
	<-s.done
	return s.peakGo, s.peakRSS
}

// Above returns how far the peak of Go memory in use rose above its level
// at the start, once stopped.
func (s *memSampler) Above() uint64 {
	if s.peakGo < s.baseGo {
		return 0
	}
	return s.peakGo - s.baseGo
}

// goMemoryInUse returns the Go memory in use after a collection.
func goMemoryInUse() uint64 {
	runtime.GC()
	s := &memSampler{}
	for _, name := range goMemory {
		s.samples = append(s.samples, metrics.Sample{Name: name})
	}
	return s.goInUse()
}

// residentSet returns the resident set size of the process from
// /proc/self/statm, 0 when it cannot be read.
func residentSet() uint64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(data)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseUint(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}
