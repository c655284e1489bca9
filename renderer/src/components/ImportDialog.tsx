/**
 * Bring real records and webhooks into the workspace: samples from a file or pasted text (a Braze
 * export, Zendesk tickets, a CSV of users), a sample straight from the sandbox, or a template
 * from a webhook that already lives in a dashboard. Nothing is ever overwritten; the report says
 * what was created, what was skipped and why, and the first item created is opened.
 */
import { EnvironmentOptions } from './EnvironmentPicker.js'
import { useId, useState, type FormEvent } from 'react'
import type { ImportSummary } from '../../../shared/api/contract.js'
import { parseHeaderLine } from '../../../shared/export/types.js'
import { HTTP_METHODS } from '../../../shared/template/methods.js'
import { nameProblem } from '../../../shared/workspace/layout.js'
import { api } from '../api.js'
import { describeError, type ShownError } from '../lib/errors.js'
import {
  formatSize,
  guessTextFormat,
  reportSummary,
  sandboxIdProblem,
  templateNameFromFile,
  TEXT_FORMATS,
  type SandboxSource,
  type TemplateSource,
  type TextFormat,
} from '../lib/imports.js'
import type { ItemRef } from '../lib/items.js'
import { useStore } from '../store/index.js'
import type { ImportMode } from '../store/uiSlice.js'
import { NameField } from './ItemDialogs.js'
import { Modal } from './Modal.js'
import { Tabs } from './Tabs.js'

const MODES: { id: ImportMode; label: string }[] = [
  { id: 'text', label: 'Samples from a file' },
  { id: 'sandbox', label: 'From the sandbox' },
  { id: 'template', label: 'Template from a dashboard' },
]

type Outcome =
  | { type: 'report'; report: ImportSummary }
  | { type: 'template'; name: string; notes: string[] }
  | { type: 'error'; error: ShownError }

/** Refreshes the sidebar, then opens what was created. */
async function showCreated(created: readonly ItemRef[]): Promise<void> {
  const state = useStore.getState()
  await state.refreshItems()
  const first = created[0]
  if (first) await state.openItem({ kind: first.kind, name: first.name })
}

export function ImportDialog({ mode, format }: { mode: ImportMode; format?: TextFormat }) {
  const close = () => useStore.getState().openDialog(null)
  const [tab, setTab] = useState<ImportMode>(mode)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true)
    setOutcome(null)
    try {
      setOutcome(await work())
    } catch (err) {
      setOutcome({ type: 'error', error: describeError(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title="Import" onCancel={close} className="wide">
      <Tabs
        label="Import from"
        tabs={MODES}
        selected={tab}
        onSelect={(next) => {
          setTab(next)
          setOutcome(null)
        }}
      >
        {tab === 'text' && <TextImport initialFormat={format} busy={busy} run={run} />}
        {tab === 'sandbox' && <SandboxImport busy={busy} run={run} />}
        {tab === 'template' && <TemplateImport busy={busy} run={run} />}
      </Tabs>
      <p className="visually-hidden" role="status" aria-live="polite">
        {busy ? 'Importing…' : ''}
      </p>
      {outcome && <ImportOutcome outcome={outcome} onOpen={close} />}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  )
}

interface FormProps {
  busy: boolean
  run(work: () => Promise<Outcome>): Promise<void>
}

interface PickedFile {
  name: string
  size: number
  text: string
}

/** A text area to paste into, or a file picked instead (read with `File.text()`, never shown whole: it may be large). */
function TextOrFile(props: {
  label: string
  text: string
  onText(text: string): void
  file: PickedFile | null
  onFile(file: PickedFile | null): void
  accept: string
  rows?: number
  placeholder?: string
}) {
  const { label, text, onText, file, onFile, accept, rows = 8, placeholder } = props
  const [reading, setReading] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const id = useId()

  const pick = async (input: HTMLInputElement) => {
    const picked = input.files?.[0]
    input.value = ''
    if (!picked) return
    setReading(picked.name)
    setFailure(null)
    try {
      onFile({ name: picked.name, size: picked.size, text: await picked.text() })
    } catch (err) {
      setFailure(`Could not read ${picked.name}: ${describeError(err).message}`)
    } finally {
      setReading(null)
    }
  }

  return (
    <div className="field text-or-file">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        spellCheck={false}
        value={file ? '' : text}
        placeholder={file ? `Using the file ${file.name}` : placeholder}
        disabled={file !== null}
        onChange={(e) => onText(e.target.value)}
      />
      <div className="file-pick">
        <label>
          <span>Or open a file</span> <input type="file" accept={accept} aria-label={`${label}: open a file`} onChange={(e) => void pick(e.currentTarget)} />
        </label>
        {reading && <span role="status">Reading {reading}…</span>}
        {file && (
          <span className="picked-file">
            Using <strong>{file.name}</strong> ({formatSize(file.size)}){' '}
            <button type="button" onClick={() => onFile(null)}>
              Use pasted text instead
            </button>
          </span>
        )}
      </div>
      {failure && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
    </div>
  )
}

function TextImport({ initialFormat, busy, run }: FormProps & { initialFormat: TextFormat | undefined }) {
  const [format, setFormat] = useState<TextFormat>(initialFormat ?? 'braze-export')
  const [text, setText] = useState('')
  const [file, setFile] = useState<PickedFile | null>(null)
  const content = file?.text ?? text
  const formatHint = TEXT_FORMATS.find((f) => f.id === format)?.hint

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (content.trim() === '') return
    void run(async () => {
      const report = await api['import.text']({ format, text: content, source: file?.name ?? 'pasted text' })
      await showCreated(report.created)
      return { type: 'report', report }
    })
  }

  return (
    <form onSubmit={submit} className="import-form">
      <div className="field">
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as TextFormat)}>
            {TEXT_FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <p className="hint-text">{formatHint}</p>
      </div>
      <TextOrFile
        label="Text to import"
        text={text}
        onText={setText}
        file={file}
        onFile={(picked) => {
          setFile(picked)
          const guessed = picked ? guessTextFormat(picked.name, picked.text) : null
          if (guessed) setFormat(guessed)
        }}
        accept=".json,.csv,.tsv,.txt,application/json,text/csv"
        placeholder={format === 'users-csv' ? 'external_id,first_name,email,custom_attributes.plan' : '{ "users": [ … ] }'}
      />
      <p className="hint-text">One sample file per user or ticket; a name already taken gets a number, nothing is overwritten.</p>
      <div className="dialog-buttons">
        <button type="submit" className="primary" disabled={busy || content.trim() === ''}>
          {busy ? 'Importing…' : 'Import samples'}
        </button>
      </div>
    </form>
  )
}

function SandboxImport({ busy, run }: FormProps) {
  const state = useStore()
  const items = state.items
  const selected = state.environmentName
  const environments = items.filter((i) => i.kind === 'environment')
  const [source, setSource] = useState<SandboxSource>('zendesk-ticket')
  const [id, setId] = useState('')
  const [environment, setEnvironment] = useState(selected ?? environments[0]?.name ?? '')
  const problem = sandboxIdProblem(source, id)
  const valid = id.trim() !== '' && problem === undefined && environment !== ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!valid) return
    void run(async () => {
      const report = await api['import.sandbox']({ source, id: id.trim(), environment })
      await showCreated(report.created)
      return { type: 'report', report }
    })
  }

  return (
    <form onSubmit={submit} className="import-form">
      <fieldset className="field">
        <legend>What to fetch</legend>
        <label>
          <input type="radio" name="sandbox-source" checked={source === 'zendesk-ticket'} onChange={() => setSource('zendesk-ticket')} /> A Zendesk ticket, by id
        </label>
        <label>
          <input type="radio" name="sandbox-source" checked={source === 'braze-user'} onChange={() => setSource('braze-user')} /> A Braze user, by external_id
        </label>
      </fieldset>
      <div className="field">
        <label>
          {source === 'zendesk-ticket' ? 'Ticket id' : 'External id'}
          <input value={id} onChange={(e) => setId(e.target.value)} inputMode={source === 'zendesk-ticket' ? 'numeric' : 'text'} aria-invalid={problem !== undefined} aria-describedby="sandbox-id-problem" spellCheck={false} />
        </label>
        <p id="sandbox-id-problem" className="field-problem" role="status">
          {problem ? `The id is not valid: ${problem}.` : ''}
        </p>
      </div>
      <div className="field">
        <label>
          Environment
          <select value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            {environments.length === 0 && <option value="">No environment yet</option>}
            <EnvironmentOptions />
          </select>
        </label>
      </div>
      <p className="hint-text">
        {source === 'zendesk-ticket'
          ? "Fetches the ticket with its users, organization, group and comments, authenticated as the environment's zendesk.auth says."
          : 'Fetches the user with /users/export/ids from the Braze instance the environment names (braze_instance), with its stored braze_rest_api_key (it needs the users.export.ids permission).'}
      </p>
      <div className="dialog-buttons">
        <button type="submit" className="primary" disabled={busy || !valid}>
          {busy ? 'Fetching…' : source === 'zendesk-ticket' ? 'Import the ticket' : 'Import the user'}
        </button>
      </div>
    </form>
  )
}

function TemplateImport({ busy, run }: FormProps) {
  const [from, setFrom] = useState<TemplateSource>('braze')
  const [name, setName] = useState('')
  const [text, setText] = useState('')
  const [file, setFile] = useState<PickedFile | null>(null)
  const [webhookText, setWebhookText] = useState('')
  const [webhookFile, setWebhookFile] = useState<PickedFile | null>(null)
  const [environment, setEnvironment] = useState('')
  const [adopt, setAdopt] = useState(false)
  // A body pasted from Braze's composer does not carry the webhook's URL, method and headers.
  const [url, setUrl] = useState('')
  const [method, setMethod] = useState('')
  const [headerText, setHeaderText] = useState('')
  const content = file?.text ?? text
  const webhook = from === 'zendesk-trigger' ? (webhookFile?.text ?? webhookText) : ''
  const headerLines = headerText.split('\n').filter((line) => line.trim() !== '')
  const headerRows = headerLines.map(parseHeaderLine)
  const badHeader = headerLines.find((_, i) => headerRows[i] === undefined)
  const valid = name !== '' && nameProblem('template', name) === undefined && content.trim() !== '' && (from !== 'braze' || badHeader === undefined)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!valid) return
    void run(async () => {
      const created = await api['import.template']({
        from,
        text: content,
        name,
        ...(webhook.trim() !== '' ? { webhookText: webhook } : {}),
        ...(environment !== '' ? { environment, adopt: adopt && from === 'zendesk-trigger' } : {}),
        ...(from === 'braze' && url.trim() !== '' ? { url: url.trim() } : {}),
        ...(from === 'braze' && method !== '' ? { method } : {}),
        ...(from === 'braze' && headerRows.length > 0 ? { headers: headerRows.filter((row) => row !== undefined) } : {}),
      })
      await showCreated([{ kind: 'template', name: created.name }])
      return { type: 'template', name: created.name, notes: created.notes }
    })
  }

  const pickMain = (picked: PickedFile | null) => {
    setFile(picked)
    if (picked && name === '') setName(templateNameFromFile(picked.name))
  }

  return (
    <form onSubmit={submit} className="import-form">
      <fieldset className="field">
        <legend>From</legend>
        <label>
          <input type="radio" name="template-source" checked={from === 'braze'} onChange={() => setFrom('braze')} /> A Braze webhook (Braze → Zendesk)
        </label>
        <label>
          <input type="radio" name="template-source" checked={from === 'zendesk-trigger'} onChange={() => setFrom('zendesk-trigger')} /> A Zendesk trigger
          and its webhook (Zendesk → Braze)
        </label>
      </fieldset>
      <NameField kind="template" value={name} onChange={setName} label="Template name" autoFocus={false} />
      {from === 'braze' ? (
        <>
          <TextOrFile
            key="braze"
            label="Braze webhook"
            text={text}
            onText={setText}
            file={file}
            onFile={pickMain}
            accept=".json,.txt,.liquid,application/json,text/plain"
            placeholder="The request body as pasted in the composer, a messaging-API webhook object, or an export of --for braze"
          />
          <fieldset className="field">
            <legend>The webhook's URL, method and headers, if the pasted text does not hold them</legend>
            <label>
              Webhook URL
              <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://acme.zendesk.com/api/v2/tickets.json" spellCheck={false} />
            </label>
            <label>
              HTTP method
              <select value={method} onChange={(e) => setMethod(e.target.value)}>
                <option value="">As the pasted text says (else POST)</option>
                {HTTP_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Request headers, one "Name: value" a line
              <textarea value={headerText} onChange={(e) => setHeaderText(e.target.value)} rows={3} spellCheck={false} aria-invalid={badHeader !== undefined} aria-describedby="import-header-problem" />
            </label>
            <p id="import-header-problem" className="field-problem" role="status">
              {badHeader !== undefined ? `"${badHeader.trim()}" is not a header: write it as "Name: value".` : ''}
            </p>
          </fieldset>
        </>
      ) : (
        <>
          <TextOrFile
            key="trigger"
            label="Trigger JSON"
            text={text}
            onText={setText}
            file={file}
            onFile={pickMain}
            accept=".json,application/json"
            placeholder='GET /api/v2/triggers/{id}, with or without {"trigger": …}'
          />
          <TextOrFile
            label="Webhook JSON (optional)"
            text={webhookText}
            onText={setWebhookText}
            file={webhookFile}
            onFile={setWebhookFile}
            accept=".json,application/json"
            rows={5}
            placeholder="GET /api/v2/webhooks/{id}: gives the endpoint, method and authentication"
          />
        </>
      )}
      <div className="field">
        <label>
          Environment it came from (optional)
          <select value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            <option value="">None</option>
            <EnvironmentOptions />
          </select>
        </label>
        <p className="hint-text">Its variables' values in the webhook become %{'{'}env.…{'}'} references again.</p>
      </div>
      {from === 'zendesk-trigger' && (
        <label className="inline-check">
          <input type="checkbox" checked={adopt && environment !== ''} disabled={environment === ''} onChange={(e) => setAdopt(e.target.checked)} /> Deploy updates
          this trigger and webhook in that environment's account, instead of creating copies
        </label>
      )}
      <p className="hint-text">
        A credential pasted in the clear is never written: it becomes a %{'{'}secret.…{'}'} reference, and the notes say which secret to store.
      </p>
      <div className="dialog-buttons">
        <button type="submit" className="primary" disabled={busy || !valid}>
          {busy ? 'Importing…' : 'Create template'}
        </button>
      </div>
    </form>
  )
}

function ImportOutcome({ outcome, onOpen }: { outcome: Outcome; onOpen(): void }) {
  const open = (ref: ItemRef) => {
    void useStore.getState().openItem(ref)
    onOpen()
  }
  if (outcome.type === 'error') {
    return (
      <section className="import-report" aria-label="Import report">
        <div role="alert" className="error-text">
          Nothing was imported: {outcome.error.message}
          {outcome.error.diagnostics.length > 0 && (
            <ul className="sample-problems">
              {outcome.error.diagnostics.map((d, i) => (
                <li key={i} className={d.severity}>
                  {d.file ? `${d.file}:` : ''}
                  {d.line}:{d.column}: {d.message}
                  {d.hint && <span className="hint-text"> {d.hint}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    )
  }
  if (outcome.type === 'template') {
    return (
      <section className="import-report" aria-label="Import report">
        <p role="status">
          Created the template {outcome.name}.{' '}
          <button type="button" onClick={() => open({ kind: 'template', name: outcome.name })}>
            Open {outcome.name}
          </button>
        </p>
        {outcome.notes.length > 0 && (
          <>
            <h4>Notes</h4>
            <ul className="import-notes">
              {outcome.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </>
        )}
      </section>
    )
  }
  const { report } = outcome
  return (
    <section className="import-report" aria-label="Import report">
      <p role="status">{reportSummary(report)}.</p>
      {report.created.length > 0 && (
        <>
          <h4>Created</h4>
          <ul aria-label="Created">
            {report.created.map((c) => (
              <li key={c.path}>
                <button type="button" onClick={() => open(c)}>
                  Open {c.name}
                </button>{' '}
                <span className="hint-text">{c.path}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <NoteList title="Skipped" notes={report.skipped} />
      <NoteList title="Warnings" notes={report.warnings} className="warning-text" />
      {report.errors.length > 0 && (
        <>
          <h4>Errors</h4>
          <ul aria-label="Errors" className="sample-problems">
            {report.errors.map((d, i) => (
              <li key={i} className={d.severity}>
                {d.file ? `${d.file}:` : ''}
                {d.line}:{d.column}: {d.message}
                {d.hint && <span className="hint-text"> {d.hint}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function NoteList({ title, notes, className }: { title: string; notes: readonly string[]; className?: string }) {
  if (notes.length === 0) return null
  return (
    <>
      <h4>{title}</h4>
      <ul aria-label={title} className={className}>
        {notes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
    </>
  )
}
