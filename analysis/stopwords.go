package analysis

import (
	"strings"
	"unicode"

	"amendlens/norm"
)

// stopLanguages are the languages whose function words amendlens knows: the unthemed
// candidates of a text in one of them skip its function words. Chinese,
// the sixth UN language, is not among them: its words are not split by
// spaces, which the tokenizer needs.
var stopLanguages = []stopLanguage{
	{Code: "en", Name: "English"},
	{Code: "fr", Name: "French"},
	{Code: "es", Name: "Spanish"},
	{Code: "ru", Name: "Russian"},
	{Code: "ar", Name: "Arabic"},
}

// stopLanguage is a language amendlens has a stop list of.
type stopLanguage struct {
	Code string // ISO 639-1, as a dictionary's language key gives it
	Name string // in English
}

// LanguageName returns the English name of language code, or code.
func LanguageName(code string) string {
	for _, l := range stopLanguages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

// stopLists holds each language's function words ("the", "de", "и"),
// lower-cased as tokens are: words that carry no theme or content of
// their own, so that unthemed phrases are trimmed of them. A dictionary's
// stopwords key adds its own.
var stopLists = map[string]map[string]bool{
	"en": wordSet(`a about all also an and any are as at be been being both but by can could did do does
		each for from had has have in into is it its may might must no nor not of on onto or other our
		shall should so such than that the their them these they this those to upon us was we were which
		while who whom whose will with would 's there where when if i you he she his her then
		among amongst through throughout including new within without between towards toward across
		against under over further more most very only own same every well how what why per via whether
		since until after before during regarding concerning particular particularly especially inter
		alia etc`),
	"fr": wordSet(`le la les l' un une des du de d' et ou mais donc or ni car à au aux en dans par pour
		sur sous avec sans entre vers chez contre depuis pendant avant après selon parmi ce cet cette
		ces celui celle ceux celles ci qui que qu' quoi dont où lequel laquelle lesquels lesquelles
		auquel auxquels duquel il elle ils elles on nous vous je tu se s' leur leurs son sa ses notre
		nos votre vos y ne n' pas plus moins très aussi ainsi tout tous toute toutes autre autres même
		mêmes est sont être été a ont avoir sera seront soit soient doit doivent peut peuvent si comme
		afin notamment chaque tel telle tels telles c' j' lors nouveau nouvelle nouveaux nouvelles
		compris y`),
	"es": wordSet(`el la los las lo un una unos unas de del al a y e o u ni pero sino que en con por
		para sin sobre entre hacia hasta desde durante ante bajo contra según mediante tras se su sus
		nuestro nuestra nuestros nuestras este esta estos estas ese esa esos esas aquel aquella cual
		cuales quien quienes cuyo cuya cuyos cuyas donde como cuando si no más menos muy también todo
		toda todos todas otro otra otros otras mismo misma mismos mismas cada es son ser sido está
		están estar ha han haber sea sean debe deben puede pueden así le les nos ellos ellas él ella ya
		incluido incluida incluidos incluidas nuevo nueva nuevos nuevas particular especialmente`),
	"ru": wordSet(`и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы
		по только ее её мне было вот от меня еще ещё нет о об из ему теперь когда даже ли если уже или
		ни быть был него до вас там потом себя ей может они тут где есть ней для мы их чем была сам
		чтобы без чего тоже себе под будет тогда кто этот того потому этого какой ним здесь этом один
		мой тем нее были всех можно при другой после над больше тот через эти нас про всего них какая
		много эту этой перед том такой им более всю между также который которая которое которые
		которых которым которой котором является являются своих свои своей свой свою своего своим
		том числе в том числе новый новые новых каждый каждая каждое`),
	"ar": wordSet(`في من على إلى الى عن أن إن أو و مع هذا هذه ذلك تلك التي التى الذي الذين اللذين
		اللتين كل بين أي لا ما لم لن قد كان كانت يكون تكون هو هي هم نحن أنه أنها حتى عند عندما بعد
		قبل ضد دون خلال حول فيه فيها منه منها عليه عليها به بها له لها لهم ذات كما أيضا أيضاً ثم بل
		لكن غير بعض جميع ضمن لدى إذا فى وفي ومن وعلى وإلى وأن بما بشأن إطار سيما ولا`),
}

// wordSet is the set of the words of list, separated by white space.
func wordSet(list string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(list) {
		out[w] = true
	}
	return out
}

// isStopword reports whether the normalised word w is an English function
// word ("the", "of", "and").
func isStopword(w string) bool { return stopLists["en"][w] }

// maxDetectWords bounds the words detectLanguage reads: the opening of a
// text says its language, and the cost stays bounded whatever its size.
const maxDetectWords = 20000

// detectLanguage returns the code of the language of stopLanguages whose
// function words make the largest share of the first words of texts,
// lower-cased as tokens are; English when none makes a tenth of them
// (few words, or a language amendlens has no list of).
func detectLanguage(texts []string) string {
	counts := map[string]int{}
	words := 0
read:
	for _, t := range texts {
		for f := range strings.FieldsFuncSeq(t, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
			w := strings.Map(norm.Rune, f)
			for _, l := range stopLanguages {
				if stopLists[l.Code][w] {
					counts[l.Code]++
				}
			}
			if words++; words >= maxDetectWords {
				break read
			}
		}
	}
	best := "en"
	for _, l := range stopLanguages {
		if counts[l.Code] > counts[best] {
			best = l.Code
		}
	}
	if words == 0 || counts[best]*10 < words {
		return "en"
	}
	return best
}

// stopSet is the stopwords of a text: its language's function words and a
// dictionary's own.
type stopSet struct {
	list, extra map[string]bool
}

// stopsOf is the stopSet of a text in language lang (a code of stopLanguages)
// with a dictionary's own stopwords, extra.
func stopsOf(lang string, extra map[string]bool) stopSet {
	return stopSet{list: stopLists[lang], extra: extra}
}

// has reports whether the normalised word w is a stopword of s.
func (s stopSet) has(w string) bool { return s.list[w] || s.extra[w] }

// baseTexts returns the base's text of each paragraph of doc.
func baseTexts(doc *Document) []string {
	out := make([]string, 0, len(doc.Paragraphs))
	for _, p := range doc.Paragraphs {
		if len(p.Texts) > 0 {
			out = append(out, p.Texts[0])
		}
	}
	return out
}
