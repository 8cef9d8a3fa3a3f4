-- Version 4: a correlation job records how many candidates per item got the full comparison (NULL: all of them; a
-- number: the cascade of `--full N`), so a rerun resumes only the job of the same kind.
--
-- PostgreSQL translation of Sqlite/Migrations/004_correlation_cascade.sql. ("Cascade" here is the search's
-- screen-then-compare cascade, not ON DELETE CASCADE: the SQLite migration only adds a column, no table rebuild.)
-- A count of candidates, read as Int32: INTEGER.

ALTER TABLE correlation_job ADD COLUMN full_comparisons INTEGER CHECK (full_comparisons IS NULL OR full_comparisons > 0);
