-- unit: what the lines of paragraphs and sections count: '' for lines of
-- the file, 'table row' for a Word table's rows, 'paragraph' for a Word
-- document's paragraphs, 'text line' for the lines of a PDF's text layer.
ALTER TABLE documents ADD COLUMN unit TEXT NOT NULL DEFAULT '';
