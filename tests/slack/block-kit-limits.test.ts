import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  assertValidHomeView,
  assertValidMessage,
  assertValidModal,
  BlockKitLimitError,
  validateHomeView,
  validateMessage,
  validateModal,
} from '../../src/slack/block-kit-limits.js';

type Block = types.KnownBlock | types.Block;
const x = (n: number) => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const section = (text: string, extra: Record<string, unknown> = {}): Block =>
  ({ type: 'section', text: mrkdwn(text), ...extra }) as Block;
const button = (extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'go',
  text: plain('Go'),
  ...extra,
});
const actions = (elements: unknown[], extra: Record<string, unknown> = {}): Block =>
  ({ type: 'actions', elements, ...extra }) as Block;
const option = (text: string, value: string) => ({ text: plain(text), value });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`, `v${i}`));
const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}): Block =>
  ({ type: 'input', label: plain('Label'), element: { action_id: 'a', ...element }, ...extra }) as Block;
const radio = (opts: unknown[]) => input({ type: 'radio_buttons', options: opts });
const select = (opts: unknown[]) =>
  input({ type: 'static_select', placeholder: plain('Pick'), options: opts });
const modal = (extra: Partial<types.ModalView> = {}, blocks: Block[] = []): types.ModalView => ({
  type: 'modal',
  title: plain('Title'),
  close: plain('Close'),
  blocks,
  ...extra,
});
const modalWithInput = (extra: Partial<types.ModalView> = {}) =>
  modal({ submit: plain('Submit'), ...extra }, [input({ type: 'plain_text_input' })]);
const message = (blocks: Block[], text = 'fallback') => ({ text, blocks });

interface Case {
  rule: string;
  ok: () => string[];
  bad: () => string[];
}

const rulesOf = (violations: { rule: string }[]) => violations.map((v) => v.rule);
const msg = (blocks: Block[], text?: string) => rulesOf(validateMessage(message(blocks, text)));
const mod = (view: types.ModalView) => rulesOf(validateModal(view));
const home = (blocks: Block[], extra: Partial<types.HomeView> = {}) =>
  rulesOf(validateHomeView({ type: 'home', blocks, ...extra }));
const many = (n: number, make: (i: number) => Block = () => ({ type: 'divider' }) as Block) =>
  Array.from({ length: n }, (_, i) => make(i));

const cases: Case[] = [
  { rule: 'blocks.count', ok: () => msg(many(50)), bad: () => msg(many(51)) },
  { rule: 'blocks.count', ok: () => mod(modal({}, many(100))), bad: () => mod(modal({}, many(101))) },
  { rule: 'blocks.count', ok: () => home(many(100)), bad: () => home(many(101)) },
  { rule: 'message.text.max', ok: () => msg([], x(40_000)), bad: () => msg([], x(40_001)) },
  { rule: 'section.text.max', ok: () => msg([section(x(3000))]), bad: () => msg([section(x(3001))]) },
  {
    rule: 'section.fields.count',
    ok: () => msg([{ type: 'section', fields: many(10, () => mrkdwn('f') as never) } as Block]),
    bad: () => msg([{ type: 'section', fields: many(11, () => mrkdwn('f') as never) } as Block]),
  },
  {
    rule: 'section.field.max',
    ok: () => msg([{ type: 'section', fields: [mrkdwn(x(2000))] } as Block]),
    bad: () => msg([{ type: 'section', fields: [mrkdwn(x(2001))] } as Block]),
  },
  {
    rule: 'header.text.max',
    ok: () => msg([{ type: 'header', text: plain(x(150)) } as Block]),
    bad: () => msg([{ type: 'header', text: plain(x(151)) } as Block]),
  },
  {
    rule: 'context.elements.count',
    ok: () => msg([{ type: 'context', elements: many(10, () => mrkdwn('c') as never) } as Block]),
    bad: () => msg([{ type: 'context', elements: many(11, () => mrkdwn('c') as never) } as Block]),
  },
  {
    rule: 'block_id.max',
    ok: () => msg([section('a', { block_id: x(255) })]),
    bad: () => msg([section('a', { block_id: x(256) })]),
  },
  {
    rule: 'block_id.unique',
    ok: () => msg([section('a', { block_id: 'one' }), section('b', { block_id: 'two' })]),
    bad: () => msg([section('a', { block_id: 'one' }), section('b', { block_id: 'one' })]),
  },
  {
    rule: 'action_id.max',
    ok: () => msg([actions([button({ action_id: x(255) })])]),
    bad: () => msg([actions([button({ action_id: x(256) })])]),
  },
  {
    rule: 'action_id.unique',
    ok: () => msg([actions([button()]), actions([button()])]),
    bad: () => msg([actions([button(), button()])]),
  },
  {
    rule: 'button.text.max',
    ok: () => msg([actions([button({ text: plain(x(75)) })])]),
    bad: () => msg([actions([button({ text: plain(x(76)) })])]),
  },
  {
    rule: 'button.value.max',
    ok: () => msg([actions([button({ value: x(2000) })])]),
    bad: () => msg([actions([button({ value: x(2001) })])]),
  },
  {
    rule: 'button.url.max',
    ok: () => msg([section('a', { accessory: button({ url: `https://e.x/${x(2988)}` }) })]),
    bad: () => msg([section('a', { accessory: button({ url: `https://e.x/${x(2989)}` }) })]),
  },
  {
    rule: 'actions.elements.count',
    ok: () => msg([actions(many(25, (i) => button({ action_id: `b${i}` }) as never))]),
    bad: () => msg([actions(many(26, (i) => button({ action_id: `b${i}` }) as never))]),
  },
  {
    rule: 'radio_buttons.options.max',
    ok: () => mod(modalWithInput({ blocks: [radio(options(10))] })),
    bad: () => mod(modalWithInput({ blocks: [radio(options(11))] })),
  },
  {
    rule: 'static_select.options.max',
    ok: () => mod(modalWithInput({ blocks: [select(options(100))] })),
    bad: () => mod(modalWithInput({ blocks: [select(options(101))] })),
  },
  {
    rule: 'option.text.max',
    ok: () => mod(modalWithInput({ blocks: [radio([option(x(75), '1')])] })),
    bad: () => mod(modalWithInput({ blocks: [radio([option(x(76), '1')])] })),
  },
  {
    rule: 'option.value.max',
    ok: () => mod(modalWithInput({ blocks: [radio([option('a', x(150))])] })),
    bad: () => mod(modalWithInput({ blocks: [radio([option('a', x(151))])] })),
  },
  {
    rule: 'input.label.max',
    ok: () =>
      mod(modalWithInput({ blocks: [input({ type: 'plain_text_input' }, { label: plain(x(2000)) })] })),
    bad: () =>
      mod(modalWithInput({ blocks: [input({ type: 'plain_text_input' }, { label: plain(x(2001)) })] })),
  },
  {
    rule: 'input.hint.max',
    ok: () =>
      mod(modalWithInput({ blocks: [input({ type: 'plain_text_input' }, { hint: plain(x(2000)) })] })),
    bad: () =>
      mod(modalWithInput({ blocks: [input({ type: 'plain_text_input' }, { hint: plain(x(2001)) })] })),
  },
  {
    rule: 'placeholder.max',
    ok: () =>
      mod(modalWithInput({ blocks: [input({ type: 'plain_text_input', placeholder: plain(x(150)) })] })),
    bad: () =>
      mod(modalWithInput({ blocks: [input({ type: 'plain_text_input', placeholder: plain(x(151)) })] })),
  },
  {
    rule: 'plain_text_input.max_length.max',
    ok: () => mod(modalWithInput({ blocks: [input({ type: 'plain_text_input', max_length: 3000 })] })),
    bad: () => mod(modalWithInput({ blocks: [input({ type: 'plain_text_input', max_length: 3001 })] })),
  },
  {
    rule: 'modal.title.max',
    ok: () => mod(modal({ title: plain(x(24)) })),
    bad: () => mod(modal({ title: plain(x(25)) })),
  },
  {
    rule: 'modal.submit.max',
    ok: () => mod(modalWithInput({ submit: plain(x(24)) })),
    bad: () => mod(modalWithInput({ submit: plain(x(25)) })),
  },
  {
    rule: 'modal.close.max',
    ok: () => mod(modal({ close: plain(x(24)) })),
    bad: () => mod(modal({ close: plain(x(25)) })),
  },
  {
    rule: 'modal.submit.required',
    ok: () => mod(modalWithInput()),
    bad: () => mod(modal({}, [input({ type: 'plain_text_input' })])),
  },
  {
    rule: 'private_metadata.max',
    ok: () => mod(modal({ private_metadata: x(3000) })),
    bad: () => mod(modal({ private_metadata: x(3001) })),
  },
  {
    rule: 'private_metadata.max',
    ok: () => home([], { private_metadata: x(3000) }),
    bad: () => home([], { private_metadata: x(3001) }),
  },
  {
    rule: 'callback_id.max',
    ok: () => mod(modal({ callback_id: x(255) })),
    bad: () => mod(modal({ callback_id: x(256) })),
  },
  {
    rule: 'view.size.max',
    ok: () => home(many(80, () => section(x(2900)))),
    bad: () => home(many(90, () => section(x(2900)))),
  },
];

describe('Block Kit limits', () => {
  it.each(cases.map((c, i) => [c.rule, i] as const))(
    'accepts a payload at the %s limit (case %i)',
    (_rule, i) => {
      expect(cases[i]!.ok()).toEqual([]);
    },
  );

  it.each(cases.map((c, i) => [c.rule, i] as const))(
    'reports %s one step past the limit (case %i)',
    (rule, i) => {
      expect(cases[i]!.bad()).toEqual([rule]);
    },
  );

  it('names the exact path of each violation', () => {
    const violations = validateMessage(
      message([
        section('ok'),
        actions([button({ text: plain(x(80)), value: x(2001) })], { block_id: 'acts' }),
      ]),
    );
    expect(violations.map((v) => v.path)).toEqual([
      '/blocks/1/elements/0/text/text',
      '/blocks/1/elements/0/value',
    ]);
  });

  it('counts a string 3000 UTF-16 units long as full even when made of emoji', () => {
    expect(msg([section('😀'.repeat(1500))])).toEqual([]);
    expect(msg([section('😀'.repeat(1501))])).toEqual(['section.text.max']);
  });

  it('throws a BlockKitLimitError listing every violation', () => {
    const bad = message([{ type: 'header', text: plain(x(151)) } as Block, section(x(3001))]);
    expect(() => assertValidMessage(bad)).toThrow(BlockKitLimitError);
    try {
      assertValidMessage(bad);
    } catch (error) {
      const e = error as BlockKitLimitError;
      expect(e.violations).toHaveLength(2);
      expect(e.message).toContain('/blocks/0/text/text');
      expect(e.message).toContain('/blocks/1/text/text');
    }
  });

  it('does not throw for valid payloads of each surface', () => {
    expect(() => assertValidMessage(message([section('hi')]))).not.toThrow();
    expect(() => assertValidModal(modalWithInput())).not.toThrow();
    expect(() => assertValidHomeView({ type: 'home', blocks: [section('hi')] })).not.toThrow();
  });

  it('throws for an invalid modal and an invalid Home view', () => {
    expect(() => assertValidModal(modal({ title: plain(x(30)) }))).toThrow(/modal|title/i);
    expect(() => assertValidHomeView({ type: 'home', blocks: many(101) })).toThrow(BlockKitLimitError);
  });
});
