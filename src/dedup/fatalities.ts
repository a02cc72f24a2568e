// One toll for an event told by several sources. The codebook codes "the lowest credible figure" when
// sources conflict, and a party's own claim only when nobody independent gives one; UCDP-style low, best
// and high keep the spread that a single number hides.
import type { Claim } from '../domain/schemas.ts';
import { compareStrings } from './canonical.ts';
import { shippedPartyTest, type PartyTest } from './parties.ts';

export interface FatalityReport {
  source: string;
  fatalities: number;
  claims?: Claim[];
}

export interface MergedFatalities {
  /** The figure to code: the lowest credible one. */
  fatalities: number;
  /** The lowest figure any source gives, party claims included. */
  low: number;
  /** The middle of the credible figures (the lower middle when their number is even). */
  best: number;
  /** The highest figure any source gives, party claims included. */
  high: number;
  /** Sources give different figures. */
  conflict: boolean;
  bySource: Array<{ source: string; fatalities: number }>;
}

export interface MergeFatalitiesOptions {
  /** Who counts as a party to the conflict; the default reads data/dedup/parties.yaml. */
  isParty?: PartyTest;
}

/**
 * A 0 coded from a report that gives no toll means "not said" (codebook: nothing said = 0), not "nobody
 * died": it must not pull the lowest figure down to 0 when another source counts the dead.
 */
export function isSilentToll(fatalities: number, claims: Claim[] = []): boolean {
  return fatalities === 0 && !claims.some((c) => c.field === 'fatalities');
}

interface Figure {
  value: number;
  partisan: boolean;
}

/** A report's figure is a party's when every toll it attributes comes from a party. */
function figureOf(report: FatalityReport, isParty: PartyTest): Figure {
  const tolls = (report.claims ?? []).filter((c) => c.field === 'fatalities');
  return { value: report.fatalities, partisan: tolls.length > 0 && tolls.every(isParty) };
}

function lowerMedian(sorted: number[]): number {
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

export function mergeFatalities(reports: FatalityReport[], options: MergeFatalitiesOptions = {}): MergedFatalities {
  const isParty = options.isParty ?? shippedPartyTest();
  const bySource = reports
    .map((r) => ({ source: r.source, fatalities: r.fatalities }))
    .sort((x, y) => compareStrings(x.source, y.source) || x.fatalities - y.fatalities);
  const stated = reports.filter((r) => !isSilentToll(r.fatalities, r.claims)).map((r) => figureOf(r, isParty));
  if (stated.length === 0) return { fatalities: 0, low: 0, best: 0, high: 0, conflict: false, bySource };

  const independent = stated.filter((f) => !f.partisan);
  const credible = (independent.length > 0 ? independent : stated).map((f) => f.value).sort((x, y) => x - y);
  const all = stated.map((f) => f.value);
  return {
    fatalities: credible[0] ?? 0,
    low: Math.min(...all),
    best: lowerMedian(credible),
    high: Math.max(...all),
    conflict: new Set(all).size > 1,
    bySource,
  };
}
