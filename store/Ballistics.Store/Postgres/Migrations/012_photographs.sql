-- Version 12: photographs on file beside topography (2D photographs issue §1). modality is what the item holds: '3d'
-- (an x3p topography, every item added before version 12) or '2d' (a PNG/TIFF photograph); a search compares an item
-- only with items of its own modality unless asked otherwise. pixel_size_um and lighting are what the submitter stated
-- for a photograph (NULL when the file's own resolution fields give the pixel size, or the light is not known), so the
-- original is read again exactly as it was added.

ALTER TABLE scan_item ADD COLUMN modality TEXT NOT NULL DEFAULT '3d';
ALTER TABLE scan_item ADD COLUMN pixel_size_um DOUBLE PRECISION;
ALTER TABLE scan_item ADD COLUMN lighting TEXT;
