// The full-fidelity JSON export (docs/export-schema.json): entries with their text, sources'
// metadata and locators, highlights with codes and notes, tags, entry notes, the codebook and
// collections, all with their GUIDs, so it re-imports exactly (import-json-export.ts). Written
// as it is read: entries first, then the sources they cite, then collections.
import { citationOf } from './citation.ts';
import type { ExportJob, ExportSource, Exporter } from './export-model.ts';

export const JSON_EXPORT_FORMAT = 'quire-export';
export const JSON_EXPORT_VERSION = 1;

export const exportJson: Exporter = async (job: ExportJob) => {
  const { sink, options } = job;
  const head = {
    $schema: 'https://github.com/quire-archive/quire/blob/main/docs/export-schema.json',
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    title: options.title,
    exportedAt: options.exportedAt,
    app: { name: 'Quire', version: options.appVersion },
    offsets: 'Highlight start/end count Unicode code points of the entry text: the title, a blank line ("\\n\\n"), then the body (the body alone when the title is empty); end exclusive. Line ends are "\\n".',
    highlightsOnly: options.highlightsOnly,
    context: options.context,
    codes: job.codes.map((c) => ({
      guid: c.guid,
      parentGuid: job.codes.find((p) => p.id === c.parentId)?.guid ?? null,
      name: c.name,
      path: c.path,
      color: c.color,
      description: c.description,
      position: c.position,
    })),
  };
  const headText = JSON.stringify(head, null, 1);
  await sink.write(`${headText.slice(0, -2)},\n "entries": [`);
  const sources = new Map<number, ExportSource>();
  let first = true;
  for await (const page of job.pages()) {
    for (const e of page) {
      for (const p of e.provenance) sources.set(p.source.id, p.source);
      const entry = {
        guid: e.guid,
        title: e.title,
        body: e.body,
        date: e.date,
        dateSource: e.dateSource,
        author: e.author,
        outlet: e.outlet,
        url: e.url,
        language: e.language,
        direction: e.direction,
        createdAt: e.createdAt,
        provenance: e.provenance.map((p) => ({
          sourceGuid: p.source.guid,
          sourceSha256: p.source.sha256,
          sourceName: p.source.name,
          start: p.start,
          end: p.end,
          bodyStart: p.bodyStart,
          bodyEnd: p.bodyEnd,
          locator: p.locator,
        })),
        tags: e.tags,
        notes: e.notes,
        highlights: e.highlights.map((h) => ({
          guid: h.guid,
          start: h.start,
          end: h.end,
          exact: h.exact,
          prefix: h.prefix,
          suffix: h.suffix,
          textHash: h.textHash,
          anchor: h.anchor,
          note: h.note,
          codes: h.codes.map((c) => c.guid),
          createdAt: h.createdAt,
          updatedAt: h.updatedAt,
          citation: citationOf(e, h.start, h.end),
        })),
      };
      await sink.write(`${first ? '\n  ' : ',\n  '}${JSON.stringify(entry)}`);
      first = false;
    }
    await sink.drain();
  }
  await sink.write('\n ],\n "sources": [');
  first = true;
  for (const s of sources.values()) {
    const { id, ...rest } = s;
    void id;
    await sink.write(`${first ? '\n  ' : ',\n  '}${JSON.stringify(rest)}`);
    first = false;
  }
  await sink.write('\n ],\n "collections": [');
  first = true;
  for await (const c of job.collections()) {
    const { id, ...rest } = c.collection;
    void id;
    await sink.write(`${first ? '\n  ' : ',\n  '}${JSON.stringify({ ...rest, entries: c.entryGuids, highlights: c.highlightGuids })}`);
    first = false;
  }
  await sink.write('\n ]\n}\n');
};
