-- The figures of an analysis, its spans, hits and uptake, are analysed
-- again from the stored document on load (see store.go): their tables,
-- and the dictionaries' themes and terms, which are parsed again from the
-- stored YAML, are a second form of what is stored, and go.
DROP TABLE hits;
DROP TABLE spans;
DROP TABLE span_uptake;
DROP TABLE comparisons;
DROP TABLE section_themes;
DROP TABLE section_kinds;
DROP TABLE section_metrics;
DROP TABLE total_themes;
DROP TABLE total_kinds;
DROP TABLE totals;
DROP TABLE theme_uptake;
DROP TABLE unthemed;
DROP TABLE theme_terms;
DROP TABLE themes;
