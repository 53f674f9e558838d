-- note: how the file was read when that is not what its kind implies (a
-- Word document whose table is no compilation, read as running text); ''
-- otherwise.
ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT '';
