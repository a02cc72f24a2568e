// Who did what to whom: the actor mentions of a frame, each given a role from where it stands
// relative to the event's words ("X attacked Y", "Y was ambushed by X", "blamed on X").
import type { ActorMention } from '../actors/index.ts';
import type { Cue, SentenceInfo } from './analyse.ts';
import { inScope, type Frame } from './frames.ts';

/** `described`: a mention that only describes another ('part of the JNIM coalition'). */
export type Role = 'agent' | 'patient' | 'blamed' | 'other' | 'described';

export interface RoledActor {
  mention: ActorMention;
  role: Role;
  sentence: SentenceInfo;
  /** Named only as suspected ("suspicion fell on X", "believed to have been planted by X"). */
  suspected?: boolean;
  /** The words that put this actor behind the event ("claimed responsibility", "blamed"). */
  blame?: SentenceInfo['blames'][number];
}

const SUSPICION = /suspect|believ|suspicion|soupcon|presum|point|accus/;

const BY_BEFORE = /(?:^|\s)(?:by|par|from|of)\s+(?:(?:the|a|an|suspected|presumed|alleged|les?|la|des|l')\s*)*$/u;
const TARGET_BEFORE =
  /(?:^|\s)(?:on|against|at|targeting|contre|sur|visant)\s+(?:(?:the|a|an|an?\s+\p{L}+|les?|la|des|l'|une?)\s*)*$/u;
/** "a checkpoint manned by soldiers", "a position held by X": this "by" belongs to another participle. */
const FOREIGN_BY =
  /\b(?:\p{L}{2,}(?:ed|en)|held|led|run|built|kept|made|set|sent|hit|struck|tenu|tenue|tenus|occupe|occupee|garde|gardee|dirige|dirigee)\s+(?:\p{L}+\s+)?(?:by|par)\s+(?:\S+\s+){0,2}$/u;

/** Ambush or attack "of" a convoy/patrol: the target follows. */
const CLAUSE_BREAK = /[;:]|,\s*(?:while|but|as|and|after|before|which|who|killing|wounding)\b/u;

const PARTICIPLE =
  /^(?:\p{L}+(?:ed|en|wn)|shot|hurt|hit|struck|held|shot dead|tue|tues|tuee|tuees|blesse|blesses|blessee|blessees|enleve|enleves|enlevee|enlevees|abattu|abattus|attaque|attaques)$/u;

/** "Katiba Macina, an affiliate of the al-Qaeda-linked JNIM": a description of another mention, no role. */
const APPOSITION_BEFORE =
  /(?:affiliate|part|member|members|wing|faction|branch|offshoot|ally|allies|component|unit|splinter group|composante|branche|membre|membres|filiale|allie) of\s+(?:the\s+|la\s+|le\s+|l')?(?:[\p{L}'-]+\s+){0,2}$|(?:affilie|lie|liee|proche)s?\s+(?:a|au|aux)\s+(?:la\s+|l')?$/u;

/**
 * "four soldiers killed", "civilians abducted in ...": a participle right after its noun with no object
 * after it tells what happened to the noun, as a passive would.
 */
function reducedPassive(mention: ActorMention, cue: Cue, info: SentenceInfo): boolean {
  const s = info.sentence.start;
  const gap = info.folded.slice(mention.end - s, cue.start - s);
  if (!/^\s*$/.test(gap) || !PARTICIPLE.test(cue.text)) return false;
  // only an object can be followed by its participle ("reporting four soldiers killed", "with two dead");
  // a clause's subject followed by a verb is active ("Gunmen kidnapped and killed a councillor")
  const lead = info.folded.slice(Math.max(0, mention.start - s - 30), mention.start - s);
  if (!/(?:\b(?:\p{L}+ing|with|left|leaving|among|including|avec|laissant|faisant|parmi|dont)\s+(?:\S+\s+){0,3}|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens?|several)\s+(?:\p{L}+\s+)?)$/u.test(lead))
    return false;
  const after = info.folded.slice(cue.end - s, cue.end - s + 25);
  return /^\s*(?:$|[,.;:)]|and\b|in\b|on\b|at\b|near\b|when\b|by\b|during\b|after\b|while\b|et\b|dans\b|par\b|lors\b)/u.test(after);
}

function clauseBetween(info: SentenceInfo, from: number, to: number): string {
  const s = info.sentence.start;
  return info.folded.slice(Math.min(from, to) - s, Math.max(from, to) - s);
}

function insideAttribution(mention: ActorMention, info: SentenceInfo): boolean {
  return info.attributions.some(
    (a) => a.claimantSpan !== null && mention.start >= a.claimantSpan.start && mention.end <= a.claimantSpan.end,
  );
}

function roleAgainst(mention: ActorMention, cue: Cue, info: SentenceInfo): Role {
  const s = info.sentence.start;
  const before = info.folded.slice(Math.max(0, mention.start - s - 30), mention.start - s);
  if (mention.start >= cue.end) {
    // "une frappe de drone de l'armée malienne", "air strikes of the French force": who fires from afar
    if ((cue.kind === 'air_strike' || cue.kind === 'shelling') && /(?:^|\s)(?:de|du|des|d'|of|by|par)\s*(?:(?:la|le|les|l'|the)\s*)?$/u.test(before) &&
      clauseBetween(info, cue.end, mention.start).length < 30)
      return 'agent';
    // "by X" names this event's doer only after a passive or a noun ("attack by"); in "attacked a
    // position held by X" it belongs to another verb.
    const between = clauseBetween(info, cue.end, mention.start);
    const ownBy = !FOREIGN_BY.test(between);
    if (BY_BEFORE.test(before) && ownBy && !/(?:^|\s)(?:of|from)\s+(?:the\s+)?$/u.test(before)) return 'agent';
    if (/(?:^|\s)(?:by|par)\s+(?:\S+\s+){0,2}$/u.test(before) && !ownBy) return 'patient';
    if (cue.passive) {
      if (/(?:^|\s)(?:by|par)\s/u.test(between) && ownBy) return 'agent';
      return TARGET_BEFORE.test(before) ? 'patient' : 'other';
    }
    if (TARGET_BEFORE.test(before)) return 'patient';
    return 'patient';
  }
  // before the cue
  if (BY_BEFORE.test(before) && /(?:^|\s)(?:by|par)\s/u.test(before)) return 'agent';
  return cue.passive || reducedPassive(mention, cue, info) ? 'patient' : 'agent';
}

/** Roles for every actor mention of the frame's sentences, judged against the nearest cue in its clause. */
export function assignRoles(frame: Frame): RoledActor[] {
  const out: RoledActor[] = [];
  for (const info of frame.sentences) {
    const cues = frame.cues.filter((c) => c.start >= info.sentence.start && c.end <= info.sentence.end);
    for (const mention of info.actors) {
      if (!inScope(frame, info, mention)) continue;
      // "JNIM claimed responsibility": a claimant that owns the act is its perpetrator, not only a source.
      const blamed = info.blames.find((b) => blameCovers(b, mention, info));
      // "suspected JNIM fighters stormed...": a hedge on the name, the mention keeps its place in the clause
      const hedgeOnly = blamed !== undefined && isHedgeAdjective(blamed, mention, info);
      if (blamed && !hedgeOnly) {
        out.push({ mention, role: 'blamed', sentence: info, suspected: SUSPICION.test(blamed.text), blame: blamed });
        continue;
      }
      if (insideAttribution(mention, info)) continue;
      const s0 = info.sentence.start;
      if (APPOSITION_BEFORE.test(info.folded.slice(Math.max(0, mention.start - s0 - 50), mention.start - s0))) {
        out.push({ mention, role: 'described', sentence: info });
        continue;
      }
      const usable = cues.filter((c) => !c.anchorOf && !CLAUSE_BREAK.test(clauseBetween(info, c.start, mention.start)));
      const cue = nearest(usable.length > 0 ? usable : cues.filter((c) => !c.anchorOf), mention);
      out.push({
        mention,
        role: cue ? roleAgainst(mention, cue, info) : 'other',
        sentence: info,
        ...(hedgeOnly || mention.cues?.includes('hedge') ? { suspected: true } : {}),
      });
    }
  }
  return out;
}

function nearest(cues: Cue[], mention: ActorMention): Cue | undefined {
  let best: Cue | undefined;
  let bestGap = Infinity;
  for (const c of cues) {
    const gap = mention.start >= c.end ? mention.start - c.end : c.start - mention.end;
    // the event's main verb usually precedes its object and follows its subject; small bias to verbs before
    // a participle glued to its noun ("four soldiers killed") is that noun's verb
    const weighted = gap <= 1 ? 0 : gap + (c.kind === 'kill' ? 15 : 0);
    if (weighted < bestGap) {
      bestGap = weighted;
      best = c;
    }
  }
  return best;
}

function isHedgeAdjective(b: SentenceInfo['blames'][number], mention: ActorMention, info: SentenceInfo): boolean {
  if (b.direction !== 'after' || !/^(?:suspected|presumed|alleged|presumes?|supposes?)$/.test(b.text)) return false;
  return clauseBetween(info, b.end, mention.start).trim().length === 0 || mention.start <= b.start;
}

export function blameCovers(b: SentenceInfo['blames'][number], mention: ActorMention, info: SentenceInfo): boolean {
  if (b.direction === 'after') {
    if (mention.start < b.end) return false;
    // only the group named right after the blame words: "suspected JNIM fighters stormed the police station"
    if (info.actors.some((o) => o !== mention && o.end > b.end && o.start < mention.start)) return false;
    const gap = clauseBetween(info, b.end, mention.start);
    return gap.length <= 40 && !/[.;]/.test(gap);
  }
  if (mention.end > b.start) return false;
  if (info.actors.some((o) => o !== mention && o.end <= b.start && o.start > mention.end)) return false;
  const gap = clauseBetween(info, mention.end, b.start);
  return gap.length <= 40 && !/[.;]/.test(gap);
}

/** Groups named as behind the frame's event in the sentences that follow it, up to the next frame. */
export function blamedAfterFrame(followers: SentenceInfo[]): RoledActor[] {
  const out: RoledActor[] = [];
  for (const info of followers)
    for (const mention of info.actors) {
      const blame = info.blames.find((b) => blameCovers(b, mention, info));
      if (blame) out.push({ mention, role: 'blamed', sentence: info, suspected: SUSPICION.test(blame.text), blame });
    }
  return out;
}
