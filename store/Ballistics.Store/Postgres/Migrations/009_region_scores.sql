-- Version 9: each region's own score beside a lead's score (firing-pin issue §3). score_bf is the breech face's,
-- score_fp the firing pin's, NULL when the firing pins were not compared; both NULL on leads stored before version 9.

ALTER TABLE lead ADD COLUMN score_bf DOUBLE PRECISION;
ALTER TABLE lead ADD COLUMN score_fp DOUBLE PRECISION;
ALTER TABLE correlation_lead ADD COLUMN score_bf DOUBLE PRECISION;
ALTER TABLE correlation_lead ADD COLUMN score_fp DOUBLE PRECISION;
