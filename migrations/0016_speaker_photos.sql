-- A speaker's photo, an image of the edition's media (checked, reduced and re-encoded on upload).
alter table speaker add column photo_media_id integer references media on delete set null;
