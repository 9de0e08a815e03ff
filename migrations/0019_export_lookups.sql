-- A registration's workshop seats and the delegation a person leads, found from the registration
-- or the person: exports (and the workshop and delegation filters of segments) look them up for
-- every registration of an edition, which without these indexes scans every seat and delegation.

create index session_signup_registration on session_signup (registration_id, status);
create index delegation_lead on delegation (lead_person_id, edition_id);
