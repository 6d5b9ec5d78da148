// .eml and mbox: one entry per message with subject, sender, date and the decoded body.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { concat, encodeSingleByte, utf8 } from '../fixtures/encode-legacy.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('e-mail import', () => {
  it('reads an .eml: RFC 2047 subject, multipart/alternative preferring text/plain, quoted-printable', async () => {
    const eml = [
      'From: =?UTF-8?B?' + b64('سارا کریمی') + '?= <sara@council.example>',
      'To: newsletter@council.example',
      'Subject: =?UTF-8?Q?Gu=C3=ADa_del_mercado?= =?UTF-8?Q?_de_invierno?=',
      'Date: Tue, 23 Aug 2021 09:15:00 +0430',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'El mercado de invierno abre el s=C3=A1bado en la plaza mayor, con puestos =',
      'de artesan=C3=ADa.',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>HTML version that should not be chosen</p>',
      '--b1--',
      '',
    ].join('\r\n');
    const doc = await parseDocument('market.eml', utf8(eml));
    expect(doc.format).toBe('eml');
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]).toMatchObject({
      title: 'Guía del mercado de invierno',
      author: 'سارا کریمی',
      date: '2021-08-23',
      dateSource: 'header',
      body: 'El mercado de invierno abre el sábado en la plaza mayor, con puestos de artesanía.',
    });
    expect(doc.text).not.toContain('should not be chosen');
  });

  it('honours the charset parameter and base64, and turns an HTML-only body into text', async () => {
    const arabic = 'اجتمع مجلس المدينة لمناقشة ميزانية المكتبة.';
    const body1256 = Buffer.from(encodeSingleByte(arabic, 'windows-1256')).toString('base64');
    const eml = concat(
      utf8('From: "Omar Haddad" <omar@council.example>\r\nSubject: =?windows-1256?B?' + Buffer.from(encodeSingleByte('نشرة', 'windows-1256')).toString('base64') + '?=\r\nDate: 4 Mar 2022 12:00:00 +0000\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n'),
      utf8(`--outer\r\nContent-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: base64\r\n\r\n${body1256}\r\n`),
      utf8('--outer\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--outer--\r\n'),
    );
    const doc = await parseDocument('arabic.eml', eml);
    expect(doc.entries[0]).toMatchObject({ title: 'نشرة', author: 'Omar Haddad', date: '2022-03-04', body: arabic });
    expect(doc.encoding).toBe('windows-1256');
    const html = await parseDocument('h.eml', utf8('From: a@b.example\r\nSubject: Notice\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Water off on <b>Monday</b>.</p><script>x()</script></body></html>'));
    expect(html.entries[0]!.body).toBe('Water off on Monday.');
  });

  it('splits an mbox on its From lines and undoes >From escaping', async () => {
    const mbox = [
      'From sara@council.example Mon Aug 23 09:00:00 2021',
      'From: Sara Karimi <sara@council.example>',
      'Subject: Bridge closed',
      'Date: Mon, 23 Aug 2021 09:00:00 +0000',
      '',
      'The old bridge is closed this week.',
      '>From the mayor: sorry for the trouble.',
      '',
      'From lena@council.example Tue Aug 24 10:00:00 2021',
      'From: lena@council.example',
      'Subject: =?UTF-8?B?' + b64('Bücherei geöffnet') + '?=',
      'Date: Tue, 24 Aug 2021 10:00:00 +0200',
      '',
      'Die Bücherei ist wieder geöffnet.',
      '',
    ].join('\n');
    const doc = await parseDocument('council.mbox', utf8(mbox));
    expect(doc.format).toBe('mbox');
    expect(doc.entries.map((e) => [e.title, e.author, e.date])).toEqual([
      ['Bridge closed', 'Sara Karimi', '2021-08-23'],
      ['Bücherei geöffnet', 'lena@council.example', '2021-08-24'],
    ]);
    expect(doc.entries[0]!.body).toBe('The old bridge is closed this week.\nFrom the mayor: sorry for the trouble.');
    for (const e of doc.entries) expect(doc.text.slice(e.start, e.end)).toContain(e.body);
  });
});
