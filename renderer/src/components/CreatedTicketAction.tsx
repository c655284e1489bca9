/**
 * After a Zendesk ticket create answered 201: keep the ticket the send created as a sample, fetched
 * from the sandbox with its users, organization, group and comments — the real record the
 * Zendesk → Braze direction will render against.
 */
import { useState } from 'react'
import type { SendResult } from '../../../shared/api/contract.js'
import { api } from '../api.js'
import { useStore } from '../store/index.js'

export function createdTicketId(response: NonNullable<SendResult['response']>): number | null {
  if (response.status !== 201 || !response.json) return null
  try {
    const id = (JSON.parse(response.body) as { ticket?: { id?: unknown } }).ticket?.id
    return typeof id === 'number' ? id : null
  } catch {
    return null
  }
}

export function CreatedTicketAction({ response, environment }: { response: NonNullable<SendResult['response']>; environment: string }) {
  const ticketId = createdTicketId(response)
  const [busy, setBusy] = useState(false)
  if (ticketId === null) return null
  const save = async () => {
    setBusy(true)
    const state = useStore.getState()
    try {
      const report = await api['import.sandbox']({ source: 'zendesk-ticket', id: String(ticketId), environment })
      await state.refreshItems()
      const saved = report.created[0]?.name
      state.notify(saved ? `Ticket ${ticketId} saved as the sample ${saved}.` : (report.skipped[0] ?? `Ticket ${ticketId} is already a sample.`))
    } catch (err) {
      state.reportError(err, `Could not save ticket ${ticketId} as a sample`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <button type="button" onClick={save} disabled={busy}>
      {busy ? 'Fetching the ticket…' : `Use ticket ${ticketId} as a sample`}
    </button>
  )
}
