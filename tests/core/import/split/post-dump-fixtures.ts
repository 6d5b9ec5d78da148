// Invented dumps in two shapes scrapers and digest tools write: a Markdown export of social
// accounts, and a labelled press digest. Names, places and text are made up.

/**
 * `## @account` sections, posts separated by `---` written right under the closing
 * `[Source](url)` (no blank line, as export scripts do), dates as `*yyyy-mm-dd hh:mm*` or `Date:`.
 */
export const SOCIAL_MARKDOWN = `# Channel export

## @harbour_watch
Fog over the north pier again this morning. The 7:40 ferry is waiting for it to lift.
[Source](https://example.org/harbour_watch/101)
---
*2021-04-03 14:22*
The old signal house on Quay Row has new shutters, painted the same green as before.

Volunteers finished the last one at noon.
[Source](https://example.org/harbour_watch/102)
---
Gulls have taken the roof of the net shed again!
Date: 5 April 2021
[Source](https://example.org/harbour_watch/103)
---

## @tidal_notes_kerrow
Date: 9 April 2021
Spring tides this weekend: the causeway will be under water from about ten.
[Source](https://example.org/tidal_notes_kerrow/7)
---
Low water at Kerrow sands is the best time to look for the old wreck ribs, which show for an hour or so either side. Bring boots and keep an eye on the channel. [Source](https://example.org/tidal_notes_kerrow/8)
`;

/** Records separated by rules, each with an `Article No. N` counter and labelled fields. */
export const LABELLED_DIGEST = `Coastal press digest, week 11

Article No. 1
Headline: Ferry fares to rise in spring
Source: The Harbour Ledger
Date: 12 March 2019
Author: By Mira Castellane
Summary: No summary available
Link: https://example.org/ledger/ferry-fares

Fares on the island route will rise by eight percent from April, the operator said on Monday.

It blames the price of fuel and a new berth at Kerrow.
------------------------------
Article No. 2
Title: Lifeboat crew rescues kayakers off Dunmore Head
Outlet: Western Coast Radio
Published: 2019-03-13
Summary: Two kayakers were brought ashore after their boats overturned.
URL: https://example.org/wcr/lifeboat
Text: No content
------------------------------
Article No. 3
Headline: Pier repairs delayed until summer
Publication: Kerrow Gazette
Date: 14 March 2019
By: Tomas Breck
Summary: N/A
Link: https://example.org/gazette/pier
Body: [no text]
------------------------------
Article No. 4
Headline: Harbour master retires after thirty years
Source: The Harbour Ledger
Date: 15 March 2019
Summary: No summary available
Link: https://example.org/ledger/harbour-master
Body:
Elsa Norrvik took charge of the harbour in 1989.
Section: she kept the logbooks in her own hand.
------------------------------
`;
