/**
 * The conditions of the Zendesk trigger that fires a Zendesk → Braze webhook (zendesk.md §4),
 * as written in a template's front matter: a preset name, or `{preset?, all: [...], any: [...]}`
 * with conditions written the way the Triggers API takes them, `{field, operator, value}`.
 */
import { z } from 'zod'

/** One condition, exactly as `POST /api/v2/triggers` takes it. */
export interface TriggerCondition {
  field: string
  operator: string
  value?: string | number | boolean | null
}

export interface TriggerConditions {
  all: TriggerCondition[]
  any: TriggerCondition[]
}

/** What front matter says: a preset, custom lists, or a preset plus more conditions (added to `all`). */
export interface TriggerConditionsSpec {
  preset?: TriggerPreset
  all?: TriggerCondition[]
  any?: TriggerCondition[]
}

const UPDATE_IS_CHANGE: TriggerCondition = { field: 'update_type', operator: 'is', value: 'Change' }

/**
 * The presets and their conditions (zendesk.md §4):
 * - "Ticket is Created" is `update_type is Create` (TriggerMesh, a FlowRunner test).
 * - "Status changed to X" is `update_type is Change` plus `status value X` (Pipedream's "ticket
 *   pended" source). UNCONFIRMED: with custom ticket statuses active, `status` is the status
 *   category, so "changed to solved" also covers every custom status of the solved category.
 */
export const TRIGGER_PRESETS = {
  'ticket-created': { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] },
  'status-solved': { all: [UPDATE_IS_CHANGE, { field: 'status', operator: 'value', value: 'solved' }], any: [] },
  'status-pending': { all: [UPDATE_IS_CHANGE, { field: 'status', operator: 'value', value: 'pending' }], any: [] },
} satisfies Record<string, TriggerConditions>

export type TriggerPreset = keyof typeof TRIGGER_PRESETS
export const TRIGGER_PRESET_NAMES = Object.keys(TRIGGER_PRESETS) as TriggerPreset[]

/** Operators seen in real triggers: prismatic's example, and `value` ("changed to") in Pipedream's (zendesk.md §4). */
export const CONFIRMED_OPERATORS = ['is', 'is_not', 'less_than', 'changed', 'not_changed', 'value'] as const
/**
 * UNCONFIRMED (zendesk.md §4): listed in the conditions reference but not seen in a real trigger,
 * and `includes`/`not_includes` for tags, which the reference does not list at all.
 */
export const UNCONFIRMED_OPERATORS = ['greater_than', 'value_previous', 'not_value', 'not_value_previous', 'includes', 'not_includes'] as const

const requiredText = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty')

const conditionSchema = z.strictObject({
  field: requiredText,
  operator: requiredText,
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
})

const presetSchema = z.enum(TRIGGER_PRESET_NAMES as [TriggerPreset, ...TriggerPreset[]], {
  error: `must be one of the presets ${TRIGGER_PRESET_NAMES.join(', ')}, or {all: [{field, operator, value}], any: [...]}`,
})

/** A bare preset name is short for `{preset: NAME}`: one shape to validate and to locate errors in. */
export const triggerConditionsSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { preset: value } : value),
  z.strictObject({
    preset: presetSchema.optional(),
    all: z.array(conditionSchema).optional(),
    any: z.array(conditionSchema).optional(),
  }),
)

/** The `conditions` object of the Triggers API for what front matter says. */
export function resolveConditions(spec: TriggerConditionsSpec): TriggerConditions {
  const preset = spec.preset ? TRIGGER_PRESETS[spec.preset] : { all: [], any: [] }
  return {
    all: [...preset.all, ...(spec.all ?? [])].map(copyCondition),
    any: [...preset.any, ...(spec.any ?? [])].map(copyCondition),
  }
}

/**
 * The front-matter spelling of conditions read from a trigger: the preset name when they are
 * exactly a preset's, else a preset plus the rest when they start with one, else custom lists.
 */
export function conditionsSpec(conditions: TriggerConditions): TriggerConditionsSpec {
  for (const name of TRIGGER_PRESET_NAMES) {
    const preset: TriggerConditions = TRIGGER_PRESETS[name]
    // Presets only fill `all`; whatever `any` holds stays custom.
    const head = conditions.all.slice(0, preset.all.length)
    if (head.length === preset.all.length && head.every((c, i) => sameCondition(c, preset.all[i]!))) {
      const rest = conditions.all.slice(preset.all.length)
      return { preset: name, ...(rest.length > 0 ? { all: rest } : {}), ...(conditions.any.length > 0 ? { any: conditions.any } : {}) }
    }
  }
  return { all: conditions.all, ...(conditions.any.length > 0 ? { any: conditions.any } : {}) }
}

function sameCondition(a: TriggerCondition, b: TriggerCondition): boolean {
  return a.field === b.field && a.operator === b.operator && (a.value ?? null) === (b.value ?? null)
}

function copyCondition(condition: TriggerCondition): TriggerCondition {
  return { field: condition.field, operator: condition.operator, ...(condition.value !== undefined ? { value: condition.value } : {}) }
}

/** "update_type is Create", for text exports. */
export function describeCondition(condition: TriggerCondition): string {
  const value = condition.value === undefined || condition.value === null ? '' : ` ${String(condition.value)}`
  return `${condition.field} ${condition.operator}${value}`
}
