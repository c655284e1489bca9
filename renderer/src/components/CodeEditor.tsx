/**
 * One Monaco editor bound to an open item's draft in the store. Monaco loads on first use; each item keeps
 * its own model (undo history) and view state (scroll, cursor) while the app runs.
 */
import { useEffect, useRef, useState } from 'react'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { toMarkers } from '../editor/markers.js'
import { useStore } from '../store/index.js'

type Kit = typeof import('../editor/monacoSetup.js')
type Editor = import('monaco-editor/editor/editor.api').editor.IStandaloneCodeEditor
type ViewState = import('monaco-editor/editor/editor.api').editor.ICodeEditorViewState

let kitPromise: Promise<Kit> | undefined
const loadKit = () => (kitPromise ??= import('../editor/monacoSetup.js'))

const viewStates = new Map<string, ViewState | null>()

/** A problem as the Problems list shows it, whoever found it (the engine or the JSON schema). */
export interface EditorProblem {
  severity: Diagnostic['severity']
  message: string
  line: number
  column: number
  hint?: string
  code?: string
}

interface Props {
  itemKey: string
  /** The item's path: problems located in other files (content blocks) are not drawn here. */
  path: string
  label: string
  /** The engine's problems, shown as squiggles. */
  diagnostics: readonly Diagnostic[]
  /** Every marker on the model (the JSON schema's included), for the Problems list. */
  onProblems?(problems: EditorProblem[]): void
}

const SEVERITY_OF: Record<number, Diagnostic['severity']> = { 8: 'error', 4: 'warning', 2: 'info', 1: 'info' }

/** The draft as the store holds it now (the model's edits reach the store synchronously). */
const draftOf = (key: string) => useStore.getState().docs[key]?.draft ?? ''

export function CodeEditor({ itemKey, path, label, diagnostics, onProblems }: Props) {
  const text = useStore((s) => s.docs[itemKey]?.draft ?? '')
  const host = useRef<HTMLDivElement>(null)
  const [kit, setKit] = useState<Kit | null>(null)
  const [editor, setEditor] = useState<Editor | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [cursor, setCursor] = useState({ line: 1, column: 1 })
  const reportProblemsTo = useRef(onProblems)
  reportProblemsTo.current = onProblems

  useEffect(() => {
    loadKit().then(setKit, (err: unknown) => setFailure(`The editor could not load: ${String(err)}`))
  }, [])

  useEffect(() => {
    if (!kit || !host.current) return
    const created = kit.monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      wordBasedSuggestions: 'off',
      quickSuggestions: { other: true, strings: true, comments: false },
      suggestOnTriggerCharacters: true,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      ariaLabel: label,
    })
    const cursorListener = created.onDidChangeCursorPosition((e) => setCursor({ line: e.position.lineNumber, column: e.position.column }))
    setEditor(created)
    return () => {
      cursorListener.dispose()
      created.dispose()
      setEditor(null)
    }
  }, [kit])

  useEffect(() => {
    editor?.updateOptions({ ariaLabel: label })
  }, [editor, label])

  // Show this item's model; remember where the previous one was scrolled.
  useEffect(() => {
    if (!kit || !editor) return
    const model = kit.modelFor(itemKey, draftOf(itemKey))
    kit.replaceText(model, draftOf(itemKey))
    editor.setModel(model)
    const saved = viewStates.get(itemKey)
    if (saved) editor.restoreViewState(saved)
    const changes = model.onDidChangeContent(() => useStore.getState().setDraft(itemKey, model.getValue()))
    const reportProblems = () => {
      const markers = kit.monaco.editor.getModelMarkers({ resource: model.uri })
      reportProblemsTo.current?.(
        markers
          .map((m) => ({
            severity: SEVERITY_OF[m.severity] ?? 'info',
            message: m.message,
            line: m.startLineNumber,
            column: m.startColumn,
            ...(typeof m.code === 'string' ? { code: m.code } : {}),
          }))
          .sort((a, b) => a.line - b.line || a.column - b.column),
      )
    }
    const markerChanges = kit.monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === model.uri.toString())) reportProblems()
    })
    reportProblems()
    return () => {
      viewStates.set(itemKey, editor.saveViewState())
      changes.dispose()
      markerChanges.dispose()
    }
  }, [kit, editor, itemKey])

  // A draft replaced from outside (reload from disk, conflict resolution). Compared with the
  // store's current draft, not this render's: keystrokes typed since must never be undone.
  useEffect(() => {
    const model = editor?.getModel()
    if (kit && model && model.getValue() !== draftOf(itemKey)) kit.replaceText(model, draftOf(itemKey))
  }, [kit, editor, text, itemKey])

  useEffect(() => {
    const model = editor?.getModel()
    if (kit && model) kit.monaco.editor.setModelMarkers(model, 'hookbench', toMarkers(diagnostics.filter((d) => !d.file || d.file === path)))
  }, [kit, editor, diagnostics, itemKey, path])

  // Move the cursor where a clicked problem points.
  const reveal = useStore((s) => s.reveal)
  useEffect(() => {
    if (!editor || !reveal || reveal.key !== itemKey) return
    const position = { lineNumber: reveal.line, column: reveal.column }
    editor.setPosition(position)
    editor.revealPositionInCenter(position)
    editor.focus()
  }, [editor, reveal, itemKey])

  if (failure) return <p role="alert" className="editor-failure">{failure}</p>
  return (
    <div className="code-editor">
      <div ref={host} className="code-editor-host" data-testid="code-editor" aria-busy={!editor} />
      <div className="status-bar" aria-live="off">
        {editor ? (
          <span aria-label="Cursor position">
            Ln {cursor.line}, Col {cursor.column}
          </span>
        ) : (
          <span>Loading the editor…</span>
        )}
      </div>
    </div>
  )
}
