-- 004: documents keep the name they were given beside its slug, so that a
-- different name with the same slug ("Report" and "report") is refused
-- instead of replacing the stored document. Documents stored before keep
-- their slug as their given name.
ALTER TABLE documents ADD COLUMN title TEXT NOT NULL DEFAULT '';
UPDATE documents SET title = name;
