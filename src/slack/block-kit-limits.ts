import type { types } from '@slack/bolt';

/**
 * Slack's documented Block Kit limits, checked before anything is sent. Slack rejects an
 * oversized payload with a generic `invalid_blocks`; checking here names the exact field
 * (as a JSON-pointer-like path) so a failing builder is found by a test, not in production.
 *
 * Lengths are counted in UTF-16 code units (`String#length`), which is never less than
 * the number of characters Slack counts, so a payload that passes here passes there.
 */

export const LIMITS = Object.freeze({
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionsElements: 25,
  radioOptions: 10,
  checkboxOptions: 10,
  selectOptions: 100,
  overflowOptions: 5,
  optionText: 75,
  optionValue: 150,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputMaxLength: 3000,
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  viewBytes: 250_000,
});

export interface BlockKitViolation {
  /** Where, e.g. `/blocks/3/elements/0/text/text`. */
  readonly path: string;
  /** Short rule name, e.g. `button.text.max`. */
  readonly rule: string;
  readonly message: string;
}

export interface MessagePayload {
  readonly text?: string;
  readonly blocks?: readonly (types.KnownBlock | types.Block)[];
}

export type ModalPayload = types.ModalView;
export type HomePayload = types.HomeView;

export class BlockKitLimitError extends Error {
  readonly violations: readonly BlockKitViolation[];

  constructor(surface: string, violations: readonly BlockKitViolation[]) {
    super(
      `${surface} breaks ${violations.length} Block Kit limit(s):\n` +
        violations.map((v) => `  ${v.path}: ${v.message}`).join('\n'),
    );
    this.name = 'BlockKitLimitError';
    this.violations = violations;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The string inside a text object (`{ type, text }`) or the string itself. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.text === 'string') return value.text;
  return undefined;
}

class Collector {
  readonly violations: BlockKitViolation[] = [];

  add(path: string, rule: string, message: string): void {
    this.violations.push({ path, rule, message });
  }

  /** Max length of a plain string, or of a text object's `text` (path then ends in `/text`). */
  maxLength(value: unknown, path: string, rule: string, max: number): void {
    if (value === undefined || value === null) return;
    const text = textOf(value);
    if (text === undefined) return;
    const at = typeof value === 'string' ? path : `${path}/text`;
    if (text.length > max) this.add(at, rule, `${text.length} characters; the limit is ${max}`);
  }

  maxCount(value: unknown, path: string, rule: string, max: number, what: string): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, rule, `${value.length} ${what}; the limit is ${max}`);
    }
  }
}

function checkOption(c: Collector, option: unknown, path: string): void {
  if (!isObject(option)) return;
  c.maxLength(option.text, `${path}/text`, 'option.text.max', LIMITS.optionText);
  c.maxLength(option.value, `${path}/value`, 'option.value.max', LIMITS.optionValue);
}

function checkOptions(c: Collector, element: Json, path: string, max: number, rule: string): void {
  c.maxCount(element.options, `${path}/options`, rule, max, 'options');
  asArray(element.options).forEach((option, i) => {
    checkOption(c, option, `${path}/options/${i}`);
  });
}

function checkElement(c: Collector, element: unknown, path: string, actionIds: Map<string, string>): void {
  if (!isObject(element)) return;
  if (typeof element.action_id === 'string') {
    c.maxLength(element.action_id, `${path}/action_id`, 'action_id.max', LIMITS.actionId);
    const earlier = actionIds.get(element.action_id);
    if (earlier !== undefined) {
      c.add(`${path}/action_id`, 'action_id.unique', `"${element.action_id}" is already used at ${earlier}`);
    } else {
      actionIds.set(element.action_id, `${path}/action_id`);
    }
  }
  c.maxLength(element.placeholder, `${path}/placeholder`, 'placeholder.max', LIMITS.placeholder);
  switch (element.type) {
    case 'button':
      c.maxLength(element.text, `${path}/text`, 'button.text.max', LIMITS.buttonText);
      c.maxLength(element.value, `${path}/value`, 'button.value.max', LIMITS.buttonValue);
      c.maxLength(element.url, `${path}/url`, 'button.url.max', LIMITS.buttonUrl);
      break;
    case 'radio_buttons':
      checkOptions(c, element, path, LIMITS.radioOptions, 'radio_buttons.options.max');
      break;
    case 'checkboxes':
      checkOptions(c, element, path, LIMITS.checkboxOptions, 'checkboxes.options.max');
      break;
    case 'overflow':
      checkOptions(c, element, path, LIMITS.overflowOptions, 'overflow.options.max');
      break;
    case 'static_select':
    case 'multi_static_select': {
      checkOptions(c, element, path, LIMITS.selectOptions, 'static_select.options.max');
      const groups = asArray(element.option_groups);
      const grouped = groups.reduce<number>((n, g) => n + (isObject(g) ? asArray(g.options).length : 0), 0);
      if (grouped > LIMITS.selectOptions) {
        c.add(
          `${path}/option_groups`,
          'static_select.options.max',
          `${grouped} options; the limit is ${LIMITS.selectOptions}`,
        );
      }
      groups.forEach((group, g) => {
        if (isObject(group)) {
          asArray(group.options).forEach((option, i) => {
            checkOption(c, option, `${path}/option_groups/${g}/options/${i}`);
          });
        }
      });
      break;
    }
    case 'plain_text_input':
      if (typeof element.max_length === 'number' && element.max_length > LIMITS.plainTextInputMaxLength) {
        c.add(
          `${path}/max_length`,
          'plain_text_input.max_length.max',
          `max_length ${element.max_length}; the limit is ${LIMITS.plainTextInputMaxLength}`,
        );
      }
      break;
    default:
      break;
  }
}

function checkBlock(c: Collector, block: unknown, path: string, blockIds: Map<string, string>): void {
  if (!isObject(block)) {
    c.add(path, 'block.shape', 'a block must be an object');
    return;
  }
  if (block.block_id !== undefined) {
    const id = String(block.block_id);
    c.maxLength(id, `${path}/block_id`, 'block_id.max', LIMITS.blockId);
    const earlier = blockIds.get(id);
    if (earlier !== undefined) {
      c.add(`${path}/block_id`, 'block_id.unique', `"${id}" is already used at ${earlier}`);
    } else {
      blockIds.set(id, `${path}/block_id`);
    }
  }
  const actionIds = new Map<string, string>();
  switch (block.type) {
    case 'section':
      c.maxLength(block.text, `${path}/text`, 'section.text.max', LIMITS.sectionText);
      c.maxCount(block.fields, `${path}/fields`, 'section.fields.count', LIMITS.sectionFields, 'fields');
      asArray(block.fields).forEach((field, i) => {
        c.maxLength(field, `${path}/fields/${i}`, 'section.field.max', LIMITS.sectionFieldText);
      });
      checkElement(c, block.accessory, `${path}/accessory`, actionIds);
      break;
    case 'header':
      c.maxLength(block.text, `${path}/text`, 'header.text.max', LIMITS.headerText);
      break;
    case 'context':
      c.maxCount(
        block.elements,
        `${path}/elements`,
        'context.elements.count',
        LIMITS.contextElements,
        'elements',
      );
      break;
    case 'actions':
      c.maxCount(
        block.elements,
        `${path}/elements`,
        'actions.elements.count',
        LIMITS.actionsElements,
        'elements',
      );
      asArray(block.elements).forEach((element, i) => {
        checkElement(c, element, `${path}/elements/${i}`, actionIds);
      });
      break;
    case 'input':
      c.maxLength(block.label, `${path}/label`, 'input.label.max', LIMITS.inputLabel);
      c.maxLength(block.hint, `${path}/hint`, 'input.hint.max', LIMITS.inputHint);
      checkElement(c, block.element, `${path}/element`, actionIds);
      break;
    default:
      break;
  }
}

function checkBlocks(c: Collector, blocks: unknown, max: number): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) {
    c.add('/blocks', 'blocks.shape', 'blocks must be an array');
    return;
  }
  c.maxCount(blocks, '/blocks', 'blocks.count', max, 'blocks');
  const blockIds = new Map<string, string>();
  blocks.forEach((block, i) => {
    checkBlock(c, block, `/blocks/${i}`, blockIds);
  });
}

function checkViewCommon(c: Collector, view: Json): void {
  checkBlocks(c, view.blocks, LIMITS.viewBlocks);
  c.maxLength(view.private_metadata, '/private_metadata', 'private_metadata.max', LIMITS.privateMetadata);
  c.maxLength(view.callback_id, '/callback_id', 'callback_id.max', LIMITS.callbackId);
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes > LIMITS.viewBytes) {
    c.add('', 'view.size.max', `${bytes} bytes serialized; the limit is ${LIMITS.viewBytes}`);
  }
}

/** Every limit a chat.postMessage / chat.update payload breaks; empty when it is fine. */
export function validateMessage(message: MessagePayload): BlockKitViolation[] {
  const c = new Collector();
  c.maxLength(message.text, '/text', 'message.text.max', LIMITS.messageText);
  checkBlocks(c, message.blocks, LIMITS.messageBlocks);
  return c.violations;
}

/** Every limit a modal view breaks; empty when it is fine. */
export function validateModal(view: ModalPayload): BlockKitViolation[] {
  const c = new Collector();
  const json = view as unknown as Json;
  checkViewCommon(c, json);
  c.maxLength(json.title, '/title', 'modal.title.max', LIMITS.modalTitle);
  c.maxLength(json.submit, '/submit', 'modal.submit.max', LIMITS.modalSubmit);
  c.maxLength(json.close, '/close', 'modal.close.max', LIMITS.modalClose);
  const hasInput = asArray(json.blocks).some((block) => isObject(block) && block.type === 'input');
  if (hasInput && json.submit === undefined) {
    c.add('/submit', 'modal.submit.required', 'a modal with an input block needs a submit button');
  }
  return c.violations;
}

/** Every limit an App Home view breaks; empty when it is fine. */
export function validateHomeView(view: HomePayload): BlockKitViolation[] {
  const c = new Collector();
  checkViewCommon(c, view as unknown as Json);
  return c.violations;
}

function assertNone(surface: string, violations: BlockKitViolation[]): void {
  if (violations.length > 0) throw new BlockKitLimitError(surface, violations);
}

export function assertValidMessage(message: MessagePayload): void {
  assertNone('Message', validateMessage(message));
}

export function assertValidModal(view: ModalPayload): void {
  assertNone('Modal', validateModal(view));
}

export function assertValidHomeView(view: HomePayload): void {
  assertNone('Home view', validateHomeView(view));
}
