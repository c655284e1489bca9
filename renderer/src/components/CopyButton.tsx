/** Copy one value to the clipboard, with a visible (and announced) "Copied" that fades after a moment. */
import { useEffect, useState } from 'react'
import { copyText } from '../lib/clipboard.js'

const SHOWN_MS = 2500

export function CopyButton({ text, label }: { text: string; label: string }) {
  // `at` restarts the fade when the same value is copied again.
  const [outcome, setOutcome] = useState<{ state: 'copied' | 'failed'; at: number } | null>(null)
  const state = outcome?.state ?? 'idle'

  useEffect(() => {
    if (outcome?.state !== 'copied') return
    const timer = setTimeout(() => setOutcome(null), SHOWN_MS)
    return () => clearTimeout(timer)
  }, [outcome])

  const copy = async () => {
    try {
      await copyText(text)
      setOutcome({ state: 'copied', at: Date.now() })
    } catch {
      setOutcome({ state: 'failed', at: Date.now() })
    }
  }

  return (
    <span className="copy">
      <button type="button" aria-label={`Copy ${label}`} onClick={() => void copy()}>
        Copy
      </button>
      <span role="status" className={`copy-status ${state}`}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text and copy it by hand.' : ''}
      </span>
    </span>
  )
}
