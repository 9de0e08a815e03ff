-- The registrations desk: where a person comes from, which days of the edition they attend, a
-- folded copy of what organisers search, and the segments they save.

alter table registration add column city text not null default '';

-- The days of the edition the person attends; a registration naming none of its days attends all.
alter table registration add column days date[] not null default '{}';

create function registration_days_of_edition() returns trigger language plpgsql as $$
begin
  new.days := coalesce(
    (select array_agg(day order by day) from edition_day where edition_id = new.edition_id and day = any(new.days)),
    (select array_agg(day order by day) from edition_day where edition_id = new.edition_id),
    '{}');
  return new;
end
$$;
create trigger registration_days_of_edition before insert or update of days, edition_id on registration
  for each row execute function registration_days_of_edition();
update registration set days = '{}';

-- Lower case without accents ("São Paulo" and "sao paulo" fold alike), with one fixed table rather
-- than an extension or a collation, so that PGlite and every server fold the same way; the
-- application folds search input with the same table (app/features/segments/folding.ts).
create function search_fold(value text) returns text language sql immutable parallel safe as $fold$
  select translate(value,
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹØøĐđŁłĦħıŦŧABCDEFGHIJKLMNOPQRSTUVWXYZ',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyooddllhhittabcdefghijklmnopqrstuvwxyz')
$fold$;

alter table registration add column search_text text generated always as (
  search_fold(given_name || ' ' || family_name || ' ' || organisation_name || ' ' || email || ' ' || city || ' ' || reference)
) stored not null;

-- The table sorts by these: folding 5,000 names at each request would cost more than the query.
alter table registration add column sort_name text generated always as (search_fold(family_name || ' ' || given_name)) stored not null;
alter table registration add column sort_organisation text generated always as (search_fold(organisation_name)) stored not null;
alter table registration add column sort_city text generated always as (search_fold(city)) stored not null;

-- A filter of the registrations table kept under a name, for the table, exports, messages and figures.
create table segment (
  id integer generated always as identity primary key,
  edition_id integer not null references edition on delete cascade,
  name text not null check (length(name) between 1 and 100),
  filter jsonb not null check (jsonb_typeof(filter) = 'object'),
  created_by_person_id integer references person on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index segment_name on segment (edition_id, lower(name));
