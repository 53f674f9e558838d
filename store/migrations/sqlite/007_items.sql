-- items: the spans and hits of a comparison in the binary form of
-- store/items.go, written by the save that writes their rows into spans and
-- hits, and read by Load in their place. The comparisons of databases
-- converted from older schemas have none (NULL): Load reads their rows.
-- History: migration 009 drops the comparisons, items and all, when the store
-- came to keep each fact once and analyse again on load.
ALTER TABLE comparisons ADD COLUMN items BLOB;
