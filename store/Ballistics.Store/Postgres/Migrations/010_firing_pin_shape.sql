-- Version 10: the firing pin's shape class as measured in the scan when it was added (firing-pin issue §1): circular,
-- elliptical or rectangular; NULL when the scan holds no firing-pin impression (a processed breech-face scan) or was
-- added before version 10. Beside firing_pin_class, which is what the submitter declared.

ALTER TABLE scan_item ADD COLUMN firing_pin_shape TEXT;
