package dashboard

import (
	"fmt"
	"io"
	"mime/multipart"
	"path"
	"slices"
	"strings"

	"amendlens/analysis"
)

// versionsField is the upload form's field of the later versions of the
// uploaded document, as running text aligned by content with it.
const versionsField = "versions"

// uploadFile is one file of an upload, read.
type uploadFile struct {
	name string
	data []byte
}

// readVersions reads the versions of an upload, in the order of their file
// names, with at most max bytes in all.
func readVersions(form *multipart.Form, max int64) ([]uploadFile, error) {
	var out []uploadFile
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
		out = append(out, uploadFile{name: uploadName(fh.Filename), data: data})
	}
	slices.SortStableFunc(out, func(a, b uploadFile) int { return strings.Compare(a.name, b.name) })
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

// versionsDocument builds the document of an upload with versions: when
// the uploaded file is a table (dump or CSV), each version is aligned with
// its rows as one more variant; when it is running text, it is the base and
// the versions its variants. The last version is the outcome, complete.
func versionsDocument(file string, data []byte, versions []uploadFile) (*analysis.Document, error) {
	texts := make([]*analysis.Document, len(versions))
	for i, v := range versions {
		d, err := analysis.ParseText(v.name, v.data)
		if err != nil {
			return nil, err
		}
		texts[i] = d
	}
	if analysis.IsRunningText(data) {
		base, err := analysis.ParseText(file, data)
		if err != nil {
			return nil, err
		}
		return analysis.Versions(base, texts, nil)
	}
	doc, err := analysis.Parse(file, data)
	if err != nil {
		return nil, err
	}
	for _, t := range texts {
		if err := analysis.AddVersion(doc, t, ""); err != nil {
			return nil, err
		}
	}
	return doc, nil
}
