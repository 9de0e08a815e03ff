-- The countries the registrations table offers to filter by: read from this index one country at
-- a time (a recursive query steps from one code to the next), not by reading every registration.
create index registration_edition_country on registration (edition_id, country_code) where anonymised_at is null;
