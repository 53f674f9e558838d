-- 004: documents keep the name they were given beside its slug, so that a
-- different name with the same slug ("Report" and "report") is refused
-- instead of replacing the stored document. Documents stored before keep
-- their slug as their given name. The source becomes the file's base name,
-- as ingest now stores it: rtrim(s, replace(s, '/', '')) is s up to its
-- last slash.
ALTER TABLE documents ADD COLUMN title TEXT NOT NULL DEFAULT '';
UPDATE documents SET title = name;
UPDATE documents SET source = substr(source, length(rtrim(source, replace(source, '/', ''))) + 1);
UPDATE documents SET source = substr(source, length(rtrim(source, replace(source, '\', ''))) + 1);
