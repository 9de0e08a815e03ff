import type { Transaction } from "kysely";
import type { DB, Localised } from "~/db/schema";

// The « Relais de la coop déc' » of the demo editions: plausible authorities, written for the demo.

const l = (fr: string, en: string): Localised => ({ fr, en });

const relays: Record<number, { name: Localised; relayed: Localised }[]> = {
  2025: [
    {
      name: l("Région Occitanie", "Occitania Region"),
      relayed: l("Trois réunions d’information pour les communes rurales engagées au Sénégal", "Three information meetings for rural municipalities working in Senegal"),
    },
    {
      name: l("Département d’Ille-et-Vilaine", "Ille-et-Vilaine Department"),
      relayed: l("Un appel à projets de jeunesse et de solidarité internationale", "A call for youth and international solidarity projects"),
    },
    {
      name: l("Ville de Lille", "City of Lille"),
      relayed: l("La semaine de la coopération avec ses villes jumelles", "The cooperation week with its twin cities"),
    },
  ],
  2026: [
    {
      name: l("Région Grand Est", "Grand Est Region"),
      relayed: l("Un atelier sur l’eau et l’assainissement avec ses partenaires de Madagascar", "A workshop on water and sanitation with its partners in Madagascar"),
    },
    {
      name: l("Métropole de Lyon", "Lyon Metropolis"),
      relayed: l("Les rencontres régionales de la coopération décentralisée", "The regional meetings on decentralised cooperation"),
    },
    {
      name: l("Communauté d’agglomération du Pays Basque", "Basque Country Urban Community"),
      relayed: l("Un séminaire transfrontalier sur les mobilités", "A cross-border seminar on transport"),
    },
  ],
};

/** Adds the demo authorities of an edition's year, if there are any. */
export async function insertDemoRelays(tx: Transaction<DB>, editionId: number, year: number): Promise<void> {
  const entries = relays[year] ?? [];
  if (entries.length === 0) return;
  await tx
    .insertInto("relay_authority")
    .values(entries.map((entry, position) => ({ edition_id: editionId, name: JSON.stringify(entry.name), relayed: JSON.stringify(entry.relayed), position })))
    .execute();
}
