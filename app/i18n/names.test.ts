import { describe, expect, it } from "vitest";
import { ofName, possessiveName } from "./names";

describe("possessiveName", () => {
  it("adds 's in English, whatever the name ends with", () => {
    expect(possessiveName("en", "Amina Diallo")).toBe("Amina Diallo's");
    expect(possessiveName("en", "Paul Durand")).toBe("Paul Durand's");
    expect(possessiveName("en", "Thomas")).toBe("Thomas's");
  });

  it("elides de before a vowel, accented or not, and before h in French", () => {
    expect(possessiveName("fr", "Amina Diallo")).toBe("d'Amina Diallo");
    expect(possessiveName("fr", "Élodie Petit")).toBe("d'Élodie Petit");
    expect(possessiveName("fr", "Œdipe Roi")).toBe("d'Œdipe Roi");
    expect(possessiveName("fr", "hélène roux")).toBe("d'hélène roux");
    expect(possessiveName("fr", "Ursula Kern")).toBe("d'Ursula Kern");
  });

  it("keeps de before a consonant, and before a y that sounds as one", () => {
    expect(possessiveName("fr", "Paul Durand")).toBe("de Paul Durand");
    expect(possessiveName("fr", "Yannick Noah")).toBe("de Yannick Noah");
    expect(possessiveName("fr", "Yves Martin")).toBe("d'Yves Martin");
    expect(possessiveName("fr", "Zoé Blanc")).toBe("de Zoé Blanc");
  });

  it("reads a decomposed accent as the letter it carries", () => {
    expect(possessiveName("fr", "E\u0301mile Zola")).toBe("d'E\u0301mile Zola");
  });

  it("ignores spaces around the name", () => {
    expect(possessiveName("fr", "  Inès Faure ")).toBe("d'Inès Faure");
    expect(possessiveName("en", " Inès Faure ")).toBe("Inès Faure's");
  });
});

describe("ofName", () => {
  it("puts of before the name in English, and elides de in French", () => {
    expect(ofName("en", "Amiens")).toBe("of Amiens");
    expect(ofName("fr", "Amiens")).toBe("d'Amiens");
    expect(ofName("fr", "Ville de Lyon")).toBe("de Ville de Lyon");
    expect(ofName("fr", "Issy-les-Moulineaux")).toBe("d'Issy-les-Moulineaux");
  });
});
