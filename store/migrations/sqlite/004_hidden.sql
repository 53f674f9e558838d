-- 004: each paragraph keeps how many format characters (zero-width spaces,
-- bidi controls...) the parser removed from each of its texts: a JSON array
-- indexed like texts, or '' when there were none.
ALTER TABLE paragraphs ADD COLUMN hidden TEXT NOT NULL DEFAULT '';
