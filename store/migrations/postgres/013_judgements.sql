-- judgements: the verdicts people gave insertions on the uptake page (see
-- analysis.Judgement). They name the document, the insertion and the stage
-- that judged it by name, not by id, so that saving the document again
-- (another dictionary, the file ingested anew) keeps them; deleting the
-- document deletes them. original is amendlens's verdict when the person
-- judged, verdict the person's; at is Unix time in nanoseconds.
CREATE TABLE judgements (
	document  TEXT NOT NULL,
	change_id TEXT NOT NULL,
	judged_at TEXT NOT NULL,
	original  TEXT NOT NULL,
	verdict   TEXT NOT NULL,
	who       TEXT NOT NULL,
	at        BIGINT NOT NULL,
	PRIMARY KEY (document, change_id, judged_at)
);
