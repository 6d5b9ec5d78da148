// Spelling variants with precision: a labelled list of word pairs that should and should not be
// taken for one romanised name, scored for precision and recall, and the search a user runs with
// the "spelling variants" toggle on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { spellingVariants } from '../../../electron/core/search/transliteration.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, seedEntries, titles } from './helpers/seed-entries.ts';

/** [a, b, same name?, what the pair tests] */
const PAIRS: [string, string, boolean, string][] = [
  // vowels
  ['massoud', 'masoud', true, 'vowels: ou / o'],
  ['massoud', 'masud', true, 'vowels: ou / u, doubled s'],
  ['hossein', 'husain', true, 'vowels: o / u, ei / ai'],
  ['hossein', 'hussein', true, 'vowels: o / u'],
  ['hosein', 'husayn', true, 'ei / ay'],
  ['mohammad', 'muhammed', true, 'o / u, a / e'],
  ['mahdi', 'mehdi', true, 'a / e'],
  ['mohsen', 'mohsin', true, 'e / i'],
  ['ebrahim', 'ibrahim', true, 'initial e / i'],
  ['mousavi', 'musavi', true, 'ou / u'],
  ['mousavi', 'moosavi', true, 'ou / oo'],
  ['rouhani', 'rowhani', true, 'ou / ow'],
  ['rouhani', 'rohani', true, 'ou / o'],
  ['hayder', 'haider', true, 'ay / ai'],
  ['rashid', 'rasheed', true, 'i / ee'],
  ['mostafa', 'mustafa', true, 'o / u'],
  ['ahmad', 'ahmed', true, 'a / e'],
  ['kazem', 'kazim', true, 'e / i'],
  ['shirazi', 'shirazy', true, 'final i / y'],
  // kh / q / gh / g
  ['qasem', 'ghasem', true, 'q / gh'],
  ['qasem', 'ghassem', true, 'q / gh, doubled s'],
  ['tavagi', 'tavaghi', true, 'g / gh'],
  ['baqeri', 'bagheri', true, 'q / gh'],
  ['taghi', 'taqi', true, 'gh / q'],
  ['qazvin', 'ghazvin', true, 'q / gh'],
  ['sadegh', 'sadeq', true, 'final gh / q'],
  ['golam', 'gholam', true, 'g / gh'],
  ['jafari', 'djafari', true, 'j / dj'],
  ['javad', 'jawad', true, 'v / w'],
  // final -h
  ['khodabande', 'khodabandeh', true, 'final -h'],
  ['fatemeh', 'fateme', true, 'final -h'],
  ['zahra', 'zahrah', true, 'final -h'],
  // doubled letters and hyphens
  ['hassan', 'hasan', true, 'doubled s'],
  ['mohammad', 'mohamad', true, 'doubled m'],
  ['abdol-hossein', 'abdolhossein', true, 'hyphen'],
  ['ali-reza', 'alireza', true, 'hyphen'],
  ['teheran', 'tehran', true, 'a dropped vowel (not covered: a gap must be filled in both or neither)'],
  // should not match: English words, other names, name and surname
  ['massoud', 'missed', false, 'English word with other vowels'],
  ['massoud', 'messed', false, 'English word with other vowels'],
  ['massoud', 'masad', false, 'other vowels'],
  ['rajavi', 'rajiv', false, 'another name, a vowel fewer'],
  ['hassan', 'hussein', false, 'another name on the same consonants'],
  ['hamid', 'humid', false, 'English word'],
  ['mohsen', 'mission', false, 'English word on the same consonants'],
  ['amir', 'amar', false, 'other vowels'],
  ['bahram', 'bahrain', false, 'another consonant'],
  ['tabriz', 'tabrizi', false, 'a place and a surname'],
  ['ahmad', 'ahmadi', false, 'a name and a surname'],
  ['karim', 'kerman', false, 'other consonants'],
  ['rostam', 'rustem', true, 'o / u, a / e'],
  ['sadeq', 'sadek', false, 'q / k kept apart'],
  ['nasser', 'nasir', false, 'two names (a known false match: e / i)'],
  ['amin', 'amen', false, 'English word (a known false match: e / i)'],
  ['kamal', 'camel', false, 'English word (a known false match: c / k, a / e)'],
];

describe('spelling variants: precision and recall on a labelled list', () => {
  it('keeps precision and recall at 0.9 or above, with none of the false matches users reported', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const [a, b, same, why] of PAIRS) {
      const got = spellingVariants(a, b);
      expect(spellingVariants(b, a), `${a} / ${b} both ways`).toBe(got);
      if (got && same) tp++;
      else if (got && !same) fp++;
      else if (!got && same) fn++;
      if (got !== same) wrong.push(`${a} / ${b}: ${why}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    // The misses, reported with the scores: the rules' known limits.
    expect({ precision: Number(precision.toFixed(3)), recall: Number(recall.toFixed(3)), wrong }).toEqual({
      precision: 0.925,
      recall: 0.974,
      wrong: [
        'teheran / tehran: a dropped vowel (not covered: a gap must be filled in both or neither)',
        'nasser / nasir: two names (a known false match: e / i)',
        'amin / amen: English word (a known false match: e / i)',
        'kamal / camel: English word (a known false match: c / k, a / e)',
      ],
    });
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('spelling variants in a search', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'variants');
    seedEntries(archive, [
      { title: 'Profile', body: 'Massoud spoke at the gathering.' },
      { title: 'Spelled with one s', body: 'Masoud arrived later that day.' },
      { title: 'Missed', body: 'They missed the train.' },
      { title: 'Messed', body: 'Somebody messed up the files.' },
      { title: 'Masad', body: 'The masad was a rope of palm fibre.' },
      { title: 'Rajavi', body: 'A statement signed by Rajavi.' },
      { title: 'Rajiv', body: 'Rajiv wrote back at once.' },
      { title: 'Khodabandeh', body: 'Letters from Khodabandeh.' },
      { title: 'Tavaghi', body: 'A report by Tavaghi.' },
    ]);
  });
  afterAll(() => archive.close());

  it('finds the name in its spellings and not the English words that share its consonants', () => {
    const result = search(archive, 'massoud', { transliteration: true });
    expect(titles(result)).toEqual(['Profile', 'Spelled with one s']);
    expect(result.explanation).toMatch(/also spelled "masoud"/);
    expect(titles(search(archive, 'rajavi', { transliteration: true }))).toEqual(['Rajavi']);
    expect(titles(search(archive, 'khodabande', { transliteration: true }))).toEqual(['Khodabandeh']);
    expect(titles(search(archive, 'tavagi', { transliteration: true }))).toEqual(['Tavaghi']);
    // Off, only the spelling typed.
    expect(titles(search(archive, 'tavagi'))).toEqual([]);
  });
});
