// Are two reports about the same event? The codebook's unit is one interaction, between the same actors,
// at one place, on one day; reports of it differ in wording, in precision and in the toll they give.
// Every criterion must hold; what still differs between matching reports is listed for the store to flag.
import { shippedCompatibility } from './compatibility.ts';
import type { Codable } from './codable.ts';
import { compareActors } from './actors.ts';
import { compareDates } from './when.ts';
import { comparePlaces } from './where.ts';
import { isSilentToll } from './fatalities.ts';

export type { Codable } from './codable.ts';

export interface SameEventVerdict {
  same: boolean;
  /** 0..1, how closely matching reports agree (ranks candidates); 0 when they are not the same event. */
  score: number;
  reasons: string[];
  /** Fields that disagree between the two matching reports; actor fields are named as in `a`. */
  conflicts: string[];
}

export function sameEvent(a: Codable, b: Codable): SameEventVerdict {
  const { same, score, reasons, conflicts } = compareReports(a, b);
  return { same, score, reasons, conflicts };
}

export interface ReportComparison extends SameEventVerdict {
  /**
   * Not merely unproven but ruled out: incompatible types, dates or places too far apart, or two different
   * named actors on one side. Two reports that only lack a common actor are not contradicted: a third
   * report can show they are one event (the army's "clash with gunmen" and a radio's "JNIM attacked
   * travellers" are linked by the state broadcaster's "JNIM attacked our units").
   */
  contradicted: boolean;
}

export function compareReports(a: Codable, b: Codable): ReportComparison {
  const type = shippedCompatibility().relate(a.sub_event_type, b.sub_event_type);
  const date = compareDates(a, b);
  const place = comparePlaces(a, b);
  const actors = compareActors(a, b);

  const typeScore = type.kind === 'same' ? 1 : type.kind === 'compatible' ? 0.7 : 0;
  const typeReason =
    type.kind === 'same'
      ? `same sub-event type ${a.sub_event_type}`
      : type.kind === 'compatible'
        ? `compatible sub-event types ${a.sub_event_type} ~ ${b.sub_event_type}: ${type.why}`
        : `incompatible sub-event types ${a.sub_event_type} / ${b.sub_event_type}`;

  const same = type.kind !== 'incompatible' && date.ok && place.ok && actors.ok;
  const reasons = [typeReason, date.reason, place.reason, ...actors.reasons];
  const contradicted = type.kind === 'incompatible' || !date.ok || !place.ok || actors.contradicted;
  if (!same) return { same, contradicted, score: 0, reasons, conflicts: [] };

  const conflicts: string[] = [];
  if (a.event_type !== b.event_type) conflicts.push('event_type');
  if (a.sub_event_type !== b.sub_event_type) conflicts.push('sub_event_type');
  if (date.conflict) conflicts.push('event_date');
  conflicts.push(...actors.conflicts);
  if (place.conflict) conflicts.push('location');
  if (tollsDisagree(a.fatalities, b.fatalities)) {
    conflicts.push('fatalities');
    reasons.push(`fatalities differ: ${a.fatalities} / ${b.fatalities}`);
  }
  const score = (typeScore + date.score + place.score + actors.score) / 4;
  return { same, contradicted, score: Math.round(score * 1000) / 1000, reasons, conflicts };
}

/** A report silent about the toll (coded 0) does not contradict one that gives it. */
function tollsDisagree(x: number, y: number): boolean {
  return x !== y && !isSilentToll(x) && !isSilentToll(y);
}
