import { describe, expect, it } from "vitest";
import { parseDayForm, parseRoomForm, parseSessionForm, parseSpeakerForm } from "./programme-forms";

const form = (fields: Record<string, string>) => new URLSearchParams(fields) as unknown as FormData;
const session = {
  kind: "conference",
  title_fr: "Titre",
  title_en: "Title",
  day: "3",
  starts_at: "2026-07-08T09:30",
  ends_at: "2026-07-09T00:30",
  speaker_7: "moderator",
  speaker_8: "",
  speaker_9: "speaker",
};

describe("programme forms", () => {
  it("read local times in the edition's time zone, a session past midnight included, and the speakers in their order", () => {
    const parsed = parseSessionForm(form(session), "Europe/Paris");
    expect(parsed).toMatchObject({
      ok: true,
      value: { kind: "conference", dayId: 3, description: null, roomId: null, requiresSignup: false, capacity: null, speakers: [{ speakerId: 7, part: "moderator" }, { speakerId: 9, part: "speaker" }] },
    });
    if (!parsed.ok) return;
    expect(parsed.value.startsAt.toISOString()).toBe("2026-07-08T07:30:00.000Z");
    expect(parsed.value.endsAt.toISOString()).toBe("2026-07-08T22:30:00.000Z");
  });

  it("refuse a kind that does not exist, an impossible time, a text too long and seats that are not a whole number", () => {
    const parsed = parseSessionForm(form({ ...session, kind: "party", starts_at: "2026-02-30T09:00", title_en: "x".repeat(201), capacity: "12.5" }), "Europe/Paris");
    expect(parsed).toEqual({
      ok: false,
      problems: { kind: "programme.problem.required", starts_at: "programme.problem.time", title_en: "programme.problem.tooLong", capacity: "programme.problem.capacity" },
    });
  });

  it("take a session's texts in one language, a translation to come, but never with no title at all", () => {
    const parsed = parseSessionForm(form({ ...session, title_en: "", description_en: "Only English" }), "Europe/Paris");
    expect(parsed).toMatchObject({ ok: true, value: { title: { fr: "Titre", en: "" }, description: { fr: "", en: "Only English" } } });
    expect(parseSessionForm(form({ ...session, title_fr: " ", title_en: "" }), "Europe/Paris")).toEqual({ ok: false, problems: { title_fr: "programme.problem.required" } });
  });

  it("want a speaker's role in both languages or neither: it is shared by every edition", () => {
    expect(parseSpeakerForm(form({ name: "A", role_fr: "Maire" }))).toEqual({ ok: false, problems: { role_en: "programme.problem.otherLanguage" } });
  });

  it("keep markup as typed: plain text is escaped where it is shown, never cleaned here", () => {
    const parsed = parseSpeakerForm(form({ name: "<b>A</b>", biography_fr: "<script>x</script>", biography_en: "javascript:alert(1)" }));
    expect(parsed).toMatchObject({ ok: true, value: { name: "<b>A</b>", biography: { fr: "<script>x</script>", en: "javascript:alert(1)" }, role: null, organisation: null } });
  });

  it("want a room named in both languages and a real date for a day", () => {
    expect(parseRoomForm(form({ room_name_fr: "Salle", room_capacity: "0" }))).toEqual({
      ok: false,
      problems: { room_name_en: "programme.problem.required", room_capacity: "programme.problem.capacity" },
    });
    expect(parseDayForm(form({ date: "2026-07-10" }))).toEqual({ ok: true, value: "2026-07-10" });
    expect(parseDayForm(form({ date: "2026-02-30" })).ok).toBe(false);
    expect(parseDayForm(form({ date: "10/07/2026" })).ok).toBe(false);
  });
});
