-- Central logs, ingest speed (issue 14): FTS5 merges its index segments 16 at a time instead of 4.
-- Every commit writes a new level-0 segment and each merge rewrites what it merges, so with the
-- default (automerge=4) every indexed token was rewritten about once per level of a 1,000,000-line
-- index: a third of the writer's time per line. Merging 16 at a time halves the number of levels a
-- token passes through; crisismerge (16 by default, must stay above automerge) forces a merge
-- once 64 segments pile up at one level. Measured on 1,000,000 lines: ingest ~17% less writer CPU
-- per line, word and phrase searches unchanged (docs/benchmarks.md, "Central logs"). These are
-- settings kept in the index's own config table: the rows already indexed are untouched.
INSERT INTO log_fts (log_fts, rank) VALUES ('automerge', 16);
INSERT INTO log_fts (log_fts, rank) VALUES ('crisismerge', 64);
