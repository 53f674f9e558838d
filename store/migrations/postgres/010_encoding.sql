-- encoding: the encoding a text file was read in when it was not UTF-8
-- (UTF-16, Windows-1252); '' for UTF-8 and Word documents.
ALTER TABLE documents ADD COLUMN encoding TEXT NOT NULL DEFAULT '';
