-- The store keeps what a document is and analyses it again on load (see
-- store.go): the two choices of its analysis not held elsewhere are kept
-- beside it. outcome_complete: the outcome was taken as the final text.
-- implied_outcome: the outcome the source implies (analysis.Document's
-- Outcome: "none" for tracked changes by several authors).
-- joins: the paragraphs a variant of tracked changes made one by deleting
-- the paragraph marks between them, one row per paragraph of a join, in
-- document order (position); a Go step fills them for the documents saved
-- before, from their comparisons' "merged" statuses, before 009 drops the
-- tables of figures.
ALTER TABLE documents ADD COLUMN outcome_complete BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE documents ADD COLUMN implied_outcome TEXT NOT NULL DEFAULT '';

CREATE TABLE joins (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	position    INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	paragraph   TEXT NOT NULL,
	PRIMARY KEY (document_id, ordinal, position)
);

-- An outcome was complete when an insertion was judged not adopted where
-- the outcome had no text; where it has text everywhere the choice
-- changes nothing.
UPDATE documents SET outcome_complete = TRUE WHERE EXISTS (
	SELECT 1 FROM span_uptake u JOIN cells c
		ON c.document_id = u.document_id AND c.paragraph = u.paragraph AND c.variant = documents.outcome
	WHERE u.document_id = documents.id AND u.verdict = 'not_adopted' AND trim(c.text) = '');
