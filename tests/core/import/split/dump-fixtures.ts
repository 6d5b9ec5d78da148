// Invented dumps in the two shapes real scraped pages take (see ../shared/seeds), about a
// fictional river conservation group. Content is neutral and made up.

/** Shape one: title / paragraph / "Read more" blocks, no dates, no header. */
export const TEASER_LIST = `
Otters return to the lower Willowbend

Volunteers counted fresh otter tracks along three stretches of the lower river this spring, the first sighting in a decade. The survey team will repeat the count in autumn to confirm a resident population.

Read more

Reed beds planted at Hollow Ford

Forty volunteers planted reed beds at Hollow Ford to filter run-off from the fields upstream. The beds should slow the water after storms and give warblers somewhere to nest.

Read more

Open letter to the county water board

… We ask the board to publish its monthly discharge figures for every outfall on the river, so that anyone can see where the water quality problems begin and hold the right people to account …

Read more

Winter litter pick draws record turnout

… More than two hundred people walked the towpath on Saturday with bags and grabbers. “It was freezing, but nobody went home early,” said one of the organisers. …

Read more

Trust welcomes new rules on sewage overflows

The new rules require every overflow to be monitored and reported within an hour. The trust has campaigned for this for six years and will now watch closely how the rules are enforced.

Read more`;

/** Shape two: a site header, then title / blank / Posted on / blank / attribution body ending with the title as link text. */
export const DIGEST = `Author: Willowbend River Trust

Willowbend River Trust

The Willowbend River Trust – a volunteer group that watches over the river from its source in the hills to the estuary – counts wildlife, tests the water, plants banks and reeds, and speaks up for the river whenever a plan or a permit threatens it – and publishes a weekly digest of what the papers say about it




Twitter: WillowbendTrust

Fish ladder opens at the old mill – Willowbend Weekly Digest – Sep 10, 2019

Posted on: 2019/09/11

Willowbend River Trust, September 11  2019:… The fish ladder beside the old mill opened this week after two years of work. Salmon were seen using it within hours, and the trust thanks everyone who gave time and money to the project. Fish ladder opens at the old mill 

Why the estuary needs its mudflats

Posted on: 2019/08/23

Nora Fenwick, Coastal Courier, August 23 2019:… The mudflats at the mouth of the river feed thousands of wading birds every winter. Plans to drain part of them for a marina would cut that food supply just when the birds need it most. Why the estuary needs its mudflats 

Council delays decision on gravel quarry

Posted on: 2019/08/16

Owen Tull, Valley Gazette, August 15 2019:.. The county council has delayed its decision on the gravel quarry by a month after more than a thousand letters of objection arrived. Council delays decision on gravel quarry near the river bend

River festival returns after two quiet years

Posted on: 2019/08/12

Radio Willow, London, August 12 2019:… The river festival came back this weekend with boat races, a duck derby and stalls along the quay. Organisers said the crowds were the largest they had seen.. River festival returns after two quiet years 

Drought Warnings – Willowbend Weekly Digest – Jul 30, 2019

Posted on: 2019/08/01

Drought Warnings – Willowbend Weekly Digest – Jul 30, 2019:.. The river is at its lowest summer level for thirty years and the trust asks everyone to save water where they can.  Drought Warnings – Willowbend Weekly Digest – Jul 30, 2019 
`;
