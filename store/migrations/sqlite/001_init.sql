-- Schema of an analysed document. Every table but dictionaries and their
-- themes carries document_id and goes when its document goes (ON DELETE
-- CASCADE). Positions in the Go slices are kept as ordinals so that a stored
-- analysis reads back in the order it was saved.

-- revision hands out the revision numbers of saves; it never goes back, even
-- when the document that had the last one is deleted.
CREATE TABLE revision (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	last INTEGER NOT NULL
);
INSERT INTO revision (id, last) VALUES (1, 0);

-- dictionaries are shared by the documents analysed with the same YAML and
-- removed by the store once no document uses them.
CREATE TABLE dictionaries (
	id     INTEGER PRIMARY KEY,
	hash   TEXT NOT NULL UNIQUE,
	source BLOB NOT NULL
);

CREATE TABLE themes (
	dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id) ON DELETE CASCADE,
	ordinal       INTEGER NOT NULL,
	name          TEXT NOT NULL,
	label         TEXT NOT NULL,
	color         TEXT NOT NULL,
	PRIMARY KEY (dictionary_id, ordinal),
	UNIQUE (dictionary_id, name)
);

CREATE TABLE theme_terms (
	dictionary_id INTEGER NOT NULL,
	theme         INTEGER NOT NULL,
	ordinal       INTEGER NOT NULL,
	term          TEXT NOT NULL,
	PRIMARY KEY (dictionary_id, theme, ordinal),
	FOREIGN KEY (dictionary_id, theme) REFERENCES themes (dictionary_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE documents (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	source        TEXT NOT NULL,
	outcome       INTEGER NOT NULL,
	revision      INTEGER NOT NULL UNIQUE,
	ingested      INTEGER NOT NULL, -- Unix time in nanoseconds
	dictionary_id INTEGER NOT NULL REFERENCES dictionaries (id)
);
CREATE INDEX documents_dictionary ON documents (dictionary_id);

CREATE TABLE variants (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	name        TEXT NOT NULL,
	PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE sections (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	section     TEXT NOT NULL,
	title       TEXT NOT NULL,
	parent      TEXT NOT NULL,
	line        INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal)
);
CREATE INDEX sections_section ON sections (document_id, section);

CREATE TABLE paragraphs (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	paragraph   TEXT NOT NULL,
	section     TEXT NOT NULL,
	new         INTEGER NOT NULL CHECK (new IN (0, 1)),
	line        INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal)
);
CREATE INDEX paragraphs_paragraph ON paragraphs (document_id, paragraph);

-- cells hold every text of a paragraph, absent ones as ''.
CREATE TABLE cells (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph   INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	text        TEXT NOT NULL,
	PRIMARY KEY (document_id, paragraph, variant),
	FOREIGN KEY (document_id, paragraph) REFERENCES paragraphs (document_id, ordinal) ON DELETE CASCADE,
	FOREIGN KEY (document_id, variant) REFERENCES variants (document_id, ordinal) ON DELETE CASCADE
);

-- comparisons: ordinal is the index in Result.Comparisons.
CREATE TABLE comparisons (
	document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph     INTEGER NOT NULL,
	variant       INTEGER NOT NULL,
	ordinal       INTEGER NOT NULL,
	status        TEXT NOT NULL,
	base_words    INTEGER NOT NULL,
	variant_words INTEGER NOT NULL,
	added         INTEGER NOT NULL,
	deleted       INTEGER NOT NULL,
	change_ratio  REAL NOT NULL,
	PRIMARY KEY (document_id, paragraph, variant),
	UNIQUE (document_id, ordinal),
	FOREIGN KEY (document_id, paragraph) REFERENCES paragraphs (document_id, ordinal) ON DELETE CASCADE,
	FOREIGN KEY (document_id, variant) REFERENCES variants (document_id, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE spans (
	document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph       INTEGER NOT NULL,
	variant         INTEGER NOT NULL,
	ordinal         INTEGER NOT NULL,
	op              TEXT NOT NULL,
	kind            TEXT NOT NULL,
	base_tok_start  INTEGER NOT NULL,
	base_tok_end    INTEGER NOT NULL,
	var_tok_start   INTEGER NOT NULL,
	var_tok_end     INTEGER NOT NULL,
	base_byte_start INTEGER NOT NULL,
	base_byte_end   INTEGER NOT NULL,
	var_byte_start  INTEGER NOT NULL,
	var_byte_end    INTEGER NOT NULL,
	added           INTEGER NOT NULL,
	deleted         INTEGER NOT NULL,
	PRIMARY KEY (document_id, paragraph, variant, ordinal),
	FOREIGN KEY (document_id, paragraph, variant) REFERENCES comparisons (document_id, paragraph, variant) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE hits (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph   INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	ordinal     INTEGER NOT NULL,
	theme       TEXT NOT NULL,
	term        TEXT NOT NULL,
	matched     TEXT NOT NULL,
	change      TEXT NOT NULL,
	tok_start   INTEGER NOT NULL,
	tok_end     INTEGER NOT NULL,
	byte_start  INTEGER NOT NULL,
	byte_end    INTEGER NOT NULL,
	PRIMARY KEY (document_id, paragraph, variant, ordinal),
	FOREIGN KEY (document_id, paragraph, variant) REFERENCES comparisons (document_id, paragraph, variant) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX hits_theme ON hits (document_id, theme);

-- Metrics. A theme_* column is NULL when the map of the Go value has no entry
-- for the theme, so that a zero count and a missing one read back apart.
CREATE TABLE section_metrics (
	document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal       INTEGER NOT NULL,
	section       TEXT NOT NULL,
	variant       INTEGER NOT NULL,
	paragraphs    INTEGER NOT NULL,
	amended       INTEGER NOT NULL,
	new           INTEGER NOT NULL,
	unchanged     INTEGER NOT NULL,
	absent        INTEGER NOT NULL,
	base_words    INTEGER NOT NULL,
	variant_words INTEGER NOT NULL,
	added         INTEGER NOT NULL,
	deleted       INTEGER NOT NULL,
	spans         INTEGER NOT NULL,
	change_ratio  REAL NOT NULL,
	PRIMARY KEY (document_id, ordinal),
	FOREIGN KEY (document_id, variant) REFERENCES variants (document_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE section_themes (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	metrics     INTEGER NOT NULL,
	theme       TEXT NOT NULL,
	added       INTEGER,
	removed     INTEGER,
	paragraphs  INTEGER,
	PRIMARY KEY (document_id, metrics, theme),
	FOREIGN KEY (document_id, metrics) REFERENCES section_metrics (document_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE section_kinds (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	metrics     INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	spans       INTEGER NOT NULL,
	PRIMARY KEY (document_id, metrics, kind),
	FOREIGN KEY (document_id, metrics) REFERENCES section_metrics (document_id, ordinal) ON DELETE CASCADE
);

-- totals: variant is the index in Result.Totals, 0 included.
CREATE TABLE totals (
	document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	variant       INTEGER NOT NULL,
	paragraphs    INTEGER NOT NULL,
	amended       INTEGER NOT NULL,
	new           INTEGER NOT NULL,
	unchanged     INTEGER NOT NULL,
	absent        INTEGER NOT NULL,
	base_words    INTEGER NOT NULL,
	variant_words INTEGER NOT NULL,
	added         INTEGER NOT NULL,
	deleted       INTEGER NOT NULL,
	spans         INTEGER NOT NULL,
	change_ratio  REAL NOT NULL,
	PRIMARY KEY (document_id, variant),
	FOREIGN KEY (document_id, variant) REFERENCES variants (document_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE total_themes (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	variant     INTEGER NOT NULL,
	theme       TEXT NOT NULL,
	added       INTEGER,
	removed     INTEGER,
	paragraphs  INTEGER,
	PRIMARY KEY (document_id, variant, theme),
	FOREIGN KEY (document_id, variant) REFERENCES totals (document_id, variant) ON DELETE CASCADE
);

CREATE TABLE total_kinds (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	variant     INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	spans       INTEGER NOT NULL,
	PRIMARY KEY (document_id, variant, kind),
	FOREIGN KEY (document_id, variant) REFERENCES totals (document_id, variant) ON DELETE CASCADE
);

-- span_uptake: (paragraph, proposal, span) names a span of the proposal.
CREATE TABLE span_uptake (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	paragraph   INTEGER NOT NULL,
	proposal    INTEGER NOT NULL,
	span        INTEGER NOT NULL,
	verdict     TEXT NOT NULL,
	words       INTEGER NOT NULL,
	adopted     INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal),
	FOREIGN KEY (document_id, paragraph, proposal, span) REFERENCES spans (document_id, paragraph, variant, ordinal) ON DELETE CASCADE
);
CREATE INDEX span_uptake_span ON span_uptake (document_id, paragraph, proposal, span);

CREATE TABLE theme_uptake (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	proposal    INTEGER NOT NULL,
	theme       TEXT NOT NULL,
	proposed    INTEGER NOT NULL,
	adopted     INTEGER NOT NULL,
	pending     INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal),
	FOREIGN KEY (document_id, proposal) REFERENCES variants (document_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE unthemed (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	phrase      TEXT NOT NULL,
	count       INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal),
	FOREIGN KEY (document_id, variant) REFERENCES variants (document_id, ordinal) ON DELETE CASCADE
);
