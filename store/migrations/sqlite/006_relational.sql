-- 006: one row per cell, comparison, span, hit and span uptake again, in
-- tables of their own, the schema PostgreSQL has too (see the README,
-- "Storage"). The packed JSON columns of 002 tied the data to SQLite's JSON
-- functions and made three files agree on field positions; the views of 002
-- unpack them here for the last time.
--
-- The tables of one row per item have no foreign keys: the store checks
-- that a comparison names a paragraph and a variant of its document, and an
-- uptake a span, before it writes, and deletes a document's rows table by
-- table. Their primary keys start with the document id, the order Load
-- reads them in.

CREATE TABLE new_paragraphs (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	paragraph   TEXT NOT NULL,
	section     TEXT NOT NULL,
	new         INTEGER NOT NULL CHECK (new IN (0, 1)),
	line        INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal)
) WITHOUT ROWID;
INSERT INTO new_paragraphs SELECT document_id, ordinal, paragraph, section, new, line FROM paragraphs;

-- cells hold every text of a paragraph, absent ones as '', with the count
-- of format characters (zero-width spaces, bidi controls...) the parser
-- removed from it (004 kept them as a JSON array per paragraph).
CREATE TABLE new_cells (
	document_id  INTEGER NOT NULL,
	paragraph    INTEGER NOT NULL,
	variant      INTEGER NOT NULL,
	text         TEXT NOT NULL,
	hidden_chars INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (document_id, paragraph, variant)
) WITHOUT ROWID;
INSERT INTO new_cells
SELECT c.document_id, c.paragraph, c.variant, c.text,
	CASE WHEN p.hidden = '' THEN 0 ELSE coalesce(p.hidden ->> c.variant, 0) END
FROM cells c JOIN paragraphs p ON p.document_id = c.document_id AND p.ordinal = c.paragraph
ORDER BY c.document_id, c.paragraph, c.variant;

-- comparisons: the figures of one paragraph in one variant; ordinal is the
-- index in Result.Comparisons; bracketed_words counts the words of the
-- variant's text inside square brackets (the packed array's element 10,
-- absent from analyses saved before it was counted).
CREATE TABLE new_comparisons (
	document_id     INTEGER NOT NULL,
	paragraph       INTEGER NOT NULL,
	variant         INTEGER NOT NULL,
	ordinal         INTEGER NOT NULL,
	status          TEXT NOT NULL,
	base_words      INTEGER NOT NULL,
	variant_words   INTEGER NOT NULL,
	added           INTEGER NOT NULL,
	deleted         INTEGER NOT NULL,
	change_ratio    REAL NOT NULL,
	bracketed_words INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (document_id, paragraph, variant)
) WITHOUT ROWID;
INSERT INTO new_comparisons
SELECT p.document_id, p.ordinal, c.value ->> 1, c.value ->> 0,
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = c.value ->> 2),
	c.value ->> 3, c.value ->> 4, c.value ->> 5, c.value ->> 6, CAST(c.value ->> 7 AS REAL),
	coalesce(c.value ->> 10, 0)
FROM paragraphs p, json_each(p.comparisons) c
ORDER BY 1, 2, 3;

CREATE TABLE new_spans (
	document_id     INTEGER NOT NULL,
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
	PRIMARY KEY (document_id, paragraph, variant, ordinal)
) WITHOUT ROWID;
INSERT INTO new_spans SELECT * FROM spans ORDER BY document_id, paragraph, variant, ordinal;

CREATE TABLE new_hits (
	document_id INTEGER NOT NULL,
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
	PRIMARY KEY (document_id, paragraph, variant, ordinal)
) WITHOUT ROWID;
INSERT INTO new_hits SELECT * FROM hits ORDER BY document_id, paragraph, variant, ordinal;

-- span_uptake: (paragraph, proposal, span) names a span of the proposal.
CREATE TABLE new_span_uptake (
	document_id INTEGER NOT NULL,
	ordinal     INTEGER NOT NULL,
	paragraph   INTEGER NOT NULL,
	proposal    INTEGER NOT NULL,
	span        INTEGER NOT NULL,
	verdict     TEXT NOT NULL,
	words       INTEGER NOT NULL,
	adopted     INTEGER NOT NULL,
	PRIMARY KEY (document_id, ordinal)
) WITHOUT ROWID;
INSERT INTO new_span_uptake SELECT document_id, ordinal, paragraph, proposal, span, verdict, words, adopted
FROM span_uptake ORDER BY document_id, ordinal;

DROP VIEW span_uptake;
DROP VIEW hits;
DROP VIEW spans;
DROP VIEW comparisons;
DROP VIEW cells;
DROP TABLE paragraphs;
DROP TABLE symbols;
ALTER TABLE new_paragraphs RENAME TO paragraphs;
ALTER TABLE new_cells RENAME TO cells;
ALTER TABLE new_comparisons RENAME TO comparisons;
ALTER TABLE new_spans RENAME TO spans;
ALTER TABLE new_hits RENAME TO hits;
ALTER TABLE new_span_uptake RENAME TO span_uptake;
CREATE INDEX paragraphs_paragraph ON paragraphs (document_id, paragraph);
