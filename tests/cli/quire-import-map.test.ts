// `quire import --map`: the user names the source field of each entry field, and the report says
// which field became which (in the --map syntax, so it can be edited and given back).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const BIN = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs'); // QUIRE_CLI: another build to try

function quire(args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

// Invented records in a localised shape: Persian and English titles, the text as paragraphs.
const RECORDS = {
  r1: { title_fa: 'پل چوبی روستای سرخه تعمیر شد', title_en: 'Sorkheh footbridge repaired', headline: 'Footbridge back in use', summary: ['پل چوبی روستا پس از سیل بهار تعمیر شد.', 'اهالی از روز شنبه از آن می‌گذرند.'], date_raw: '2021-04-10', published: '2021-04-12' },
  r2: { title_fa: 'بازار هفتگی به میدان برگشت', headline: 'Weekly market returns', summary: ['بازار هفتگی پس از دو ماه دوباره در میدان برپا شد.'], date_raw: '2021-04-17' },
  r3: { title_fa: 'کلاس‌های شبانه‌ی کتابخانه', summary: ['کتابخانه‌ی شهر کلاس‌های شبانه‌ی خواندن را آغاز کرد.'], date_raw: '2021-04-20', published: '2021-04-21' },
};

describe('quire import --map', () => {
  const dir = tempDir();
  const file = path.join(dir, 'villages.json');
  fs.writeFileSync(file, JSON.stringify(RECORDS, null, 2));

  it('prints the mapping it chose for a JSON file', () => {
    const r = quire(['import', file, '--archive', path.join(dir, 'auto.quire')]);
    expect(r.code).toBe(0);
    // `published` is read before `date_raw` where a record has both.
    expect(r.stdout).toContain('fields: title=title_fa,body=summary,date=published');
    expect(r.stdout).toContain('note: The date came from "published" in 2, "date_raw" in 1 of 3 records.');
    const json = JSON.parse(quire(['search', 'سیل', '--archive', path.join(dir, 'auto.quire'), '--json']).stdout);
    expect(json.hits[0]).toMatchObject({ title: 'پل چوبی روستای سرخه تعمیر شد', date: '2021-04-12' });
  });

  it('reads the fields named, and says how many records lacked one', () => {
    const archive = path.join(dir, 'mapped.quire');
    const r = quire(['import', file, '--archive', archive, '--map', 'title=headline,date=published', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files[0]).toMatchObject({ status: 'imported', entries: 3, fieldMap: { title: 'headline', body: 'summary', date: 'published' } });
    expect(report.files[0].warnings).toEqual(['1 of 3 records had no "headline" field, so their title was left empty.', '1 of 3 records had no "published" field, so their date was left empty.']);
    const hit = JSON.parse(quire(['search', 'سیل', '--archive', archive, '--json']).stdout).hits[0];
    expect(hit).toMatchObject({ title: 'Footbridge back in use', date: '2021-04-12' });
    const text = quire(['import', file, '--archive', path.join(dir, 'mapped-text.quire'), '--map', 'title=headline']);
    expect(text.stdout).toContain('fields: title=headline,body=summary,date=published');
    expect(text.stdout).toContain('note: 1 of 3 records had no "headline" field, so their title was left empty.');
  });

  it('says a file already in the archive was not mapped again', () => {
    const r = quire(['import', file, '--archive', path.join(dir, 'auto.quire'), '--map', 'title=title_en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('duplicate');
    expect(r.stderr).toContain('already in the archive, so --map did not apply');
  });

  it('refuses an unknown field or a malformed --map with one plain line', () => {
    for (const [map, message] of [
      ['headline=title', '"headline" is not a field Quire fills; use title, body, date, author, outlet, url'],
      ['title', '"title" is not FIELD=SOURCE'],
      ['title=a,title=b', 'title is mapped twice'],
    ] as const) {
      const r = quire(['import', file, '--archive', path.join(dir, 'refused.quire'), '--map', map]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    }
    expect(fs.existsSync(path.join(dir, 'refused.quire'))).toBe(false);
  });
});
