import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json";

// The world map of the figures: Natural Earth's countries at 1:110m (world-atlas), in the Equal
// Earth projection (areas kept true), drawn once as SVG path data and reused by the page and the
// PDF report. Countries are named there by ISO 3166-1 numeric code; registrations by alpha-2.

export const mapWidth = 960;
export const mapHeight = 440;

/** ISO 3166-1 numeric code → alpha-2, for the countries of the 1:110m map. */
const alpha2ByNumeric: Record<string, string> = Object.fromEntries(
  (
    "004AF 008AL 010AQ 012DZ 024AO 031AZ 032AR 036AU 040AT 044BS 050BD 051AM 056BE 064BT 068BO 070BA 072BW 076BR 084BZ 090SB " +
    "096BN 100BG 104MM 108BI 112BY 116KH 120CM 124CA 140CF 144LK 148TD 152CL 156CN 158TW 170CO 178CG 180CD 188CR 191HR 192CU " +
    "196CY 203CZ 204BJ 208DK 214DO 218EC 222SV 226GQ 231ET 232ER 233EE 238FK 242FJ 246FI 250FR 260TF 262DJ 266GA 268GE 270GM " +
    "275PS 276DE 288GH 300GR 304GL 320GT 324GN 328GY 332HT 340HN 348HU 352IS 356IN 360ID 364IR 368IQ 372IE 376IL 380IT 384CI " +
    "388JM 392JP 398KZ 400JO 404KE 408KP 410KR 414KW 417KG 418LA 422LB 426LS 428LV 430LR 434LY 440LT 442LU 450MG 454MW 458MY " +
    "466ML 478MR 484MX 496MN 498MD 499ME 504MA 508MZ 512OM 516NA 524NP 528NL 540NC 548VU 554NZ 558NI 562NE 566NG 578NO 586PK " +
    "591PA 598PG 600PY 604PE 608PH 616PL 620PT 624GW 626TL 630PR 634QA 642RO 643RU 646RW 682SA 686SN 688RS 694SL 703SK 704VN " +
    "705SI 706SO 710ZA 716ZW 724ES 728SS 729SD 732EH 740SR 748SZ 752SE 756CH 760SY 762TJ 764TH 768TG 780TT 784AE 788TN 792TR " +
    "795TM 800UG 804UA 807MK 818EG 826GB 834TZ 840US 854BF 858UY 860UZ 862VE 887YE 894ZM"
  )
    .split(" ")
    .map((entry) => [entry.slice(0, 3), entry.slice(3)]),
);

/** Shapes of the map with no numeric code of their own. */
const alpha2ByName: Record<string, string> = { Kosovo: "XK" };

export interface CountryShape {
  /** ISO 3166-1 alpha-2; null for a territory without a code of its own (N. Cyprus, Somaliland). */
  code: string | null;
  /** SVG path data in a `mapWidth` × `mapHeight` box. */
  d: string;
}

let shapes: CountryShape[] | undefined;

/** The countries of the map (Antarctica left out: nobody registers from there), computed once. */
export function worldShapes(): CountryShape[] {
  if (shapes) return shapes;
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries);
  const kept = { ...countries, features: countries.features.filter((country) => country.id !== "010") };
  const projection = geoEqualEarth().fitSize([mapWidth, mapHeight], kept);
  const path = geoPath(projection).digits(1);
  shapes = kept.features.map((country) => ({
    code: (country.id !== undefined ? alpha2ByNumeric[String(country.id)] : undefined) ?? alpha2ByName[country.properties.name] ?? null,
    d: path(country) ?? "",
  }));
  return shapes;
}

/** The alpha-2 codes the map draws. */
export const mappedCountries = (): Set<string> => new Set(worldShapes().flatMap((shape) => (shape.code ? [shape.code] : [])));

/**
 * Classes of the choropleth: upper bounds of counts, rising, the last being the largest count.
 * Five classes at most, roughly doubling, so that one large country does not flatten the rest.
 */
export function mapClasses(max: number): number[] {
  if (max <= 0) return [];
  const bounds: number[] = [];
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]) {
    if (step >= max) break;
    bounds.push(step);
  }
  const kept = bounds.length > 4 ? bounds.filter((_, index) => index % Math.ceil(bounds.length / 4) === 0).slice(0, 4) : bounds;
  return [...kept, max];
}

/** The class of a count (0-based), or -1 for none. */
export const classOf = (count: number, classes: readonly number[]): number => (count <= 0 ? -1 : classes.findIndex((bound) => count <= bound));
