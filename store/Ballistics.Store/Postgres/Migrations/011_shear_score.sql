-- Version 11: the aperture shear's own score beside a lead's (firing-pin issue §3): the striae the firing-pin
-- aperture's edge sheared and a drag scored about the crater; NULL when they were not compared or on leads stored
-- before version 11.

ALTER TABLE lead ADD COLUMN score_shear DOUBLE PRECISION;
ALTER TABLE correlation_lead ADD COLUMN score_shear DOUBLE PRECISION;
