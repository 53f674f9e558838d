package dashboard

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// documentJSON is one stored document as /api/documents lists it.
type documentJSON struct {
	Name       string        `json:"name"`
	Source     string        `json:"source"`
	Variants   []variantRole `json:"variants"`
	Paragraphs int           `json:"paragraphs"`
	Ingested   *time.Time    `json:"ingested"` // null when unknown
	URL        string        `json:"url"`
}

// apiDocuments serves /api/documents: the stored documents, their variants
// with roles, paragraph counts and when each was ingested, read from the
// catalog the document list page reads, not from the database each time.
func (s *server) apiDocuments(c *gin.Context) {
	infos, _, err := s.catalog.current(c.Request.Context())
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", err)
		return
	}
	out := struct {
		Documents []documentJSON `json:"documents"`
	}{Documents: make([]documentJSON, 0, len(infos))}
	for _, info := range infos {
		d := documentJSON{
			Name: info.Name, Source: info.Source, Paragraphs: info.Paragraphs,
			Variants: variantRoles(info), URL: docURL(info.Name),
		}
		if !info.Ingested.IsZero() {
			t := info.Ingested.UTC()
			d.Ingested = &t
		}
		out.Documents = append(out.Documents, d)
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}
