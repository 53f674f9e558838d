package analysis

import (
	"errors"
	"strings"
	"testing"

	"amendlens/parse"
)

// TestDetectLanguage: the language whose function words are most of a
// text's words is found for each language with a stop list; a text of
// too few function words, or of none, reads as English.
func TestDetectLanguage(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"We reaffirm the principles enunciated in the Geneva phase of the WSIS, and the participation of women in Internet governance.", "en"},
		{"Nous réaffirmons les principes énoncés lors de la phase de Genève du SMSI, et la participation des femmes à la gouvernance de l’Internet.", "fr"},
		{"Reafirmamos los principios enunciados en la fase de Ginebra de la Cumbre y la participación de las mujeres en la gobernanza de Internet.", "es"},
		{"Мы подтверждаем принципы, провозглашенные на Женевском этапе, и участие женщин в управлении интернетом.", "ru"},
		{"نؤكد من جديد المبادئ التي أعلنت في مرحلة جنيف من القمة وعلى مشاركة المرأة في إدارة الإنترنت", "ar"},
		{"Gouvernance, SMSI, Genève, 2005.", "en"},
		{"", "en"},
	} {
		if got := detectLanguage([]string{c.text}); got != c.want {
			t.Errorf("detectLanguage(%.40q) = %s, want %s", c.text, got, c.want)
		}
	}
	// Bounded: the words past maxDetectWords are not read.
	long := strings.Repeat("gouvernance ", maxDetectWords) + strings.Repeat("de la les et ", 1000)
	if got := detectLanguage([]string{long}); got != "en" {
		t.Errorf("detectLanguage read past its %d words: %s", maxDetectWords, got)
	}
}

// frenchCSV is a French text and an amendment to it.
const frenchCSV = `section,paragraph,variant,text
1,1,Base,Nous réaffirmons les principes énoncés lors de la phase de Genève du Sommet.
1,1,Caucus,"Nous réaffirmons les principes énoncés lors de la phase de Genève du Sommet, et la pleine participation des femmes dans la gouvernance de la toile, et de leurs réseaux."
`

// TestFrenchStopwords: a French text's unthemed candidates skip French
// function words with no stopwords key, as the language detected says;
// a dictionary's language key sets the language, and one amendlens has
// no list of is refused with its line.
func TestFrenchStopwords(t *testing.T) {
	analyseWith := func(yaml string) *Result {
		t.Helper()
		dict, err := ParseDictionary("d.yaml", []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parse.Parse("fr.csv", []byte(frenchCSV), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc.Name = "fr"
		r, err := Analyse(doc, dict, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	const themes = "themes:\n  - name: gender\n    terms: [femmes]\n"
	edges := func(r *Result) (stopped []string) {
		for _, u := range r.Unthemed {
			f := strings.Fields(u.Phrase)
			if stopLists["fr"][f[0]] || stopLists["fr"][f[len(f)-1]] {
				stopped = append(stopped, u.Phrase)
			}
		}
		return stopped
	}
	fr := analyseWith(themes)
	if fr.Language != "fr" || !fr.LanguageDetected {
		t.Errorf("language %s (detected %v), want fr detected", fr.Language, fr.LanguageDetected)
	}
	if len(fr.Unthemed) == 0 {
		t.Fatal("no unthemed phrase")
	}
	if s := edges(fr); len(s) > 0 {
		t.Errorf("unthemed phrases start or end with French function words: %q", s)
	}
	en := analyseWith(themes + "language: en\n")
	if en.Language != "en" || en.LanguageDetected {
		t.Errorf("language key en: %s (detected %v)", en.Language, en.LanguageDetected)
	}
	if len(edges(en)) == 0 {
		t.Errorf("with English function words, no unthemed phrase starts or ends with a French one: %v", en.Unthemed)
	}
	_, err := ParseDictionary("d.yaml", []byte(themes+"language: zh\n"))
	var de *DictionaryError
	if !errors.As(err, &de) || de.Line != 4 || !strings.Contains(err.Error(), "fr (French)") {
		t.Errorf("language zh: %v, want an error on line 4 listing the languages", err)
	}
}
