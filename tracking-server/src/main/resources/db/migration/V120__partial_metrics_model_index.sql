-- Issue 19: the index of metric points by logged model holds only points logged against a model.
-- Nearly every point has no model_id, and each still cost an entry in this index (all NULLs, one
-- more B-tree insert per point, and its pages in every log-batch's commit). Every query of it
-- compares model_id with =, which SQLite and PostgreSQL both know implies IS NOT NULL, so they use
-- the partial index as before. Nothing stored changes; the index is rebuilt from the table.
DROP INDEX metrics_model;
CREATE INDEX metrics_model ON metrics (model_id) WHERE model_id IS NOT NULL;
