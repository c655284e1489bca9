/**
 * What a flow expects on the Braze profile, against `/users/export/ids` answers (braze.md §5.3):
 * an event counts only when it is new since the baseline, attributes compare as text.
 */
import { describe, expect, it } from 'vitest'
import { baselineOf, checkProfiles, describeUser, profileLookupBody, type ExpectedProfile } from '../../shared/flow/expectations.js'
import { renderPlaceholderText } from '../../shared/flow/placeholderText.js'
import { sampleFixture } from '../support/fixtures.js'

const startedAt = new Date('2026-11-24T12:00:00Z')
const expected: ExpectedProfile = { events: ['zendesk_ticket_solved'], attributes: { last_zendesk_ticket_id: '7314', first_name: 'Priya' } }

const profile = (count: number, last: string, ticketId: unknown = 7314) => ({
  braze_id: '65f1c2a9e4b0a1d2c3e4f501',
  email: 'priya.raman@northwind.example',
  first_name: 'Priya',
  custom_attributes: { last_zendesk_ticket_id: ticketId, plan: 'enterprise' },
  custom_events: [
    { name: 'nps_survey_submitted', first: '2024-01-15T10:02:11.000Z', last: '2024-05-03T16:40:09.000Z', count: 3 },
    ...(count > 0 ? [{ name: 'zendesk_ticket_solved', first: '2026-01-01T00:00:00.000Z', last, count }] : []),
  ],
})

describe('checking the Braze profile', () => {
  it('asks /users/export/ids for the user and only the fields the check reads', () => {
    expect(profileLookupBody({ email: 'priya.raman@northwind.example' }, expected)).toEqual({
      email_address: 'priya.raman@northwind.example',
      fields_to_export: ['braze_id', 'external_id', 'email', 'custom_attributes', 'custom_events', 'first_name'],
    })
    expect(profileLookupBody({ external_id: 'cust-10482' }, { events: ['e'], attributes: {} })).toMatchObject({ external_ids: ['cust-10482'] })
    expect(describeUser({ external_id: 'cust-10482' })).toBe('external_id cust-10482')
  })

  it('passes when the event is new since the baseline and the attributes match as text (7314 and "7314")', () => {
    const baseline = baselineOf([profile(1, '2026-11-20T09:00:00.000Z', 7001)], true)
    const check = checkProfiles([profile(2, '2026-11-24T12:00:30.000Z')], expected, baseline, startedAt, 'email priya.raman@northwind.example')
    expect(check.met).toBe(true)
    expect(check.findings).toEqual([
      { kind: 'event', name: 'zendesk_ticket_solved', met: true, seen: 'zendesk_ticket_solved is on the profile: count 2 (was 1), last 2026-11-24T12:00:30.000Z' },
      { kind: 'attribute', name: 'last_zendesk_ticket_id', met: true, seen: 'last_zendesk_ticket_id is 7314' },
      { kind: 'attribute', name: 'first_name', met: true, seen: 'first_name is "Priya"' },
    ])
    expect(check.warnings).toEqual(['The attribute first_name was already "Priya" before the run: its check proves nothing about this run.'])
  })

  it('an event from an earlier run is not this run\'s: same count as the baseline fails, saying so', () => {
    const before = profile(2, '2026-11-24T11:00:00.000Z')
    const check = checkProfiles([before], expected, baselineOf([before], true), startedAt, 'email x')
    expect(check.met).toBe(false)
    expect(check.findings[0]!.seen).toBe('zendesk_ticket_solved is on the profile but not new: count 2 as before the run, last 2026-11-24T11:00:00.000Z')
  })

  it('a late baseline (live mode) also accepts an event timed after the run started, give or take the minute placeholders round to', () => {
    const late = baselineOf([profile(1, '2026-11-24T12:00:00.000Z')], false)
    expect(checkProfiles([profile(1, '2026-11-24T12:00:00.000Z')], expected, late, new Date('2026-11-24T12:00:40Z'), 'x').met).toBe(true)
    expect(checkProfiles([profile(1, '2026-11-24T11:58:00.000Z')], expected, late, new Date('2026-11-24T12:00:40Z'), 'x').met).toBe(false)
  })

  it('says what the profile shows when it falls short, and when there is no profile yet', () => {
    const check = checkProfiles([profile(0, '', 7313)], expected, undefined, startedAt, 'email x')
    expect(check.findings.map((f) => f.seen)).toEqual([
      'zendesk_ticket_solved is not on the profile (it has nps_survey_submitted ×3)',
      'last_zendesk_ticket_id is 7313 (expected "7314")',
      'first_name is "Priya"',
    ])
    expect(checkProfiles([], expected, undefined, startedAt, 'email x').findings[0]).toEqual({ kind: 'event', name: 'zendesk_ticket_solved', met: false, seen: 'Braze has no profile with email x yet' })
  })

  it('among several profiles with one email, any that shows everything passes', () => {
    const other = { ...profile(0, ''), braze_id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }
    expect(checkProfiles([other, profile(1, '2026-11-24T12:00:30.000Z')], expected, undefined, startedAt, 'x').met).toBe(true)
  })

  it('expected values may hold Zendesk placeholders, rendered as plain text against the ticket', () => {
    const ticket = sampleFixture('zendesk/ticket-solved.json', 'zendesk-ticket')
    const id = String((ticket.ticket as { id: number }).id)
    expect(renderPlaceholderText('{{ticket.id}}', ticket, 'flows/x.yaml#verify')).toEqual({ text: id, diagnostics: [] })
    expect(renderPlaceholderText('plain', ticket, 'x').text).toBe('plain')
    expect(renderPlaceholderText('{{ticket.status}}', ticket, 'x').text).toBe('Solved')
  })
})
