package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"amendlens/analysis"
)

// deleteDocument serves POST /d/{doc}/delete: it removes the document, with
// the same guards as uploads (not read-only, from this dashboard's own form,
// with the token when one is set), then redirects to the document list.
func (s *server) deleteDocument(c *gin.Context) {
	if !s.formGuard(c, "documents cannot be deleted", "Deletions", "nothing was deleted") {
		return
	}
	name := c.Param("doc")
	if c.Request.PostFormValue("confirm") != name {
		s.fail(c, http.StatusBadRequest, "Tick the box that confirms the deletion: nothing was deleted.", nil)
		return
	}
	err := s.cfg.Source.Delete(c.Request.Context(), name)
	if errors.Is(err, analysis.ErrNotFound) {
		s.fail(c, http.StatusNotFound, fmt.Sprintf("There is no document named %q.", name), nil)
		return
	}
	if err != nil {
		s.fail(c, http.StatusInternalServerError, "", fmt.Errorf("delete %s: %w", name, err))
		return
	}
	s.catalog.invalidate()
	s.results.drop(name)
	c.Redirect(http.StatusSeeOther, "/?deleted="+url.QueryEscape(name))
}
