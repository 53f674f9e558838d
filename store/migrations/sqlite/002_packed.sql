-- Packs the rows of every paragraph into its paragraphs row. A large
-- document has a million hits and spans: one row each made saving, replacing
-- and loading it take many seconds. Now the texts of a paragraph, its
-- comparisons with their spans and hits, and the uptake of its spans are JSON
-- arrays in three columns of its row, and the tables cells, comparisons,
-- spans, hits and span_uptake are views that unpack them, with the columns
-- they had (their rows read in any order unless the query orders them).
--
-- The packed columns, one array element per item:
--   texts        [text, ...]                    index = variant
--   comparisons  [[ordinal, variant, status, base_words, variant_words,
--                  added, deleted, change_ratio, spans, hits], ...]
--     spans      [[op, kind, base_tok_start, base_tok_end, var_tok_start,
--                  var_tok_end, base_byte_start, base_byte_end,
--                  var_byte_start, var_byte_end, added, deleted], ...]
--     hits       [[theme, term, matched, change, tok_start, tok_end,
--                  byte_start, byte_end], ...]
--   uptake       [[ordinal, proposal, span, verdict, words, adopted], ...]
-- status, op, kind, theme, term, matched, change and verdict are ordinals of
-- the document's symbols; ordinal is the index in the Go slice
-- (Result.Comparisons, Result.SpanUptake); the index in spans and hits is
-- the ordinal of the span or hit in its comparison.
--
-- The references the dropped tables checked with foreign keys (a comparison
-- names a paragraph and a variant of its document, an uptake names a span)
-- are checked by the store before it writes. The data of a database created
-- with migration 001 alone is converted.

-- symbols are the distinct strings of a document's packed columns.
CREATE TABLE symbols (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	text        TEXT NOT NULL,
	PRIMARY KEY (document_id, ordinal),
	UNIQUE (document_id, text)
) WITHOUT ROWID;

INSERT INTO symbols (document_id, ordinal, text)
SELECT document_id, row_number() OVER (PARTITION BY document_id ORDER BY text) - 1, text
FROM (
	SELECT document_id, status AS text FROM comparisons
	UNION SELECT document_id, op FROM spans
	UNION SELECT document_id, kind FROM spans
	UNION SELECT document_id, theme FROM hits
	UNION SELECT document_id, term FROM hits
	UNION SELECT document_id, matched FROM hits
	UNION SELECT document_id, change FROM hits
	UNION SELECT document_id, verdict FROM span_uptake
);

-- A paragraph's rows are rarely under 1 KB: a rowid table stores them
-- better than WITHOUT ROWID would.
CREATE TABLE packed_paragraphs (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	paragraph   TEXT NOT NULL,
	section     TEXT NOT NULL,
	new         INTEGER NOT NULL CHECK (new IN (0, 1)),
	line        INTEGER NOT NULL,
	texts       TEXT NOT NULL,
	comparisons TEXT NOT NULL,
	uptake      TEXT NOT NULL,
	PRIMARY KEY (document_id, ordinal)
);

-- json() keeps the arrays the subqueries build JSON rather than strings.
INSERT INTO packed_paragraphs (document_id, ordinal, paragraph, section, new, line, texts, comparisons, uptake)
SELECT p.document_id, p.ordinal, p.paragraph, p.section, p.new, p.line,
	json((SELECT json_group_array(x.text ORDER BY x.variant) FROM cells x
		WHERE x.document_id = p.document_id AND x.paragraph = p.ordinal)),
	json((SELECT json_group_array(json_array(
			c.ordinal, c.variant,
			(SELECT y.ordinal FROM symbols y WHERE y.document_id = c.document_id AND y.text = c.status),
			c.base_words, c.variant_words, c.added, c.deleted, c.change_ratio,
			json((SELECT json_group_array(json_array(
					(SELECT y.ordinal FROM symbols y WHERE y.document_id = s.document_id AND y.text = s.op),
					(SELECT y.ordinal FROM symbols y WHERE y.document_id = s.document_id AND y.text = s.kind),
					s.base_tok_start, s.base_tok_end, s.var_tok_start, s.var_tok_end,
					s.base_byte_start, s.base_byte_end, s.var_byte_start, s.var_byte_end,
					s.added, s.deleted) ORDER BY s.ordinal)
				FROM spans s
				WHERE s.document_id = c.document_id AND s.paragraph = c.paragraph AND s.variant = c.variant)),
			json((SELECT json_group_array(json_array(
					(SELECT y.ordinal FROM symbols y WHERE y.document_id = h.document_id AND y.text = h.theme),
					(SELECT y.ordinal FROM symbols y WHERE y.document_id = h.document_id AND y.text = h.term),
					(SELECT y.ordinal FROM symbols y WHERE y.document_id = h.document_id AND y.text = h.matched),
					(SELECT y.ordinal FROM symbols y WHERE y.document_id = h.document_id AND y.text = h.change),
					h.tok_start, h.tok_end, h.byte_start, h.byte_end) ORDER BY h.ordinal)
				FROM hits h
				WHERE h.document_id = c.document_id AND h.paragraph = c.paragraph AND h.variant = c.variant))
		) ORDER BY c.ordinal)
		FROM comparisons c WHERE c.document_id = p.document_id AND c.paragraph = p.ordinal)),
	json((SELECT json_group_array(json_array(
			u.ordinal, u.proposal, u.span,
			(SELECT y.ordinal FROM symbols y WHERE y.document_id = u.document_id AND y.text = u.verdict),
			u.words, u.adopted) ORDER BY u.ordinal)
		FROM span_uptake u WHERE u.document_id = p.document_id AND u.paragraph = p.ordinal))
FROM paragraphs p;

DROP TABLE span_uptake;
DROP TABLE hits;
DROP TABLE spans;
DROP TABLE comparisons;
DROP TABLE cells;
DROP TABLE paragraphs;
ALTER TABLE packed_paragraphs RENAME TO paragraphs;
CREATE INDEX paragraphs_paragraph ON paragraphs (document_id, paragraph);

-- The views have the columns of the tables they replace.
CREATE VIEW cells (document_id, paragraph, variant, text) AS
SELECT p.document_id, p.ordinal, t.key, t.value
FROM paragraphs p, json_each(p.texts) t;

CREATE VIEW comparisons (document_id, paragraph, variant, ordinal, status,
	base_words, variant_words, added, deleted, change_ratio) AS
SELECT p.document_id, p.ordinal, c.value ->> 1, c.value ->> 0,
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = c.value ->> 2),
	c.value ->> 3, c.value ->> 4, c.value ->> 5, c.value ->> 6, CAST(c.value ->> 7 AS REAL)
FROM paragraphs p, json_each(p.comparisons) c;

CREATE VIEW spans (document_id, paragraph, variant, ordinal, op, kind,
	base_tok_start, base_tok_end, var_tok_start, var_tok_end,
	base_byte_start, base_byte_end, var_byte_start, var_byte_end, added, deleted) AS
SELECT p.document_id, p.ordinal, c.value ->> 1, s.key,
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = s.value ->> 0),
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = s.value ->> 1),
	s.value ->> 2, s.value ->> 3, s.value ->> 4, s.value ->> 5,
	s.value ->> 6, s.value ->> 7, s.value ->> 8, s.value ->> 9, s.value ->> 10, s.value ->> 11
FROM paragraphs p, json_each(p.comparisons) c, json_each(c.value, '$[8]') s;

CREATE VIEW hits (document_id, paragraph, variant, ordinal, theme, term, matched, change,
	tok_start, tok_end, byte_start, byte_end) AS
SELECT p.document_id, p.ordinal, c.value ->> 1, h.key,
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = h.value ->> 0),
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = h.value ->> 1),
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = h.value ->> 2),
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = h.value ->> 3),
	h.value ->> 4, h.value ->> 5, h.value ->> 6, h.value ->> 7
FROM paragraphs p, json_each(p.comparisons) c, json_each(c.value, '$[9]') h;

CREATE VIEW span_uptake (document_id, ordinal, paragraph, proposal, span, verdict, words, adopted) AS
SELECT p.document_id, u.value ->> 0, p.ordinal, u.value ->> 1, u.value ->> 2,
	(SELECT y.text FROM symbols y WHERE y.document_id = p.document_id AND y.ordinal = u.value ->> 3),
	u.value ->> 4, u.value ->> 5
FROM paragraphs p, json_each(p.uptake) u;
