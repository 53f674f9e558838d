-- A document given as a negotiation's rounds keeps its chain: its stages
-- in order (the variant holding each stage's text), and who made each
-- proposal against which stage. A document read as one table has none:
-- its chain is implied by its outcome (see analysis.Result.Stages).
CREATE TABLE stages (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	name        TEXT NOT NULL,
	date        TEXT NOT NULL DEFAULT '',
	partial     INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
	PRIMARY KEY (document_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE proposals (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	variant     INTEGER NOT NULL,
	stage       INTEGER NOT NULL,
	actor       TEXT NOT NULL,
	PRIMARY KEY (document_id, variant)
) WITHOUT ROWID;

-- agreed: the texts a working paper marked agreed ("(Agreed)"), the mark
-- removed from the text; one row per marked text, none for the others.
CREATE TABLE agreed (
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph   INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	PRIMARY KEY (document_id, paragraph, variant)
) WITHOUT ROWID;
