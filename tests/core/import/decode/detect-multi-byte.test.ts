// Legacy CJK files (Shift_JIS, EUC-JP, GBK, GB18030, Big5, EUC-KR) come in as their text, with the
// encoding and a confidence in the report, while single-byte code pages are read as before: a
// short Latin, Cyrillic or Thai text whose bytes happen to decode cleanly as Shift_JIS or GBK
// is not taken for CJK.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport } from '../../../../shared/contract.ts';
import { Archive } from '../../../../electron/core/archive.ts';
import { decodeText } from '../../../../electron/core/import/decode/decode-text.ts';
import { readsAsScript } from '../../../../electron/core/import/decode/detect-multi-byte.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { encodeSingleByte } from '../fixtures/encode-legacy.ts';
import { storedText } from '../../../helpers/source-content.ts';

const JAPANESE = [
  '町の図書館は来月から開館時間を延ばすことにした。平日は夜八時まで、土曜日は夕方六時まで利用できる。',
  '館長の話によると、仕事帰りに本を借りたいという声が多く寄せられていたという。新しい予約の仕組みも試しに導入される。',
  '一方で、古い資料の修復作業は人手が足りず、しばらく遅れる見込みだ。ボランティアの募集は広報誌で案内される。',
].join('\n\n');
const CHINESE_SIMPLIFIED = [
  '市图书馆决定从下个月起延长开放时间。工作日晚上开到八点，星期六开到下午六点。',
  '馆长说，很多读者希望下班以后还能借书，所以他们调整了值班安排。新的网上预约办法也会先试行三个月。',
  '不过，旧报纸和地方志的修复工作缺少人手，进度可能会推迟。志愿者招募的消息将在社区公告栏发布。',
].join('\n\n');
// 䶮 (CJK Extension A) and 𠮷 (Extension B) are not in GBK: GB18030 writes them in four bytes.
const CHINESE_GB18030 = `${CHINESE_SIMPLIFIED}\n\n展览介绍了南汉开国皇帝刘䶮的故事，说明牌上还有一个少见的𠮷字。`;
const CHINESE_TRADITIONAL = [
  '市立圖書館決定從下個月起延長開放時間。平日晚上開到八點，星期六開到下午六點。',
  '館長表示，許多讀者希望下班以後還能借書，因此他們調整了值班安排。新的網路預約辦法也會先試行三個月。',
  '不過，舊報紙與地方志的修復工作缺少人手，進度可能會延後。志工招募的消息將在社區公告欄發布。',
].join('\n\n');
const KOREAN = [
  '시립 도서관은 다음 달부터 개관 시간을 늘리기로 했다. 평일에는 저녁 여덟 시까지, 토요일에는 오후 여섯 시까지 문을 연다.',
  '관장은 퇴근 후에도 책을 빌리고 싶다는 요청이 많았다고 말했다. 새로운 온라인 예약 제도도 석 달 동안 시범 운영된다.',
  '다만 오래된 신문과 지역 자료를 복원하는 일은 일손이 부족해 늦어질 수 있다. 자원봉사자 모집 공고는 주민 소식지에 실린다.',
].join('\n\n');

const encode = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

const CASES: [string, string, string][] = [
  ['Japanese', JAPANESE, 'shift_jis'],
  ['Japanese', JAPANESE, 'euc-jp'],
  ['simplified Chinese', CHINESE_SIMPLIFIED, 'gbk'],
  ['simplified Chinese', CHINESE_GB18030, 'gb18030'],
  ['traditional Chinese', CHINESE_TRADITIONAL, 'big5'],
  ['Korean', KOREAN, 'euc-kr'],
];

describe('legacy multi-byte encodings', () => {
  for (const [language, text, encoding] of CASES) {
    it(`reads ${language} in ${encoding}`, () => {
      const decoded = decodeText(encode(text, encoding));
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.text).toBe(text);
      // Sure, but below 1: a charset the file declares (HTML meta, XML prolog) still outranks it.
      expect(decoded.confidence).toBeGreaterThanOrEqual(0.7);
      expect(decoded.confidence).toBeLessThan(1);
    });
  }

  it('reads one sentence, with CRLF line ends, as well as a few paragraphs', () => {
    const line = '来週の月曜日は館内の点検のため休館します。\r\n';
    const decoded = decodeText(encode(line, 'shift_jis'));
    expect(decoded).toMatchObject({ encoding: 'shift_jis', text: '来週の月曜日は館内の点検のため休館します。\n' });
  });

  it('finds a little Big5 text inside a page of ASCII markup', () => {
    const page = [
      '<!DOCTYPE html><html><head><title>公告</title>',
      '<link rel="stylesheet" href="/assets/site.css"><script src="/assets/menu.js"></script></head><body>',
      `<nav>${'<a href="/section/item">Item</a> '.repeat(60)}</nav>`,
      '<article><h1>圖書館公告</h1><p>本館於下週一進行設備檢查，當天暫停開放。</p></article>',
      '</body></html>',
    ].join('\n');
    const decoded = decodeText(encode(page, 'big5'));
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toContain('本館於下週一進行設備檢查，當天暫停開放。');
  });

  it('keeps short single-byte texts single-byte even where their bytes decode cleanly as CJK', () => {
    const cases: [string, string][] = [
      // Each decodes without a replacement character as Shift_JIS, GBK, Big5 and EUC-KR.
      ['Größe', 'windows-1252'],
      ['Die Größe der Straße', 'windows-1252'],
      ['Café déjà vu: crème brûlée à 5 €.', 'windows-1252'],
      // KOI8-R Cyrillic and windows-874 Thai read as Shift_JIS half-width katakana.
      ['Вестник городского совета: во вторник совет обсудил бюджет на ремонт моста и библиотеки.', 'koi8-r'],
      ['ข่าวสภาเมือง วันอังคารสภาได้หารืองบประมาณซ่อมสะพาน', 'windows-874'],
    ];
    for (const [text, encoding] of cases) {
      const decoded = decodeText(encodeSingleByte(text, encoding));
      expect({ text: decoded.text, encoding: decoded.encoding }).toEqual({ text, encoding });
    }
  });

  it('leaves a one-word scrap that jschardet weakly takes for GBK to the single-byte scorer', () => {
    // jschardet ranks GBK first for this Thai word in windows-874 (是咽凑, at 0.13), below the
    // threshold. (The single-byte scorer has too little to go on to name windows-874 itself.)
    const decoded = decodeText(encodeSingleByte('สวัสดี', 'windows-874'));
    expect(['shift_jis', 'euc-jp', 'gbk', 'gb18030', 'big5', 'euc-kr']).not.toContain(decoded.encoding);
    expect(decoded.text).not.toBe('是咽凑');
  });

  it('takes a text for CJK only when it reads as that script', () => {
    const russianAsShiftJis = new TextDecoder('shift_jis').decode(encodeSingleByte('Вестник городского совета', 'koi8-r'));
    expect(russianAsShiftJis).not.toContain('\uFFFD');
    expect(readsAsScript(russianAsShiftJis, 'ja')).toBe(false);
    expect(readsAsScript(JAPANESE, 'ja')).toBe(true);
    expect(readsAsScript(KOREAN, 'ko')).toBe(true);
    expect(readsAsScript(KOREAN, 'zh')).toBe(false);
  });
});

describe('legacy multi-byte files through the import pipeline', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'cjk.quire'));
  afterAll(() => archive.close());

  const source = (name: string) => ({
    ...(archive.db.prepare('SELECT encoding, encoding_confidence AS confidence FROM sources WHERE name = ?').get(name) as { encoding: string; confidence: number }),
    text: storedText(archive.db, name),
  });

  for (const [language, text, encoding] of CASES) {
    it(`imports ${language} in ${encoding} as its text, reporting the encoding and its confidence`, async () => {
      const name = `notice-${encoding}.txt`;
      const file = path.join(dir, name);
      fs.writeFileSync(file, encode(text, encoding));
      const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
      expect(report.files[0]).toMatchObject({ status: 'imported', encoding });
      const row = source(name);
      expect(row.text).toBe(text);
      expect(row).toMatchObject({ encoding });
      expect(row.confidence).toBeGreaterThanOrEqual(0.7);
      const id = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ? ORDER BY start LIMIT 1').get(report.files[0]!.sourceId) as { id: number }).id;
      const entry = (await archive.call('getEntry', { id })) as EntryDetail;
      expect(entry.body.length).toBeGreaterThan(20);
      expect(text).toContain(entry.body.slice(0, 20));
    });
  }

  it('follows the charset a page declares over the detected one', async () => {
    const name = 'notice-declared.html';
    const file = path.join(dir, name);
    const page = `<html><head><meta charset="gb18030"><title>通知</title></head><body><p>${CHINESE_SIMPLIFIED.replace(/\n\n/gu, '</p><p>')}</p></body></html>`;
    fs.writeFileSync(file, encode(page, 'gbk'));
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    // The bytes alone say GBK; the page says GB18030, which reads them the same, and wins.
    expect(report.files[0]).toMatchObject({ status: 'imported', encoding: 'gb18030' });
    expect(source(name).text).toContain('馆长说，很多读者希望下班以后还能借书');
  });
});
