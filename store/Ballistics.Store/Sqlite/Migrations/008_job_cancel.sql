-- Version 8: a correlation job can be cancelled by the key that asked for it (hostile-input issue §1). NULL while it
-- runs or after it finished; otherwise when it was cancelled. A cancelled job is never resumed and its leads so far stay.

ALTER TABLE correlation_job ADD COLUMN cancelled_at TEXT;
