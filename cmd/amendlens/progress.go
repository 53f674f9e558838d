package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"
)

// megabyte is the unit of the rates amendlens prints, the only byte sizes
// it formats.
const megabyte = 1 << 20

// progressEvery is the least time between two redraws of a progress bar.
const progressEvery = 100 * time.Millisecond

// progressWidth is the number of cells of the bar itself.
const progressWidth = 24

// ingestProgress returns the analysis.Options.Progress function that draws
// the progress of ingesting file on stderr, or nil when quiet is set or
// stderr is not a terminal: a log or a pipe gets no carriage returns.
func ingestProgress(stderr io.Writer, quiet bool, file string, size int) func(done, total int) {
	if quiet || !isTerminal(stderr) {
		return nil
	}
	return newProgressBar(stderr, terminalSafe(filepath.Base(file)), int64(size), time.Now).update
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressBar draws a one-line progress bar, redrawn in place with a
// carriage return at most once every progressEvery, and ended with a line
// end when the work is done.
type progressBar struct {
	w     io.Writer
	label string
	bytes int64 // size of the input, for the rate; 0 when unknown
	now   func() time.Time
	start time.Time
	last  time.Time // time of the last redraw
	drawn bool      // a line was drawn
	width int       // length of the last line drawn, to blank it out
	ended bool
}

// newProgressBar returns a progress bar on w for work on an input of size
// bytes named label, started now.
func newProgressBar(w io.Writer, label string, bytes int64, now func() time.Time) *progressBar {
	return &progressBar{w: w, label: label, bytes: bytes, now: now, start: now()}
}

// update records that done of total paragraphs are done, redrawing the bar
// unless it was drawn less than progressEvery ago. The call that reaches
// total always draws and ends the line.
func (p *progressBar) update(done, total int) {
	if p.ended {
		return
	}
	t := p.now()
	final := done >= total
	if !final && p.drawn && t.Sub(p.last) < progressEvery {
		return
	}
	p.last, p.drawn = t, true
	line := p.line(done, total, t.Sub(p.start))
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	end := ""
	if final {
		end, p.ended = "\n", true
	}
	fmt.Fprintf(p.w, "\r%s%s%s", line, strings.Repeat(" ", pad), end)
}

// line returns the text of the bar after elapsed.
func (p *progressBar) line(done, total int, elapsed time.Duration) string {
	frac := 1.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	full := int(frac * progressWidth)
	bar := strings.Repeat("#", full) + strings.Repeat("-", progressWidth-full)
	s := fmt.Sprintf("%s [%s] %d/%d paragraphs", p.label, bar, done, total)
	if p.bytes > 0 && elapsed > 0 {
		s += fmt.Sprintf(", %.1f MB/s", frac*float64(p.bytes)/megabyte/elapsed.Seconds())
	}
	return s
}
