package dashboard

import (
	"fmt"
	"io"
	"mime/multipart"
	"path"
	"slices"
	"strings"

	"amendlens/ingest"
)

// versionsField is the upload form's field of the later versions of the
// uploaded document, as running text aligned by content with it.
const versionsField = "versions"

// readVersions reads the versions of an upload, in the order of their file
// names, with at most max bytes in all.
func readVersions(form *multipart.Form, max int64) ([]ingest.File, error) {
	var out []ingest.File
	var total int64
	for _, fh := range form.File[versionsField] {
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, max-total+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		total += int64(len(data))
		if total > max {
			return nil, errTooLarge
		}
		out = append(out, ingest.File{Name: uploadName(fh.Filename), Data: data})
	}
	slices.SortStableFunc(out, func(a, b ingest.File) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// uploadName is a file name as a browser sent it, without its folders.
func uploadName(name string) string {
	file := path.Base(strings.ReplaceAll(name, `\`, "/"))
	if file == "." || file == "/" {
		file = "upload.txt"
	}
	return file
}

// errTooLarge says an upload's files together pass the limit.
var errTooLarge = fmt.Errorf("the files are larger than the upload limit")
