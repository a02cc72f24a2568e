// Names compared the way people read them: "Ségou" and "Segou", "JNIM " and "jnim" are one name.

export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/** ACLED joins several associated actors with "; ". */
export function splitActorList(list: string): string[] {
  return list.split(';').map((s) => s.trim()).filter((s) => s !== '');
}
