// Markdown dumps: headings split posts, front matter fills the first post, rules separate.
import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../../../electron/core/import/split/split-text-dump.ts';

describe('splitMarkdown', () => {
  it('# and ## headings start posts; the heading text is the title', () => {
    const text = '# Otters return\n\nTracks were found.\n\n## Reed beds planted\n\nForty volunteers came.\n\n### A detail\n\nStill the reed post.';
    const { entries } = splitMarkdown(text);
    expect(entries.map((e) => [e.title, e.body])).toEqual([
      ['Otters return', 'Tracks were found.'],
      ['Reed beds planted', 'Forty volunteers came.\n\n### A detail\n\nStill the reed post.'],
    ]);
    expect(text.slice(entries[1]!.start, entries[1]!.end).startsWith('## Reed beds planted')).toBe(true);
  });

  it('text before the first heading is its own entry', () => {
    const { entries } = splitMarkdown('An introduction to the digest.\n\n# First post\n\nbody');
    expect(entries.map((e) => e.title)).toEqual(['', 'First post']);
    expect(entries[0]!.body).toBe('An introduction to the digest.');
  });

  it('front matter gives the first post its title, date and author', () => {
    const text = '---\ntitle: "Spring survey"\ndate: 2021-08-23T10:00:00Z\nauthor: Nora Fenwick\n---\n\nWe counted herons.\n';
    const { entries } = splitMarkdown(text);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ title: 'Spring survey', date: '2021-08-23', dateSource: 'front-matter', author: 'Nora Fenwick', body: 'We counted herons.', start: 0 });
  });

  it('front matter with a heading keeps the heading as the title and still dates the post', () => {
    const text = '---\ntitle: Ignored here\ndate: 23 August 2021\nauthors:\n  - Owen Tull\n---\n# The heading title\n\nbody text';
    expect(splitMarkdown(text).entries[0]).toMatchObject({ title: 'The heading title', date: '2021-08-23', author: 'Owen Tull' });
  });

  it('a date line under a heading dates the post', () => {
    const { entries } = splitMarkdown('## Weir repaired\n\n*Posted on 2021-08-23*\n\nThe weir holds again.');
    expect(entries[0]).toMatchObject({ title: 'Weir repaired', date: '2021-08-23', dateSource: 'posted-on', body: 'The weir holds again.' });
  });

  it('horizontal rules separate posts and belong to none', () => {
    const text = 'First note\n\nalpha text\n\n---\n\nSecond note\n\nbeta text\n\n***\n\nThird note\n\ngamma text';
    const { entries, separators } = splitMarkdown(text);
    expect(entries.map((e) => e.title)).toEqual(['First note', 'Second note', 'Third note']);
    expect(separators).toHaveLength(2);
  });

  it('setext headings split too, and headings inside code fences do not', () => {
    const text = 'Otters return\n=============\n\nTracks.\n\nReed beds\n---------\n\n```\n# not a heading\n```\n\nmore reed text';
    const { entries } = splitMarkdown(text);
    expect(entries.map((e) => e.title)).toEqual(['Otters return', 'Reed beds']);
    expect(entries[1]!.body).toContain('# not a heading');
  });

  it('a Markdown file without headings is one entry', () => {
    const text = 'Just some notes.\nWith two lines.\n\nAnd a paragraph.';
    expect(splitMarkdown(text).entries).toEqual([expect.objectContaining({ title: '', body: text, start: 0, end: text.length })]);
  });
});
