-- 005: the alignment of the variants given as versions of the text (files
-- aligned by content with the document's rows), one row per link in the
-- order of analysis.Alignment.Links. paragraph is the ID of the row that
-- holds the version paragraph (or was deleted); variant_paragraph the
-- version's own ID, '' for a deleted row; position the index of the
-- version paragraph in the version, -1 for a deleted row. Documents whose variants are
-- columns have none.
CREATE TABLE alignment (
	document_id       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal           INTEGER NOT NULL,
	variant           INTEGER NOT NULL,
	paragraph         TEXT NOT NULL,
	variant_paragraph TEXT NOT NULL,
	position          INTEGER NOT NULL,
	relation          TEXT NOT NULL,
	similarity        REAL NOT NULL,
	PRIMARY KEY (document_id, ordinal)
);

-- A version's paragraphs merged into another (analysis.Metrics.Merged).
ALTER TABLE section_metrics ADD COLUMN merged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE totals ADD COLUMN merged INTEGER NOT NULL DEFAULT 0;
