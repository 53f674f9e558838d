package dashboard

import (
	"net/http"
	"regexp"
	"sync"

	"github.com/gin-gonic/gin"
)

// progressField is the upload forms' field naming the analysis whose
// progress the form's script asks for while the upload is analysed (see
// progressBoard).
const progressField = "progress"

// maxProgress bounds the analyses followed at once: past it an upload is
// analysed without its progress being kept.
const maxProgress = 64

// progressID is what a progress id looks like: the form's script draws
// 16 random bytes, written in hex.
var progressID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// progress is how far one analysis is: paragraphs done of total.
type progress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// progressBoard holds the progress of the uploads being analysed, by the
// id their form drew, for GET /progress/{id}: an upload of several
// megabytes takes seconds, and its form says how far it is.
type progressBoard struct {
	mu sync.Mutex
	m  map[string]*progress
}

// start begins following the analysis id and returns the function that
// reports its progress, and the one that ends following it; both do
// nothing for an id that is no progressID, already followed, or past
// maxProgress.
func (b *progressBoard) start(id string) (report func(done, total int), end func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !progressID.MatchString(id) || b.m[id] != nil || len(b.m) >= maxProgress {
		return nil, func() {}
	}
	if b.m == nil {
		b.m = map[string]*progress{}
	}
	p := &progress{}
	b.m[id] = p
	report = func(done, total int) {
		b.mu.Lock()
		p.Done, p.Total = done, total
		b.mu.Unlock()
	}
	end = func() {
		b.mu.Lock()
		delete(b.m, id)
		b.mu.Unlock()
	}
	return report, end
}

// get returns the progress of analysis id, false when none is followed.
func (b *progressBoard) get(id string) (progress, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p, ok := b.m[id]
	if !ok {
		return progress{}, false
	}
	return *p, true
}

// progressOf serves GET /progress/{id}: how far the upload of that id is
// analysed, as JSON; 404 once it is done or when there is none.
func (s *server) progressOf(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	p, ok := s.progress.get(c.Param("id"))
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "No upload of that id is being analysed."})
		return
	}
	c.JSON(http.StatusOK, p)
}
