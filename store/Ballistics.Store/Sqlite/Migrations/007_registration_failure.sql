-- Version 7: a lead whose comparison could not be registered says so (robust-matching issue §2). NULL when the pair
-- was registered; otherwise why not. Its theta_deg, dx_um and dy_um are then no pose, and no output prints them as one.

ALTER TABLE lead ADD COLUMN registration_failure TEXT;
ALTER TABLE correlation_lead ADD COLUMN registration_failure TEXT;
