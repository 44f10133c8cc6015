/**
 * English wording for everything a person reads that comes out of scoring: items, the
 * answer scale, state readings and suggested practices. Keyed by id so that another
 * locale is one more file of the same shape.
 *
 * Items are our own writing (never MPDQ, RHI or Edmondson wording). Each is a plain
 * statement about the past two weeks in this team; none is reverse-worded, and the
 * power-over items describe a negative experience positively so that agreement always
 * means "this happened".
 */
export const EN = {
  'pulse.frame': 'In the past two weeks, in this team…',
  'pulse.scaleQuestion': 'How much do you agree?',

  'scale.1': 'Strongly disagree',
  'scale.2': 'Disagree',
  'scale.3': 'Neither agree nor disagree',
  'scale.4': 'Agree',
  'scale.5': 'Strongly agree',

  'item.zest.1': 'I came away from working with my teammates with more energy than I brought.',
  'item.zest.2': 'Working alongside these people gave me a lift.',
  'item.action.1': 'Working with this team left me more able to get things moving.',
  'item.action.2': 'Being part of this team made me more ready to act on what matters to me.',
  'item.clarity.1': 'Talking things through with this team gave me a clearer picture of what is going on.',
  'item.clarity.2': 'Through our work together I came to understand my teammates, and myself, better.',
  'item.worth.1': 'What I brought to this team was recognised.',
  'item.worth.2': 'People here treated my experience as something that matters.',
  'item.connection.1': 'I looked forward to the next time I would work with people in this team.',
  'item.connection.2': 'I wanted to spend more of my working time with these people.',
  'item.authenticity.1': 'I could say what I really thought and felt in this team.',
  'item.authenticity.2':
    'I brought my real views into our conversations, rather than a careful version of them.',
  'item.mutuality.1': 'People in this team were moved by each other’s experiences and responded to them.',
  'item.mutuality.2': 'When we talked, people listened and were open to being changed by what they heard.',
  'item.powerOver.1': 'Views that differed from the majority were shut down or passed over.',
  'item.powerOver.2': 'Disagreeing with someone here was treated as being against them.',
  'item.powerOver.3': 'People held back what they really thought, to stay safe.',
  'item.powerOver.4':
    'Listening went one way: some people were expected to adjust and others were spared it.',

  'measure.zest.label': 'Zest',
  'measure.action.label': 'Action',
  'measure.clarity.label': 'Clarity',
  'measure.worth.label': 'Sense of worth',
  'measure.connection.label': 'Desire for connection',
  'measure.authenticity.label': 'Authenticity',
  'measure.mutuality.label': 'Mutuality',
  'measure.powerOver.label': 'Power-over',
  'measure.connectionIndex.label': 'Connection index',

  'state.zest.healthy': 'Working together is leaving people with energy rather than draining it.',
  'state.zest.acute':
    'Energy dipped this cycle. A dip is an ordinary disconnection, and an invitation to notice together what drained it.',
  'state.zest.repairing': 'Energy is coming back after a dip: something the team did is helping.',
  'state.zest.chronic':
    'Energy has stayed low for several cycles. Sustained depletion is a sign of disconnection worth taking seriously together.',
  'state.action.healthy': 'People are coming away from the team more able to act.',
  'state.action.acute':
    'People felt less able to act this cycle. Treat it as an invitation to find out, together, what got in the way.',
  'state.action.repairing': 'The sense of being able to act is rising again after a dip.',
  'state.action.chronic':
    'For several cycles people have felt less able to act. When acting on one’s own view seems to lead nowhere, people stop trying.',
  'state.clarity.healthy':
    'Working together is helping people see themselves, each other and the work clearly.',
  'state.clarity.acute':
    'Things felt less clear this cycle. Confusion often follows a missed connection; it is an invitation to talk it through.',
  'state.clarity.repairing': 'Clarity is returning after a dip.',
  'state.clarity.chronic':
    'Clarity has been low for several cycles. Lasting confusion usually means important things are not being said between people.',
  'state.worth.healthy': 'People feel their experience is recognised here.',
  'state.worth.acute':
    'The sense of being recognised dipped this cycle. It is an invitation to notice whose contributions went unseen.',
  'state.worth.repairing': 'The sense of being recognised is rising again after a dip.',
  'state.worth.chronic':
    'For several cycles people have felt less recognised. This is a team pattern, never a verdict on anyone’s value.',
  'state.connection.healthy':
    'People want more of working together, which is what growth-fostering connection feels like.',
  'state.connection.acute':
    'The wish to work together dipped this cycle. Often people pull back after a moment that hurt; it can be repaired.',
  'state.connection.repairing': 'People are turning back toward each other after a dip.',
  'state.connection.chronic':
    'For several cycles people have wanted less of working together. Turning away is a way of protecting oneself, and it is a team signal.',
  'state.authenticity.healthy': 'People feel able to bring their real thoughts and feelings into the team.',
  'state.authenticity.acute':
    'People felt less able to be themselves this cycle. It is an invitation to ask what made it feel safer to hold back.',
  'state.authenticity.repairing': 'People are bringing more of themselves back into the team after a dip.',
  'state.authenticity.chronic':
    'For several cycles people have kept parts of themselves out of the team. That is how chronic disconnection usually shows.',
  'state.mutuality.healthy': 'People are affecting and responding to each other in both directions.',
  'state.mutuality.acute':
    'Responsiveness between people dipped this cycle. It is an invitation to check whether everyone felt heard.',
  'state.mutuality.repairing': 'Mutual responsiveness is rising again after a dip.',
  'state.mutuality.chronic':
    'For several cycles responsiveness has run one way or faded. Movement toward mutuality has stalled and needs attention together.',
  'state.powerOver.healthy': 'Few people see difference being shut down or treated as opposition here.',
  'state.powerOver.acute':
    'More people noticed power-over practices this cycle. It is an invitation to look at how differences were handled, without hunting for culprits.',
  'state.powerOver.repairing': 'Reports of power-over practices are easing after a rise.',
  'state.powerOver.chronic':
    'For several cycles people have seen differences suppressed or treated as opposition. The pattern lives in how power works in the team, not in any one person.',
  'state.connectionIndex.healthy':
    'Overall, working together is leaving people with more of the five good things.',
  'state.connectionIndex.acute':
    'The team’s connection dipped this cycle. In relational terms a dip is an invitation to repair, and repaired disconnections can strengthen a team.',
  'state.connectionIndex.repairing': 'Connection is coming back after a dip: repair is happening.',
  'state.connectionIndex.chronic':
    'Connection has been low for several cycles. Sustained disconnection is the real warning sign, and the team is the place to work on it.',

  'practice.zest.healthy':
    'Take a moment to name what gave the team energy lately, so you can do more of it.',
  'practice.zest.acute':
    'Invite everyone to share one thing that drained them and one that gave them energy.',
  'practice.zest.repairing': 'Reflect together on what helped the energy come back.',
  'practice.zest.chronic':
    'Look together at workload and at how meetings feel: ask what would make time together energising rather than depleting.',
  'practice.action.healthy': 'Notice together where the team helped someone move forward, and say so.',
  'practice.action.acute':
    'Ask, as a team, where someone wanted to act and felt unable to, and what would have made it possible.',
  'practice.action.repairing': 'Keep the channels that helped people act again visible and easy to use.',
  'practice.action.chronic':
    'Revisit who gets to decide what; invite people to propose one thing they would change and try it together.',
  'practice.clarity.healthy': 'Keep making space to check understanding, not only to share updates.',
  'practice.clarity.acute':
    'Hold a short conversation where each person says what is unclear to them right now.',
  'practice.clarity.repairing': 'Say out loud what became clearer and how it happened.',
  'practice.clarity.chronic':
    'Try a regular round where people say what they see happening in the team, including what feels hard to say.',
  'practice.worth.healthy': 'Keep naming specific contributions, especially the quiet ones.',
  'practice.worth.acute': 'Make room to acknowledge contributions that may have gone unseen this cycle.',
  'practice.worth.repairing': 'Keep recognising contributions in specific terms; it is working.',
  'practice.worth.chronic':
    'Reflect together on who contributed to whose growth lately, and whose experience rarely gets heard.',
  'practice.connection.healthy': 'Protect the moments where people simply work and think together.',
  'practice.connection.acute':
    'Invite people to name a recent moment of disconnection so it can be repaired together.',
  'practice.connection.repairing':
    'Honour the repair: reflect on what helped people turn back toward each other.',
  'practice.connection.chronic':
    'Treat withdrawal with respect: people protect themselves for reasons. Ask what would make reaching out feel safe again.',
  'practice.authenticity.healthy': 'Keep welcoming disagreement and unfinished thoughts in discussions.',
  'practice.authenticity.acute':
    'Ask openly what made it harder to say what people really thought this cycle.',
  'practice.authenticity.repairing':
    'Thank people for bringing their real views back, especially the uncomfortable ones.',
  'practice.authenticity.chronic':
    'Invite difference explicitly, for example a standing "what are we missing?" round, and respond to what comes up.',
  'practice.mutuality.healthy':
    'Keep practising mutual empathy: let others see how their words affected you.',
  'practice.mutuality.acute':
    'Check in on whether everyone felt heard, and listen to be changed rather than to reply.',
  'practice.mutuality.repairing':
    'Notice together where listening went both ways and what made that possible.',
  'practice.mutuality.chronic':
    'Look at whose needs shape decisions; practise rounds where every voice is heard before anyone responds.',
  'practice.powerOver.healthy':
    'Keep inviting different views, and notice who usually speaks first and last.',
  'practice.powerOver.acute':
    'Talk as a team about how a recent disagreement was handled, and whether every view had room.',
  'practice.powerOver.repairing':
    'Reflect on what changed in how differences are handled, and keep it going.',
  'practice.powerOver.chronic':
    'Attend to the impact of power: ask how roles and status shape who speaks, and agree on one change to try together.',
  'practice.connectionIndex.healthy': 'Reflect together on who contributed to whose growth this cycle.',
  'practice.connectionIndex.acute':
    'Name the dip together and invite people to say what happened between them; repairing it can strengthen the team.',
  'practice.connectionIndex.repairing': 'Reflect on the repair: what helped, and how to keep doing it.',
  'practice.connectionIndex.chronic':
    'Make relationships part of the work: set aside regular time to attend to the quality of connection in the team.',

  'practice.any.healthy': 'Keep attending to the quality of connection, not only to the work.',
  'practice.any.acute':
    'Frame it as an invitation: a disconnection that is named and responded to can strengthen a team.',
  'practice.any.repairing': 'Notice the repair out loud; seeing that repair is possible builds trust.',
  'practice.any.chronic':
    'Honour how people have been protecting themselves, and make it safe to bring more of themselves back in.',
} as const;

export type WordKey = keyof typeof EN;
