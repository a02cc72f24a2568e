// Is whoever gave a death toll a party to the conflict (data/dedup/parties.yaml)? Armies and armed groups
// count their enemies up and their own losses down; the codebook codes their figure only when no
// independent one exists.
import { z } from 'zod';
import type { Claim } from '../domain/schemas.ts';
import { loadDataFile } from '../domain/data-file.ts';
import { foldName } from './names.ts';

export const PartiesFileSchema = z.record(z.string(), z.array(z.string().min(1)).min(1));
export type PartiesFile = z.infer<typeof PartiesFileSchema>;

export type PartyTest = (claim: Pick<Claim, 'claimant' | 'channel'>) => boolean;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function partyTest(file: PartiesFile): PartyTest {
  const phrases = Object.values(file).flat().map(foldName).sort((x, y) => y.length - x.length);
  // whole words only: "fds" must not fire inside another word, "police" must not in "policy"
  const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${phrases.map(escapeRegex).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'u');
  return (claim) => pattern.test(foldName(claim.claimant)) || pattern.test(foldName(claim.channel ?? ''));
}

let shipped: PartyTest | undefined;

export function shippedPartyTest(): PartyTest {
  shipped ??= partyTest(loadDataFile('dedup/parties.yaml', PartiesFileSchema));
  return shipped;
}
