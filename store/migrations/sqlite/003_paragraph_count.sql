-- 003: documents keep their number of paragraphs, so that describing a
-- document, which every dashboard request does, reads one row instead of
-- counting its paragraphs.
ALTER TABLE documents ADD COLUMN paragraphs INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET paragraphs = (SELECT count(*) FROM paragraphs p WHERE p.document_id = documents.id);
