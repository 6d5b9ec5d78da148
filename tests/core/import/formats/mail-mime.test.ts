// Real mail shapes the MIME parser must read: format=flowed, quoted boundaries holding ";",
// RFC 2231 file names, alternatives nested in mixed parts, quoted-printable soft breaks,
// encoded words in a legacy charset, and an mbox of such messages with exact byte ranges.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import type { ParsedDocument } from '../../../../electron/core/import/types.ts';
import { concat, encodeSingleByte, utf8 } from '../fixtures/encode-legacy.ts';

const crlf = (lines: string[]) => lines.join('\r\n');

/** The text of the file an entry shows as its message: subject, sender, date, attachments, body. */
const shown = (doc: ParsedDocument, i: number) => doc.text.slice(doc.entries[i]!.start, doc.entries[i]!.end);

const flowed = crlf([
  'From: Nadia Osei <nadia@harbour.example>',
  'Subject: Ferry timetable',
  'Date: Thu, 14 Mar 2024 18:05:00 +0000',
  'Message-ID: <ferry-1@harbour.example>',
  'Content-Type: text/plain; charset=utf-8; format=flowed',
  '',
  'The harbour committee met on Thursday to discuss the new ',
  'ferry timetable for the spring. ',
  ' From Monday the first boat leaves at six.',
  '',
  'Tickets stay at the old price.',
  '',
]);

const delSp = crlf([
  'From: "Jonas Brenner" <jonas@bibliothek.example>',
  'Subject: Bibliothek geschlossen',
  'Date: Fri, 15 Mar 2024 08:00:00 +0100',
  'Content-Type: text/plain; charset="utf-8"; format="flowed"; delsp="yes"',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Die Stadtbibliothek bleibt wegen Renovier ',
  'ungsarbeiten bis Ende Mai geschlossen. Die Rückgabe ',
  'box ist geöffnet.',
  '',
]);

// The boundary holds ";" and "=" inside its quotes; RFC 2231 names are split over continuations.
const budgetName = 'Haushaltsplan für das Jahr 2024.pdf';
const reportName = 'گزارش شورا.txt';
const rfc2231 = crlf([
  'From: Lena Vogt <lena@rat.example>',
  'Subject: Haushaltsplan',
  'Date: Sun, 31 Mar 2024 23:30:00 -0500',
  'Message-ID: <budget-7@rat.example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="=_part;7;x=y"; charset=us-ascii',
  '',
  'This is a multi-part message in MIME format.',
  '--=_part;7;x=y',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Anbei der Haushaltsplan und der Bericht des Rates.',
  '--=_part;7;x=y',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment;',
  ` filename*0*=utf-8''${encodeURIComponent('Haushaltsplan für ')};`,
  ` filename*1*=${encodeURIComponent('das Jahr 2024.pdf')}`,
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--=_part;7;x=y',
  `Content-Type: text/plain; name*=utf-8''${encodeURIComponent(reportName)}`,
  `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(reportName)}`,
  '',
  'This attached text is not the message body.',
  '--=_part;7;x=y--',
  '',
]);

const nested = crlf([
  'From: Amara Diallo <amara@market.example>',
  'Subject: Market stalls',
  'Date: Tue, 2 Apr 2024 10:00:00 +0000',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/alternative; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Caf=C3=A9 stalls open at the north gate, selling cr=C3=AApes and past=',
  'ries until midnight =E2=80=94 entr=C3=A9e libre.',
  '--inner',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>HTML twin of the <b>plain</b> part, not to be chosen</p>',
  '--inner--',
  '',
  '--outer',
  'Content-Type: image/png; name="stall-map.png"',
  'Content-Disposition: attachment; filename="stall-map.png"',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgo=',
  '--outer--',
  '',
]);

const htmlOnly = crlf([
  'From: Amara Diallo <amara@market.example>',
  'Subject: Stall fees',
  'Date: Wed, 3 Apr 2024 10:00:00 +0000',
  'Content-Type: multipart/mixed; boundary="m"',
  '',
  '--m',
  'Content-Type: multipart/alternative; boundary="a"',
  '',
  '--a',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><p>Fees are due on <b>Friday</b>.</p><p>Pay at the office.</p><script>track()</script></body></html>',
  '--a--',
  '--m--',
  '',
]);

// The subject and sender in ISO-8859-2 encoded words, Q and B; two words are one text.
const latin2 = (s: string) => Buffer.from(encodeSingleByte(s, 'iso-8859-2'));
const qWord = (s: string) => `=?ISO-8859-2?Q?${[...latin2(s)].map((b) => (b === 0x20 ? '_' : b > 0x7e || b === 0x3d || b === 0x3f || b === 0x5f ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('')}?=`;
const latin2Mail = crlf([
  `From: =?iso-8859-2?B?${latin2('Łukasz Wróbel').toString('base64')}?= <lukasz@gmina.example>`,
  `Subject: ${qWord('Zápis ze schůze ')}`,
  ` ${qWord('rady gminy')}`,
  'Date: Mon, 8 Apr 2024 16:45:00 +0200',
  'Content-Type: text/plain; charset=iso-8859-2',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Rada gminy przyj=EA=B3a bud=BFet.',
  '',
]);

describe('mail MIME shapes', () => {
  it('joins format=flowed lines: soft breaks after a trailing space, space-stuffing undone', async () => {
    const doc = await parseDocument('ferry.eml', utf8(flowed));
    expect(doc.entries[0]).toMatchObject({ title: 'Ferry timetable', author: 'Nadia Osei', date: '2024-03-14' });
    expect(doc.entries[0]!.body).toBe('The harbour committee met on Thursday to discuss the new ferry timetable for the spring. From Monday the first boat leaves at six.\n\nTickets stay at the old price.');
  });

  it('with DelSp=yes drops the space before each soft break, joining a word split across lines', async () => {
    const doc = await parseDocument('bibliothek.eml', utf8(delSp));
    expect(doc.entries[0]).toMatchObject({ title: 'Bibliothek geschlossen', author: 'Jonas Brenner', date: '2024-03-15' });
    expect(doc.entries[0]!.body).toBe('Die Stadtbibliothek bleibt wegen Renovierungsarbeiten bis Ende Mai geschlossen. Die Rückgabebox ist geöffnet.');
  });

  it('splits on a quoted boundary holding ";" and names RFC 2231 attachments (continuations, UTF-8), not reading them', async () => {
    const doc = await parseDocument('budget.eml', utf8(rfc2231));
    // The sender wrote 31 March in their own time zone (1 April in UTC): the date is theirs.
    expect(doc.entries[0]).toMatchObject({ title: 'Haushaltsplan', author: 'Lena Vogt', date: '2024-03-31' });
    expect(doc.entries[0]!.body).toBe('Anbei der Haushaltsplan und der Bericht des Rates.');
    expect(shown(doc, 0)).toContain(`Attachments: ${budgetName}, ${reportName}`);
    expect(doc.text).not.toContain('not the message body');
    expect(doc.warnings.join('\n')).toMatch(/2 attachments in 1 message are named .* not imported/u);
  });

  it('reads the text/plain of an alternative nested in a mixed part, quoted-printable soft breaks and UTF-8 =XX undone', async () => {
    const doc = await parseDocument('stalls.eml', utf8(nested));
    expect(doc.entries[0]).toMatchObject({ title: 'Market stalls', author: 'Amara Diallo', date: '2024-04-02' });
    expect(doc.entries[0]!.body).toBe('Café stalls open at the north gate, selling crêpes and pastries until midnight — entrée libre.');
    expect(doc.text).not.toContain('not to be chosen');
    expect(shown(doc, 0)).toContain('Attachments: stall-map.png');
    expect(doc.encoding).toBe('utf-8');
  });

  it('turns the HTML of an alternative without text/plain into paragraphs of text', async () => {
    const doc = await parseDocument('fees.eml', utf8(htmlOnly));
    expect(doc.entries[0]!.body).toBe('Fees are due on Friday.\n\nPay at the office.');
  });

  it('decodes ISO-8859-2 encoded words in the subject and sender, and an ISO-8859-2 body', async () => {
    const doc = await parseDocument('gmina.eml', utf8(latin2Mail));
    expect(doc.entries[0]).toMatchObject({ title: 'Zápis ze schůze rady gminy', author: 'Łukasz Wróbel', date: '2024-04-08', body: 'Rada gminy przyjęła budżet.' });
    expect(doc.encoding).toBe('iso-8859-2');
  });

  it('names a forwarded message and an unnamed attachment, reading neither as the body', async () => {
    const eml = crlf([
      'From: Amara Diallo <amara@market.example>',
      'Subject: Fwd: stall rules',
      'Content-Type: multipart/mixed; boundary="f"',
      '',
      '--f',
      'Content-Type: text/plain',
      '',
      'See the rules below.',
      '--f',
      'Content-Type: message/rfc822',
      '',
      'From: Office <office@market.example>',
      'Subject: Stall rules',
      '',
      'Stalls close at ten.',
      '--f',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment',
      '',
      'xyz',
      '--f--',
      '',
    ]);
    const doc = await parseDocument('fwd.eml', utf8(eml));
    expect(doc.entries[0]!.body).toBe('See the rules below.');
    expect(shown(doc, 0)).toContain('Attachments: a forwarded message, unnamed application/octet-stream');
  });

  it('reads raw 8-bit header bytes an old mailer wrote in its own code page', async () => {
    const eml = concat(encodeSingleByte('From: José Martínez <jose@mercado.example>\nSubject: Café y panadería abiertos en la plaza\nDate: Mon, 1 Apr 2024 10:00:00 +0000\n\n', 'windows-1252'), utf8('La plaza abre el lunes.\n'));
    const doc = await parseDocument('plaza.eml', eml);
    expect(doc.entries[0]).toMatchObject({ title: 'Café y panadería abiertos en la plaza', author: 'José Martínez', body: 'La plaza abre el lunes.' });
  });

  it('splits an mbox of three such messages, each located by its exact byte range', async () => {
    const blocks = [
      `From nadia@harbour.example Thu Mar 14 18:05:00 2024\n${flowed.replace(/\r\n/gu, '\n').trimEnd()}\n`,
      `From lena@rat.example Sun Mar 31 23:30:00 2024\n${rfc2231.replace(/\r\n/gu, '\n').trimEnd()}\n`,
      `From amara@market.example Tue Apr  2 10:00:00 2024\n${nested.replace(/\r\n/gu, '\n').trimEnd()}\n`,
    ];
    // Multi-byte UTF-8 bodies between the messages, so byte offsets and char offsets differ.
    const file = utf8(blocks.join('\n'));
    const doc = await parseDocument('council.mbox', file);
    expect(doc.format).toBe('mbox');
    expect(doc.entries.map((e) => [e.title, e.author, e.date])).toEqual([
      ['Ferry timetable', 'Nadia Osei', '2024-03-14'],
      ['Haushaltsplan', 'Lena Vogt', '2024-03-31'],
      ['Market stalls', 'Amara Diallo', '2024-04-02'],
    ]);
    expect(doc.entries[0]!.body).toContain('new ferry timetable for the spring. From Monday');
    expect(doc.entries[1]!.body).toBe('Anbei der Haushaltsplan und der Bericht des Rates.');
    expect(doc.entries[2]!.body).toContain('crêpes and pastries until midnight — entrée');
    expect(shown(doc, 1)).toContain(`Attachments: ${budgetName}, ${reportName}`);
    let offset = 0;
    doc.entries.forEach((e, i) => {
      const block = utf8(blocks[i]!);
      expect(e.locator).toMatchObject({ kind: 'mail', index: i + 1, byteStart: offset, byteEnd: offset + block.length });
      expect(Buffer.from(file.subarray(offset, offset + block.length)).equals(Buffer.from(block))).toBe(true);
      offset += block.length + 1;
    });
    expect(doc.entries[1]!.locator).toMatchObject({ messageId: '<budget-7@rat.example>' });
  });

  it('refuses the whole mbox, naming the message, when one message cannot be read as MIME', async () => {
    const deep = Array.from({ length: 300 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}`).join('\n');
    const mbox = concat(
      utf8('From a@example.org Mon Apr  1 00:00:00 2024\nFrom: A <a@example.org>\nSubject: Fine\n\nA readable message.\n\n'),
      utf8(`From b@example.org Mon Apr  1 00:00:00 2024\nFrom: B <b@example.org>\nSubject: Nested too deep\n${deep}\nText.\n`),
    );
    await expect(parseDocument('deep.mbox', mbox)).rejects.toThrow(/Message 2 is not a MIME message Quire can read .*nothing from this file was imported/u);
  });
});
