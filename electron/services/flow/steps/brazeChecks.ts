/**
 * Step 7, and the baseline it compares with: the Braze profile looked up with
 * `POST /users/export/ids`. `/users/track` is asynchronous (braze.md §5.2: 201 means queued,
 * not applied), and in live mode Zendesk calls the webhook on its own time, so the check looks
 * again every `interval_seconds` until `timeout_seconds`, then says what it saw last.
 */
import type { FlowStep } from '../../../../shared/api/contract.js'
import {
  baselineOf,
  checkProfiles,
  describeUser,
  profileLookupBody,
  type ExpectedProfile,
  type ProfileUser,
} from '../../../../shared/flow/expectations.js'
import { renderPlaceholderText } from '../../../../shared/flow/placeholderText.js'
import { BRAZE_API_KEY_SECRET } from '../../sandboxImport.js'
import { lookUpProfiles, type BrazeProfileApi } from '../brazeProfile.js'
import { failed, latestTicket, passed, type FlowContext, type StepRunner } from '../context.js'

export const takeBaseline: StepRunner = async (context, step) => {
  const user = resolveUser(context, step)
  if (!user) return failed('The Braze user to look at could not be worked out (see the problems).')
  // Only the names matter here (what to export); the values are rendered for the final check.
  const { events, attributes } = context.setup.flow.verify!
  const lookup = await lookUpProfiles(await profileApi(context), profileLookupBody(user, { events, attributes }), 'Baseline: look up the profile')
  if (!lookup.ok) return failed(lookup.reason)
  // Exact when nothing can have called the webhook yet: Hookbench delivers it itself later, or the ticket does not exist yet.
  const exact = context.setup.flow.mode === 'simulate' || context.state.ticketId === undefined
  const baseline = baselineOf(lookup.users, exact)
  context.state.baseline = baseline
  if (!exact) step.warnings.push('Live mode: the trigger may have fired before this baseline, so an event also counts when Braze shows it after the run started.')
  if (lookup.users.length === 0) return passed(`Braze has no profile with ${describeUser(user)} yet.`)
  const counts = events.map((name) => `${name} ×${Math.max(0, ...Object.values(baseline.profiles).map((p) => p.events[name] ?? 0))}`)
  return passed(`${lookup.users.length} profile(s) with ${describeUser(user)}${counts.length > 0 ? `; before the webhook: ${counts.join(', ')}` : ''}.`)
}

export const verifyProfile: StepRunner = async (context, step) => {
  const verify = context.setup.flow.verify!
  const user = resolveUser(context, step)
  const expected = resolveExpected(context, step)
  if (!user || !expected) return failed('What to verify could not be worked out (see the problems).')
  const api = await profileApi(context)
  const body = profileLookupBody(user, expected)
  const who = describeUser(user)
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    const lookup = await lookUpProfiles(api, body, `Look up the profile (attempt ${attempt})`)
    if (!lookup.ok && !lookup.transient) return failed(lookup.reason)
    const check = lookup.ok ? checkProfiles(lookup.users, expected, context.state.baseline, context.state.startedAt, who) : undefined
    if (check) context.run.verification = { user: user as Record<string, string>, met: check.met, attempts: attempt, findings: check.findings }
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    if (check?.met) {
      step.warnings.push(...check.warnings)
      return passed(`After ${attempt} lookup(s) (${seconds} s), the profile with ${who} shows: ${check.findings.map((f) => f.seen).join('; ')}.`)
    }
    if (Date.now() - started + verify.intervalMs > verify.timeoutMs) {
      const seen = check ? check.findings.filter((f) => !f.met).map((f) => f.seen).join('; ') : lookup.ok ? '' : lookup.reason
      return failed(`Braze did not show what the flow expects within ${verify.timeoutMs / 1000} s (${attempt} lookup(s)). Last seen on the profile with ${who}: ${seen}.`)
    }
    await sleep(verify.intervalMs, context.signal)
    if (context.signal?.aborted) return failed(`The run was cancelled while waiting for Braze (after ${attempt} lookup(s)).`)
  }
}

/** The user to look up, its placeholders rendered against the ticket (when there is one yet). */
function resolveUser(context: FlowContext, step: FlowStep): ProfileUser | undefined {
  const { user } = context.setup.flow.verify!
  const [key, text] = Object.entries(user)[0] as ['external_id' | 'email', string]
  const value = rendered(context, step, ['verify', 'user', key], text)
  if (value === undefined) return undefined
  if (value === '') {
    step.diagnostics.push(context.setup.parsed.diagnosticAt(['verify', 'user', key], 'error', 'flow-user-empty', `verify.user.${key} "${text}" is empty for this ticket: there is no Braze user to look at.`))
    return undefined
  }
  return key === 'external_id' ? { external_id: value } : { email: value }
}

function resolveExpected(context: FlowContext, step: FlowStep): ExpectedProfile | undefined {
  const verify = context.setup.flow.verify!
  const attributes: ExpectedProfile['attributes'] = {}
  for (const [name, value] of Object.entries(verify.attributes)) {
    if (typeof value !== 'string') {
      attributes[name] = value
      continue
    }
    const text = rendered(context, step, ['verify', 'attributes', name], value)
    if (text === undefined) return undefined
    attributes[name] = text
  }
  return { events: verify.events, attributes }
}

/** A flow value with Zendesk placeholders rendered; their problems are located at the value in the flow file. */
function rendered(context: FlowContext, step: FlowStep, path: string[], text: string): string | undefined {
  const ticket = latestTicket(context.state)
  if (!ticket) return text
  const result = renderPlaceholderText(text, ticket, `${context.setup.parsed.path}#${path.join('.')}`)
  const { parsed } = context.setup
  for (const d of result.diagnostics) step.diagnostics.push(parsed.diagnosticAt(path, d.severity, d.code, `${path.join('.')}: ${d.message}`, d.hint))
  return result.diagnostics.some((d) => d.severity === 'error') ? undefined : result.text
}

async function profileApi(context: FlowContext): Promise<BrazeProfileApi> {
  const { braze } = context.setup
  const apiKey = await braze.secrets.get(BRAZE_API_KEY_SECRET)
  context.masker.add(apiKey)
  return {
    environment: braze.environment,
    baseUrl: braze.baseUrl!,
    apiKey,
    log: context.log,
    clock: context.clock,
    exchange: { ...context.exchange, fetchImpl: context.exchange?.fetchImpl ?? context.fetch, ...(context.signal ? { signal: context.signal } : {}) },
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

