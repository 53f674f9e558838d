-- A document given as a negotiation's rounds keeps its chain: its stages
-- in order (the variant holding each stage's text), and who made each
-- proposal against which stage. A document read as one table has none:
-- its chain is implied by its outcome (see analysis.Result.Stages).
CREATE TABLE stages (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ordinal     INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	name        TEXT NOT NULL,
	date        TEXT NOT NULL DEFAULT '',
	partial     BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE proposals (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	variant     INTEGER NOT NULL,
	stage       INTEGER NOT NULL,
	actor       TEXT NOT NULL,
	PRIMARY KEY (document_id, variant)
);

-- agreed: the texts a working paper marked agreed ("(Agreed)"), the mark
-- removed from the text; one row per marked text, none for the others.
CREATE TABLE agreed (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph   INTEGER NOT NULL,
	variant     INTEGER NOT NULL,
	PRIMARY KEY (document_id, paragraph, variant)
);
