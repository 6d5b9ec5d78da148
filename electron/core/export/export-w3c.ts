// W3C Web Annotation (JSON-LD): an AnnotationCollection with one Annotation per highlight. The
// target's `source` is the entry (urn:uuid:GUID); its TextQuoteSelector and TextPositionSelector
// count code points of the entry text (title, blank line, body), as the model asks. Codes are
// bodies with purpose "tagging" (their full paths), the note one with purpose "commenting"; the
// citation (source files, SHA-256, locators) rides along under quire:citation.
import { citationOf } from './citation.ts';
import type { Exporter } from './export-model.ts';
import { withContext } from './passage-segments.ts';

export const W3C_CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { quire: 'urn:quire:export:', citation: 'quire:citation' }];

export const exportW3c: Exporter = async (job) => {
  const { sink, options } = job;
  const head = {
    '@context': W3C_CONTEXT,
    type: 'AnnotationCollection',
    label: options.title,
    generated: options.exportedAt,
    generator: { type: 'Software', name: `Quire ${options.appVersion}` },
  };
  const headText = JSON.stringify(head, null, 1);
  await sink.write(`${headText.slice(0, -2)},\n "first": {\n  "type": "AnnotationPage",\n  "items": [`);
  let total = 0;
  for await (const page of job.pages()) {
    for (const entry of page) {
      for (const h of entry.highlights) {
        // Highlights-only exports take N code points of context as prefix and suffix; otherwise the stored 32.
        const ctx = options.highlightsOnly ? withContext(entry.text, h, options.context) : { before: h.prefix, passage: h.exact, after: h.suffix };
        const body: Record<string, string>[] = h.codes.map((c) => ({ type: 'TextualBody', value: c.path, purpose: 'tagging' }));
        if (h.note) body.push({ type: 'TextualBody', value: h.note, purpose: 'commenting', format: 'text/plain' });
        const annotation = {
          id: `urn:uuid:${h.guid}`,
          type: 'Annotation',
          motivation: 'highlighting',
          created: h.createdAt,
          modified: h.updatedAt,
          ...(body.length > 0 ? { body } : {}),
          target: {
            source: `urn:uuid:${entry.guid}`,
            ...(entry.language ? { language: entry.language } : {}),
            textDirection: entry.direction,
            selector: [
              { type: 'TextQuoteSelector', exact: ctx.passage, prefix: ctx.before, suffix: ctx.after },
              { type: 'TextPositionSelector', start: h.start, end: h.end },
            ],
          },
          citation: { title: entry.title, ...citationOf(entry, h.start, h.end) },
        };
        await sink.write(`${total === 0 ? '\n   ' : ',\n   '}${JSON.stringify(annotation)}`);
        total++;
      }
    }
    await sink.drain();
  }
  await sink.write(`\n  ]\n },\n "total": ${total}\n}\n`);
};
