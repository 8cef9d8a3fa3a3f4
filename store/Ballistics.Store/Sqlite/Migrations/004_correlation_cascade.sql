-- Version 4: a correlation job records how many candidates per item got the full comparison (NULL: all of them; a
-- number: the cascade of `--full N`), so a rerun resumes only the job of the same kind.

ALTER TABLE correlation_job ADD COLUMN full_comparisons INTEGER CHECK (full_comparisons IS NULL OR full_comparisons > 0);
