// Loads data/actors/*.json once and compiles them into token tries: one for named groups (shared by
// both languages, since English reports quote French names and the reverse) and, per language, the
// pieces of generic readings (modifiers, nouns, links).
import { loadDataFile, type Lang } from '../domain/index.ts';
import {
  CountriesFileSchema,
  EthnicFileSchema,
  GenericFileSchema,
  NamedFileSchema,
  type Core,
  type CountriesFile,
  type Country,
  type EthnicGroup,
  type GenericFile,
  type NamedEntry,
} from './schema.ts';
import { TokenTrie } from './trie.ts';
import type { Cue } from './types.ts';

/** Files of named entries, in priority order: when two entries share an alias the first file wins. */
const NAMED_FILES = ['international.json', 'mali.json', 'burkina-faso.json', 'niger.json'];

/** What a modifier phrase says about the noun it qualifies. */
export interface Modifier {
  cue?: Cue;
  country?: string;
  ethnicity?: string;
}

/** Ethnic nouns ("Peuls", "Tuaregs") act as a noun of their own: people, armed only if the words say so. */
export const ETHNIC_PEOPLE: Core = {
  id: 'generic.ethnic_people',
  kind: 'unidentified',
  unqualifiedKind: 'civilians',
  member: true,
  words: { en: [], fr: [] },
};

export interface CoreHit {
  core: Core;
  ethnicity: string | null;
}

export interface LangTables {
  pre: TokenTrie<Modifier>;
  post: TokenTrie<Modifier>;
  cores: TokenTrie<CoreHit>;
  links: TokenTrie<true>;
}

export interface Dictionary {
  named: TokenTrie<NamedEntry>;
  entries: Map<string, NamedEntry>;
  cores: Map<string, Core>;
  countries: Map<string, Country>;
  unitDefaults: CountriesFile['unitDefaults'];
  ethnic: Map<string, EthnicGroup>;
  generic: GenericFile;
  lang: Record<Lang, LangTables>;
}

let cached: Dictionary | undefined;

export function dictionary(): Dictionary {
  cached ??= build();
  return cached;
}

function build(): Dictionary {
  const countriesFile = loadDataFile('actors/countries.json', CountriesFileSchema);
  const generic = loadDataFile('actors/generic.json', GenericFileSchema);
  const ethnicFile = loadDataFile('actors/ethnic-groups.json', EthnicFileSchema);

  const entries = new Map<string, NamedEntry>();
  const named = new TokenTrie<NamedEntry>();
  for (const file of NAMED_FILES) {
    for (const entry of loadDataFile(`actors/${file}`, NamedFileSchema).entries) {
      if (entries.has(entry.id)) throw new Error(`actor entry ${entry.id} is defined twice (${file})`);
      entries.set(entry.id, entry);
      for (const alias of entry.aliases) named.add(alias, entry);
      for (const alias of entry.caseAliases ?? []) named.add(alias, entry, true);
    }
  }
  for (const entry of entries.values()) {
    if (entry.parent && !entries.has(entry.parent.id)) throw new Error(`actor entry ${entry.id}: unknown parent ${entry.parent.id}`);
  }

  const countries = new Map(countriesFile.countries.map((c) => [c.iso2, c]));
  const ethnic = new Map(ethnicFile.groups.map((g) => [g.id, g]));
  const cores = new Map<string, Core>([[ETHNIC_PEOPLE.id, ETHNIC_PEOPLE]]);
  for (const core of generic.cores) cores.set(core.id, core);

  const lang = {
    en: buildLang('en', generic, countriesFile.countries, ethnicFile.groups),
    fr: buildLang('fr', generic, countriesFile.countries, ethnicFile.groups),
  };
  return { named, entries, cores, countries, unitDefaults: countriesFile.unitDefaults, ethnic, generic, lang };
}

function buildLang(lang: Lang, generic: GenericFile, countries: readonly Country[], groups: readonly EthnicGroup[]): LangTables {
  const pre = new TokenTrie<Modifier>();
  const post = new TokenTrie<Modifier>();
  const cores = new TokenTrie<CoreHit>();
  const links = new TokenTrie<true>();

  for (const m of generic.modifiers) {
    for (const w of m.pre[lang]) pre.add(w, { cue: m.role });
    for (const w of m.post[lang]) post.add(w, { cue: m.role });
  }
  // Nationality: English puts the adjective or a genitive before the noun ("Malian troops", "Mali's army"),
  // French puts it after ("soldats maliens", "l'armée du Mali"); both say "<noun> of <country>".
  for (const c of countries) {
    const country = c.iso2;
    if (lang === 'en') {
      for (const a of c.adjectives.en) pre.add(a, { country });
      for (const n of c.names.en) {
        pre.add(`${n}'s`, { country });
        post.add(`of ${n}`, { country });
      }
    } else {
      for (const a of c.adjectives.fr) post.add(a, { country });
      for (const n of c.names.fr) for (const d of ['du', 'de la', "de l'", 'de', 'des']) post.add(`${d} ${n}`, { country });
    }
  }
  // Ethnic labels: before the noun in English ("Fulani herders"), after it in French ("éleveurs peuls").
  for (const g of groups) {
    for (const a of g.adjectives[lang]) (lang === 'en' ? pre : post).add(a, { ethnicity: g.id });
    for (const n of g.nouns[lang]) cores.add(n, { core: ETHNIC_PEOPLE, ethnicity: g.id });
  }
  for (const core of generic.cores) for (const w of core.words[lang]) cores.add(w, { core, ethnicity: null });
  for (const l of generic.links[lang]) links.add(l, true);
  return { pre, post, cores, links };
}
