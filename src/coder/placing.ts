// Where each frame happened: its own place words resolved with the gazetteer, else the report's lead.
import type { Evidence, Place } from '../domain/index.ts';
import { resolvePlace, type Gazetteer, type PlaceMention } from '../gazetteer/index.ts';
import type { DocumentAnalysis, SentenceInfo } from './analyse.ts';
import type { Frame } from './frames.ts';

export interface FramePlace {
  place: Place | null;
  evidence: Evidence[];
  flags: string[];
}

export class PlaceResolver {
  private readonly single = new Map<PlaceMention, Place | null>();
  private readonly docMentions: PlaceMention[];

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly countries: string[],
    analysis: DocumentAnalysis,
  ) {
    this.docMentions = analysis.sentences.flatMap((s) => s.places);
  }

  /** One mention on its own (memoised): used to compare frames' places. */
  placeOf = (mention: PlaceMention): Place | null => {
    if (!this.single.has(mention))
      // Alone: the document's other places must not pull an unknown name into their region here.
      this.single.set(mention, resolvePlace([mention], this.gazetteer, { countries: this.countries }));
    return this.single.get(mention) ?? null;
  };

  placeFrame(frame: Frame): FramePlace {
    // The most specific words first: a village beats the regional capital a report also names.
    // The sentence that first places the event decides; later ones often name other places ("taken to
    // the health centre in Koro").
    // A region or regional capital ("strikes in Ségou") is refined by a village of a later sentence
    // ("west of Sokolo in Ségou").
    const placed = frame.places.filter((m) => m.kind !== 'country');
    const inSentence = (m: PlaceMention, s: SentenceInfo) => m.start >= s.sentence.start && m.end <= s.sentence.end;
    const firstSentence = frame.sentences.find((s) => placed.some((m) => inSentence(m, s) && specificity(m) <= 1));
    const own = placed
      .filter((m) => !firstSentence || inSentence(m, firstSentence) || specificity(m) >= 2)
      .sort((a, b) => specificity(a) - specificity(b));
    const mentions = own.length > 0 ? own : this.leadMentions();
    let place = mentions.length > 0 ? this.resolve(mentions) : null;
    if (place && this.isUnexpectedAbroad(place.country_code)) {
      // "near Banh" is not Iran's Baneh: a place abroad counts only when the report names that country.
      // Read such a name as a village missing from the gazetteer: placed by its container when it has one.
      const home = mentions.map((m) =>
        m.candidates.some((e) => this.countries.includes(e.country)) ? m : { ...m, candidates: [] },
      );
      place = this.resolve(home);
      if (place && this.isUnexpectedAbroad(place.country_code)) place = null;
    }
    const flags = own.length > 0 ? [] : mentions.length > 0 ? ['place_from_document'] : ['no_place'];
    // "sectors of Timbuktu, near In-Gouzma" with In-Gouzma unknown: the regional capital stands for its
    // region, and only the region is known (precision 3, at its capital).
    if (place && place.geo_precision === 1) {
      const atCapital = own.some((m) => specificity(m) === 2 && m.candidates[0]?.geonameid === place?.geonameid);
      const unplaced = placed.some((m) => m.kind === 'place' && m.candidates.length === 0 && m.container === null);
      if (atCapital && unplaced) {
        place = { ...place, geo_precision: 3 };
        flags.push('region_only');
      }
    }
    const evidence: Evidence[] = place
      ? mentions
          .filter((m) => m.kind !== 'country')
          .slice(0, 3)
          .map((m) => ({ field: 'location', start: m.start, end: m.end, text: m.text }))
      : [];
    if (!place) {
      const country = frame.places.find((m) => m.kind === 'country') ?? this.docMentions.find((m) => m.kind === 'country');
      if (country) evidence.push({ field: 'country', start: country.start, end: country.end, text: country.text });
    }
    return { place, evidence, flags };
  }

  private resolve(mentions: PlaceMention[]): Place | null {
    return resolvePlace(mentions, this.gazetteer, { countries: this.countries, docMentions: this.docMentions });
  }

  private isUnexpectedAbroad(country: string): boolean {
    if (this.countries.length === 0 || this.countries.includes(country)) return false;
    return !this.docMentions.some((m) => m.kind === 'country' && m.countries.includes(country));
  }

  /** The places of the report's first sentences that name any: the usual home of a lead's event. */
  private leadMentions(): PlaceMention[] {
    const places = this.docMentions.filter((m) => m.kind !== 'country');
    if (places.length === 0) return [];
    const first = places[0] as PlaceMention;
    return places.filter((m) => Math.abs(m.start - first.start) < 200);
  }

  countryMentioned(): string | null {
    const c = this.docMentions.find((m) => m.kind === 'country');
    return c?.countries[0] ?? null;
  }
}

function specificity(m: PlaceMention): number {
  if (m.kind === 'admin1') return 4;
  if (m.kind === 'admin2') return 3;
  if (m.candidates[0]?.featureCode === 'PPLA' || m.candidates[0]?.featureCode === 'PPLC') return 2;
  return m.candidates.length > 0 || m.container !== null ? 0 : 1;
}
